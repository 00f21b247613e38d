import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createTestApi, TEST_UNITS, type TestApi } from "@taizhang/test-kit";
import { routes } from "@taizhang/contract";
import type { PlanId } from "@taizhang/core";
import { EVIDENCE_SAMPLES } from "@taizhang/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, createTaizhangClient, TaizhangApiError, TaizhangNetworkError } from "./index.js";

// The real app on a real port, as a service would reach it.
let api: TestApi;
let server: ServerType;
let baseUrl = "";
const tokens = { office: "", other: "" };
const UNIT = TEST_UNITS.A;
const ITEM = "chengdu-2015/1#task";

beforeAll(async () => {
  // The real clock: the test-kit's fixed one would put every deadline of the plans in the future.
  api = await createTestApi({ clock: () => new Date() });
  tokens.office = api.tokens.officeA;
  tokens.other = api.tokens.officeB;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: api.handler, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await api.close();
});

describe("@taizhang/client", () => {
  it("uploads an evidence file, attaches it with updateProgress, and reads its bytes back by the row", async () => {
    // Task 3, which unit A leads: the other tests count versions of task 1.
    const EVIDENCE_ITEM = "chengdu-2015/3#task";
    const client = createTaizhangClient({ baseUrl, token: tokens.office });
    const pdf = EVIDENCE_SAMPLES.pdf();
    const { file } = await client.uploadEvidenceFile(EVIDENCE_ITEM, UNIT, new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), "会议纪要.pdf");
    expect(file).toMatchObject({ name: "会议纪要.pdf", mediaType: "application/pdf", size: pdf.length });
    const before = await client.progress(EVIDENCE_ITEM, UNIT);
    await client.updateProgress(EVIDENCE_ITEM, UNIT, { evidence: [...before.evidence, { description: "会议纪要", url: null, file }] }, { version: before.version });
    const reader = createTaizhangClient({ baseUrl });
    const back = await reader.evidenceFile(EVIDENCE_ITEM, UNIT, file.sha256);
    expect(back).toMatchObject({ type: "application/pdf", name: "会议纪要.pdf" });
    expect(Buffer.from(back.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(reader.evidenceFileUrl(EVIDENCE_ITEM, UNIT, file.sha256)).toBe(`${baseUrl.replace(/\/$/, "")}/api/progress/chengdu-2015/3/task/${encodeURIComponent(UNIT)}/evidence/${file.sha256}`);
    const refused = await createTaizhangClient({ baseUrl, token: tokens.other }).uploadEvidenceFile(EVIDENCE_ITEM, UNIT, new Blob([pdf as Uint8Array<ArrayBuffer>])).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TaizhangApiError);
    expect((refused as TaizhangApiError).status).toBe(403);
  });

  it("sends a form as a raw body with the multipart type and boundary fetch sets (a plan's file for importPlan)", async () => {
    const admin = api.tokens.admin;
    const client = createTaizhangClient({ baseUrl, token: admin });
    const form = new FormData();
    form.set("file", new File(["乌海市人民政府关于加快建设法治政府的实施意见\n一、总体要求\n2017年全面推进。\n二、主要任务\n(一)依法全面履行政府职能\n1.深化行政审批制度改革。2017年6月底前完成。\n"], "wuhai.txt", { type: "text/plain" }));
    const result = await client.call(routes.importPlan, { query: { dryRun: true } }, { raw: { body: form } });
    expect(result.stored).toBe(false);
    expect(result.plan.tasks.map((t) => t.title)).toEqual(["深化行政审批制度改革"]);
  });

  it("reads plans, a plan, pages of tasks (and all of them), a task, and searches", async () => {
    const client = createTaizhangClient({ baseUrl });
    expect((await client.plans()).map((p) => p.id)).toContain("chengdu-2015");
    expect((await client.plan("chengdu-2015")).tasks.length).toBeGreaterThan(40);
    const page = await client.tasks({ planId: "chengdu-2015", theme: "oversight" }, { limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).not.toBeNull();
    const all = [];
    for await (const task of client.allTasks({ planId: "chengdu-2015", theme: "oversight" })) all.push(task.id);
    expect(all).toHaveLength(page.total);
    expect((await client.task("chengdu-2015/1")).task.title).toBe("深化行政审批制度改革");
    const found = await client.search("行政復議", { planId: "chengdu-2015" });
    expect(found.hits.map((h) => h.taskId)).toContain("chengdu-2015/38");
  });

  it("reads a checklist a page at a time, and all of it by following nextCursor", async () => {
    const client = createTaizhangClient({ baseUrl });
    const whole = (await api.ledger.checklist({ planId: "chengdu-2015" as PlanId })).map((r) => `${r.item.id}|${r.unitId}`);
    expect(whole.length).toBeGreaterThan(100);
    const first = await client.planChecklist("chengdu-2015", { limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await client.planChecklist("chengdu-2015", { limit: 50, cursor: first.nextCursor ?? "" });
    expect([...first.items, ...second.items].map((e) => `${e.item.id}|${e.unitId}`)).toEqual(whole.slice(0, 100));
    const all = [];
    for await (const entry of client.allChecklist("chengdu-2015")) all.push(`${entry.item.id}|${entry.unitId}`);
    expect(all).toEqual(whole);
    const mine = [];
    for await (const entry of client.allUnitChecklist(UNIT, { planId: "chengdu-2015" })) mine.push(entry.unitId);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine)).toEqual(new Set([UNIT]));
  });

  it("updates progress with version handling: reads the version itself, and a stale version is a ConflictError with what is stored", async () => {
    const client = createTaizhangClient({ baseUrl, token: tokens.office });
    const first = await client.updateProgress(ITEM, UNIT, { status: "in_progress", percent: 30 }, { comment: "季度填报" });
    expect(first).toMatchObject({ status: "in_progress", percent: 30, version: 1 });
    const second = await client.updateProgress(ITEM, UNIT, { percent: 40 }, { version: first.version });
    expect(second.version).toBe(2);
    const stale = await client.updateProgress(ITEM, UNIT, { percent: 99 }, { version: first.version }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).current).toMatchObject({ percent: 40, version: 2 });
    expect((stale as ConflictError).kind).toBe("stale-version");
    const history = await client.history({ itemId: ITEM });
    expect(history.items.map((h) => h.version)).toEqual([2, 1]);
  });

  it("throws TaizhangApiError with the problem for refusals and bad input, and TaizhangNetworkError when nobody answers", async () => {
    const other = createTaizhangClient({ baseUrl, token: tokens.other });
    const forbidden = await other.updateProgress(ITEM, UNIT, { percent: 1 }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(TaizhangApiError);
    expect((forbidden as TaizhangApiError).status).toBe(403);
    expect((forbidden as TaizhangApiError).kind).toBe("forbidden");
    const invalid = await createTaizhangClient({ baseUrl, token: tokens.office })
      .updateProgress(ITEM, UNIT, { percent: 101 })
      .catch((e: unknown) => e);
    expect((invalid as TaizhangApiError).problem.errors?.[0]?.path).toBe("body.percent");
    await expect(createTaizhangClient({ baseUrl }).task("chengdu-2015/999")).rejects.toMatchObject({ status: 404, kind: "not-found" });
    await expect(createTaizhangClient({ baseUrl: "http://127.0.0.1:9" }).plans()).rejects.toBeInstanceOf(TaizhangNetworkError);
    await expect(createTaizhangClient({ baseUrl }).progress("not-an-item", UNIT)).rejects.toThrow(/not a checklist item id/);
  });
});
