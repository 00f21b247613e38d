import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { AssignmentHistoryPage, ChecklistResponse, TaskDetailResponse, TaskResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

const AssignmentPage = AssignmentHistoryPage;
const OrphanedRows = z.object({
  taskId: z.string(),
  items: z.array(z.object({ item: z.object({ id: z.string() }), unitId: z.string(), role: z.string(), progress: z.object({ status: z.string(), note: z.string(), version: z.number() }) })),
  asOf: z.string(),
});

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

const assign = (token: string | null, body: unknown, path = "/api/tasks/chengdu-2015/1/units") =>
  t.app.request(path, { method: "PUT", headers: asCaller(token), body: JSON.stringify(body) });
const patch = (token: string, unitId: string, version: number, body: unknown) =>
  t.app.request(progressPath(unitId), { method: "PATCH", headers: asCaller(token, { "If-Match": `"${version}"` }), body: JSON.stringify(body) });

describe("changing the units of a task the plan names units for (issue 14, item 6)", () => {
  test("empty lists are refused without replace and a reason: nothing changes, offices keep their rows", async () => {
    await expectJson(await patch(t.tokens.officeA, UNIT_A, 0, { status: "done", percent: 100, note: "已完成" }), z.object({ version: z.number() }));
    const problem = await expectProblem(await assign(t.tokens.admin, { lead: [], responsible: [] }), "units-named-by-plan");
    expect(problem.detail).toContain("replace=true");
    await expectProblem(await assign(t.tokens.admin, { lead: [], responsible: [], replace: true }), "invalid-request");
    await expectProblem(await assign(t.tokens.admin, { lead: [], responsible: [], replace: true, reason: "" }), "validation-failed");
    await expectProblem(await assign(t.tokens.admin, { lead: [], responsible: [], extra: 1, replace: "yes" }), "validation-failed");
    const detail = await expectJson(await t.app.request("/api/tasks/chengdu-2015/1"), TaskDetailResponse);
    expect(detail.units.length).toBe(6);
    const mine = await expectJson(await t.app.request(`/api/units/${encodeURIComponent(UNIT_A)}/checklist?planId=chengdu-2015`), ChecklistResponse);
    expect(mine.items.some((e) => e.item.id === "chengdu-2015/1#task" && e.progress.status === "done")).toBe(true);
    const history = await expectJson(await t.app.request("/api/history/assignments?taskId=chengdu-2015/1"), AssignmentPage);
    expect(history.total).toBe(0);
  });

  test("with replace and a reason: written to the assignment history; the removed units' progress is kept, shown to admins, and comes back", async () => {
    await expectJson(await patch(t.tokens.officeA, UNIT_A, 0, { status: "done", percent: 100, note: "已完成" }), z.object({ version: z.number() }));
    const task = await expectJson(await assign(t.tokens.admin, { lead: [], responsible: [], replace: true, reason: "该项由市政府统一部署" }), TaskResponse);
    expect([...task.lead, ...task.responsible]).toEqual([]);

    // The office's row is out of the checklist and read-only (409), but not gone.
    const mine = await expectJson(await t.app.request(`/api/units/${encodeURIComponent(UNIT_A)}/checklist?planId=chengdu-2015`), ChecklistResponse);
    expect(mine.items.some((e) => e.item.id === "chengdu-2015/1#task")).toBe(false);
    await expectProblem(await patch(t.tokens.officeA, UNIT_A, 1, { note: "补充" }), "conflict");
    await expectProblem(await t.app.request("/api/tasks/chengdu-2015/1/orphaned", { headers: asCaller(t.tokens.officeA) }), "forbidden");
    await expectProblem(await t.app.request("/api/tasks/chengdu-2015/1/orphaned", { headers: asCaller(t.tokens.viewer) }), "forbidden");
    await expectProblem(await t.app.request("/api/tasks/chengdu-2015/1/orphaned"), "unauthorized");
    const orphaned = await expectJson(await t.app.request("/api/tasks/chengdu-2015/1/orphaned", { headers: asCaller(t.tokens.admin) }), OrphanedRows);
    expect(orphaned.items).toContainEqual(
      expect.objectContaining({ unitId: UNIT_A, item: expect.objectContaining({ id: "chengdu-2015/1#task" }), progress: expect.objectContaining({ status: "done", version: 1 }) }),
    );
    expect(new Set(orphaned.items.map((r) => r.unitId)).size).toBe(6);

    const [entry] = (await expectJson(await t.app.request("/api/history/assignments?taskId=chengdu-2015/1"), AssignmentPage)).items;
    expect(entry).toMatchObject({ kind: "remove", actor: "测试管理员", source: "api", reason: "该项由市政府统一部署", after: { lead: [], responsible: [] } });
    expect(entry?.before.lead).toEqual([UNIT_B]);
    expect(entry?.orphaned).toContainEqual({ itemId: "chengdu-2015/1#task", unitId: UNIT_A, version: 1 });

    await expectJson(await assign(t.tokens.admin, { lead: ["市委编办"], responsible: ["市政府法制办"], replace: true, reason: "恢复" }), TaskResponse);
    const back = await expectJson(await t.app.request(`/api/units/${encodeURIComponent(UNIT_A)}/checklist?planId=chengdu-2015`), ChecklistResponse);
    expect(back.items.find((e) => e.item.id === "chengdu-2015/1#task")?.progress).toMatchObject({ status: "done", note: "已完成", version: 1 });
    const page = await expectJson(await t.app.request("/api/history/assignments?planId=chengdu-2015&limit=1"), AssignmentPage);
    expect(page.total).toBe(2);
    expect(page.items[0]?.restored).toContainEqual({ itemId: "chengdu-2015/1#task", unitId: UNIT_A, version: 1 });
    expect(page.nextCursor).not.toBeNull();
  });

  test("units are looked up in the task's own jurisdiction: 成都's offices are no units of 包头's plan", async () => {
    const problem = await expectProblem(await assign(t.tokens.admin, { lead: ["市委编办"], responsible: [] }, "/api/tasks/baotou-2016/1/units"), "invalid-request");
    expect(problem.detail).toContain("包头市");
    expect((await expectJson(await t.app.request("/api/history/assignments?planId=baotou-2016"), AssignmentPage)).total).toBe(0);
  });
});
