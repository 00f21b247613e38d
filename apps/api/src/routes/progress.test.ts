import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { BulkUpdateResponse, HistoryEntryResponse, pageOf, ProgressResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const patch = (token: string | null, body: unknown, ifMatch: string | null = '"0"', unit = UNIT_A) =>
  t.app.request(progressPath(unit), {
    method: "PATCH",
    headers: asCaller(token, ifMatch === null ? {} : { "If-Match": ifMatch }),
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const historyOf = async (unit: string) =>
  expectJson(await t.app.request(`/api/history/units/${encodeURIComponent(unit)}`), pageOf(HistoryEntryResponse));

describe("GET progress", () => {
  test("a never-changed row is version 0, and the ETag says so", async () => {
    const res = await t.app.request(progressPath(UNIT_A));
    expect(res.headers.get("etag")).toBe('"0"');
    const progress = await expectJson(res, ProgressResponse);
    expect(progress).toMatchObject({ itemId: "chengdu-2015/1#task", unitId: UNIT_A, status: "not_started", version: 0, updatedBy: null });
  });

  test("unknown item, unit or plan → 404", async () => {
    await expectProblem(await t.app.request(progressPath(UNIT_A, { planId: "chengdu-2015", number: 999, item: "task" })), "not-found");
    await expectProblem(await t.app.request(progressPath("成都市:没有这个单位")), "not-found");
    await expectProblem(await t.app.request(progressPath(UNIT_A, { planId: "nowhere-2020", number: 1, item: "task" })), "not-found");
  });

  test("malformed ids → 400 naming the path parameter", async () => {
    const problem = await expectProblem(await t.app.request("/api/progress/chengdu-2015/0/task/x"), "validation-failed");
    expect(problem.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["path.number", "path.unitId"]));
    const item = await expectProblem(await t.app.request(`/api/progress/chengdu-2015/1/milestone/${encodeURIComponent(UNIT_A)}`), "validation-failed");
    expect(item.errors?.[0]?.path).toBe("path.item");
  });
});

describe("PATCH progress", () => {
  test("an office updates its own unit's row; version, ETag, author and history follow", async () => {
    const res = await patch(t.tokens.officeA, { status: "in_progress", percent: 40, note: "已起草", comment: "第一次填报" });
    expect(res.headers.get("etag")).toBe('"1"');
    const progress = await expectJson(res, ProgressResponse);
    expect(progress).toMatchObject({ status: "in_progress", percent: 40, note: "已起草", version: 1, updatedBy: "市政府法制办 office" });

    const again = await expectJson(await t.app.request(progressPath(UNIT_A)), ProgressResponse);
    expect(again).toEqual(progress);

    const history = await historyOf(UNIT_A);
    expect(history.total).toBe(1);
    expect(history.items[0]).toMatchObject({
      itemId: "chengdu-2015/1#task",
      unitId: UNIT_A,
      version: 1,
      actor: "市政府法制办 office",
      source: "api",
      note: "第一次填报",
      before: { status: "not_started", percent: 0 },
      after: { status: "in_progress", percent: 40, note: "已起草" },
    });
  });

  test("未开始 80 % and 已完成 10 % → 422 progress-inconsistent naming percent; nothing changes", async () => {
    for (const body of [{ status: "not_started", percent: 80 }, { status: "done", percent: 10 }]) {
      const problem = await expectProblem(await patch(t.tokens.officeA, body), "progress-inconsistent");
      expect(problem.field).toBe("percent");
      expect(problem.errors?.map((e) => e.path)).toEqual(["body.percent"]);
    }
    expect((await expectJson(await t.app.request(progressPath(UNIT_A)), ProgressResponse)).version).toBe(0);
    // A status alone brings its percent.
    expect(await expectJson(await patch(t.tokens.officeA, { status: "done" }), ProgressResponse)).toMatchObject({ status: "done", percent: 100 });
    const bulkRefused = await expectProblem(
      await t.app.request("/api/progress/bulk", {
        method: "POST",
        headers: asCaller(t.tokens.officeA),
        body: JSON.stringify({ updates: [{ itemId: "chengdu-2015/1#task", unitId: UNIT_A, version: 1, patch: { status: "in_progress", percent: 100 } }] }),
      }),
      "bulk-rejected",
      422,
    );
    expect(bulkRefused.results?.[0]?.error?.code).toBe("inconsistent");
  });

  test("If-Match accepts \"1\", W/\"1\" and 1", async () => {
    await expectJson(await patch(t.tokens.officeA, { percent: 10 }, '"0"'), ProgressResponse);
    await expectJson(await patch(t.tokens.officeA, { percent: 20 }, 'W/"1"'), ProgressResponse);
    const last = await expectJson(await patch(t.tokens.officeA, { percent: 30 }, "2"), ProgressResponse);
    expect(last).toMatchObject({ percent: 30, version: 3 });
  });

  test("no If-Match → 428 and nothing changes", async () => {
    await expectProblem(await patch(t.tokens.officeA, { percent: 10 }, null), "precondition-required");
    expect((await historyOf(UNIT_A)).total).toBe(0);
  });

  test("an If-Match that is not a version → 400", async () => {
    const problem = await expectProblem(await patch(t.tokens.officeA, { percent: 10 }, '"abc"'), "validation-failed");
    expect(problem.errors?.[0]?.path).toBe("header.if-match");
  });

  test("a stale version → 412 with the current progress, and the loser's change is not applied", async () => {
    const first = await expectJson(await patch(t.tokens.officeA, { status: "in_progress", percent: 50 }), ProgressResponse);
    const problem = await expectProblem(await patch(t.tokens.officeA, { status: "done" }, '"0"'), "stale-version");
    expect(problem.current).toEqual(first);
    const now = await expectJson(await t.app.request(progressPath(UNIT_A)), ProgressResponse);
    expect(now.status).toBe("in_progress");
    expect((await historyOf(UNIT_A)).total).toBe(1);
  });

  test("a version from the future is stale too", async () => {
    const problem = await expectProblem(await patch(t.tokens.officeA, { percent: 1 }, '"7"'), "stale-version");
    expect(problem.current?.version).toBe(0);
  });

  test("an office cannot change another unit's row: 403 and nothing changes", async () => {
    await expectProblem(await patch(t.tokens.officeA, { status: "done" }, '"0"', UNIT_B), "forbidden");
    const b = await expectJson(await t.app.request(progressPath(UNIT_B)), ProgressResponse);
    expect(b).toMatchObject({ status: "not_started", version: 0 });
    expect((await historyOf(UNIT_B)).total).toBe(0);
  });

  test("an admin may change any unit's row; a viewer none; without a token → 401", async () => {
    await expectJson(await patch(t.tokens.admin, { status: "blocked" }, '"0"', UNIT_B), ProgressResponse);
    await expectProblem(await patch(t.tokens.viewer, { status: "done" }, '"1"', UNIT_B), "forbidden");
    await expectProblem(await patch(null, { status: "done" }, '"1"', UNIT_B), "unauthorized");
    await expectProblem(await patch("tz_not_a_token", { status: "done" }, '"1"', UNIT_B), "invalid-token");
    expect((await historyOf(UNIT_B)).total).toBe(1);
  });

  test("invalid fields → 400 listing each field; unknown fields are refused", async () => {
    const problem = await expectProblem(
      await patch(t.tokens.officeA, { status: "finished", percent: 101, evidence: [{ description: "", url: "ftp://x" }] }),
      "validation-failed",
    );
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["body.status", "body.percent"]));
    expect(paths.some((p) => p.startsWith("body.evidence.0"))).toBe(true);
    await expectProblem(await patch(t.tokens.officeA, { percent: 10, version: 3 }), "validation-failed");
    await expectProblem(await patch(t.tokens.officeA, {}), "validation-failed");
    await expectProblem(await patch(t.tokens.officeA, { comment: "只有备注" }), "validation-failed");
    expect((await historyOf(UNIT_A)).total).toBe(0);
  });

  test("malformed JSON → 400; another content type → 415; no body → 400", async () => {
    await expectProblem(await patch(t.tokens.officeA, '{"percent": 1'), "malformed-json");
    await expectProblem(
      await t.app.request(progressPath(UNIT_A), {
        method: "PATCH",
        headers: { Authorization: `Bearer ${t.tokens.officeA}`, "If-Match": '"0"', "Content-Type": "text/plain" },
        body: "percent=1",
      }),
      "unsupported-media-type",
    );
    await expectProblem(
      await t.app.request(progressPath(UNIT_A), {
        method: "PATCH",
        headers: { Authorization: `Bearer ${t.tokens.officeA}`, "If-Match": '"0"', "Content-Type": "application/json" },
      }),
      "malformed-json",
    );
  });

  test("measured value and evidence round-trip", async () => {
    const body = {
      measuredValue: { value: 93, unit: "%", asOf: "2020-06-01" },
      evidence: [{ description: "出庭应诉统计表", url: "https://example.gov.cn/stats.pdf" }],
    };
    const progress = await expectJson(await patch(t.tokens.officeA, body), ProgressResponse);
    expect(progress).toMatchObject(body);
  });
});

describe("POST progress/bulk", () => {
  const bulk = (token: string | null, updates: unknown[]) =>
    t.app.request("/api/progress/bulk", { method: "POST", headers: asCaller(token), body: JSON.stringify({ updates }) });
  const update = (unitId: string, version: number, patchBody: Record<string, unknown>, itemId = "chengdu-2015/1#task") => ({
    itemId,
    unitId,
    version,
    patch: patchBody,
  });

  test("applies every update in one go", async () => {
    const result = await expectJson(
      await bulk(t.tokens.officeA, [update(UNIT_A, 0, { status: "done" }), update(UNIT_A, 0, { status: "in_progress" }, "chengdu-2015/3#task")]),
      BulkUpdateResponse,
    );
    expect(result.results.map((r) => [r.index, r.progress.status, r.progress.version])).toEqual([
      [0, "done", 1],
      [1, "in_progress", 1],
    ]);
    expect((await historyOf(UNIT_A)).total).toBe(2);
  });

  test("one stale update → 412 with a per-item report, and nothing is applied", async () => {
    await expectJson(await patch(t.tokens.officeA, { percent: 5 }), ProgressResponse);
    const problem = await expectProblem(
      await bulk(t.tokens.officeA, [update(UNIT_A, 0, { status: "done" }, "chengdu-2015/3#task"), update(UNIT_A, 0, { status: "done" })]),
      "bulk-rejected",
      412,
    );
    expect(problem.results?.map((r) => r.error?.code)).toEqual(["not_applied", "stale_version"]);
    expect(problem.results?.[1]?.error?.current?.version).toBe(1);
    const three = await expectJson(await t.app.request(progressPath(UNIT_A, { planId: "chengdu-2015", number: 3, item: "task" })), ProgressResponse);
    expect(three.version).toBe(0);
  });

  test("an office's bulk touching another unit → 403, nothing applied", async () => {
    const problem = await expectProblem(
      await bulk(t.tokens.officeA, [update(UNIT_A, 0, { status: "done" }), update(UNIT_B, 0, { status: "done" })]),
      "bulk-rejected",
      403,
    );
    expect(problem.results?.[1]?.error?.code).toBe("forbidden");
    expect((await historyOf(UNIT_A)).total).toBe(0);
  });

  test("an unknown row → 404; viewers and anonymous callers are refused; bad bodies → 400", async () => {
    await expectProblem(await bulk(t.tokens.admin, [update(UNIT_A, 0, { status: "done" }, "chengdu-2015/999#task")]), "bulk-rejected", 404);
    await expectProblem(await bulk(t.tokens.viewer, [update(UNIT_A, 0, { status: "done" })]), "forbidden");
    await expectProblem(await bulk(null, [update(UNIT_A, 0, { status: "done" })]), "unauthorized");
    await expectProblem(await bulk(t.tokens.admin, []), "validation-failed");
    const problem = await expectProblem(await bulk(t.tokens.admin, [{ itemId: "x", unitId: UNIT_A, version: -1, patch: {} }]), "validation-failed");
    expect(problem.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["body.updates.0.itemId", "body.updates.0.version"]));
  });

  test("at most 500 updates", async () => {
    const updates = Array.from({ length: 501 }, () => update(UNIT_A, 0, { percent: 1 }));
    const problem = await expectProblem(await bulk(t.tokens.admin, updates), "validation-failed");
    expect(z.array(z.object({ path: z.string() })).parse(problem.errors)[0]?.path).toBe("body.updates");
  });
});

describe("责任人 (responsible person)", () => {
  const zhang = { name: "张伟", post: "法规科科长", contact: "028-61881234" };

  test("the office names one with a progress change; history carries it; the checklist lists 'items where I am the responsible person'", async () => {
    const named = await expectJson(await patch(t.tokens.officeA, { responsiblePerson: zhang }), ProgressResponse);
    expect(named).toMatchObject({ responsiblePerson: zhang, version: 1 });
    const history = await historyOf(UNIT_A);
    expect(history.items[0]?.after.responsiblePerson).toEqual(zhang);
    expect(history.items[0]?.before.responsiblePerson).toBeNull();

    const Checklist = z.object({ items: z.array(z.object({ item: z.object({ id: z.string() }), progress: z.object({ responsiblePerson: z.unknown() }) })) });
    const mine = await expectJson(await t.app.request(`/api/units/${encodeURIComponent(UNIT_A)}/checklist?responsiblePerson=${encodeURIComponent("张伟")}`), Checklist);
    expect(mine.items.map((i) => i.item.id)).toEqual(["chengdu-2015/1#task"]);
    const inPlan = await expectJson(await t.app.request(`/api/plans/chengdu-2015/checklist?responsiblePerson=${encodeURIComponent("张伟")}`), Checklist);
    expect(inPlan.items).toHaveLength(1);
    const nobody = await expectJson(await t.app.request(`/api/units/${encodeURIComponent(UNIT_A)}/checklist?responsiblePerson=${encodeURIComponent("李娜")}`), Checklist);
    expect(nobody.items).toEqual([]);
  });

  test("another unit's office may not name one; a bad person is a 400 naming the field", async () => {
    await expectProblem(await patch(t.tokens.officeB, { responsiblePerson: zhang }), "forbidden");
    const bad = await expectProblem(await patch(t.tokens.officeA, { responsiblePerson: { name: "", post: null, contact: null } }), "validation-failed");
    expect(z.array(z.object({ path: z.string() })).parse(bad.errors).map((e) => e.path)).toContain("body.responsiblePerson.name");
    const extra = await expectProblem(await patch(t.tokens.officeA, { responsiblePerson: { name: "张伟", post: null, contact: null, idNumber: "x" } }), "validation-failed");
    expect(JSON.stringify(extra.errors)).toContain("responsiblePerson");
  });
});
