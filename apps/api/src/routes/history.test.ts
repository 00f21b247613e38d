import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HistoryEntryResponse, pageOf } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
const HistoryPage = pageOf(HistoryEntryResponse);
const ITEM3 = { planId: "chengdu-2015", number: 3, item: "task" } as const;

beforeAll(async () => {
  t = await createTestApp();
  // Four changes: A on item 1 twice, A on item 3, an admin on B's item 1.
  const write = async (unit: string, token: string, version: number, body: object, item?: typeof ITEM3) => {
    const res = await t.app.request(progressPath(unit, item), {
      method: "PATCH",
      headers: asCaller(token, { "If-Match": `"${version}"` }),
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  await write(UNIT_A, t.tokens.officeA, 0, { status: "in_progress" });
  await write(UNIT_A, t.tokens.officeA, 1, { percent: 60 });
  await write(UNIT_A, t.tokens.officeA, 0, { status: "done" }, ITEM3);
  await write(UNIT_B, t.tokens.admin, 0, { note: "已督办" });
});
afterAll(async () => {
  await t.close();
});

const get = async (path: string) => expectJson(await t.app.request(path), HistoryPage);

describe("history", () => {
  test("everything, newest first", async () => {
    const all = await get("/api/history");
    expect(all.total).toBe(4);
    expect(all.items.map((h) => [h.unitId, h.itemId, h.version])).toEqual([
      [UNIT_B, "chengdu-2015/1#task", 1],
      [UNIT_A, "chengdu-2015/3#task", 1],
      [UNIT_A, "chengdu-2015/1#task", 2],
      [UNIT_A, "chengdu-2015/1#task", 1],
    ]);
    expect(all.items[0]).toMatchObject({ actor: "测试管理员", after: { note: "已督办" } });
  });

  test("per plan, unit and item, by query or by path", async () => {
    expect((await get("/api/history?planId=chengdu-2015")).total).toBe(4);
    expect((await get("/api/history/plans/chengdu-2015")).total).toBe(4);
    expect((await get("/api/history/plans/baotou-2016")).total).toBe(0);
    expect((await get(`/api/history?unitId=${encodeURIComponent(UNIT_A)}`)).total).toBe(3);
    expect((await get(`/api/history/units/${encodeURIComponent(UNIT_A)}`)).total).toBe(3);
    expect((await get(`/api/history?itemId=${encodeURIComponent("chengdu-2015/1#task")}`)).total).toBe(3);
    const item = await get("/api/history/items/chengdu-2015/1/task");
    expect(item.items.map((h) => h.unitId)).toEqual([UNIT_B, UNIT_A, UNIT_A]);
    const both = await get(`/api/history?itemId=${encodeURIComponent("chengdu-2015/1#task")}&unitId=${encodeURIComponent(UNIT_A)}`);
    expect(both.items.map((h) => h.version)).toEqual([2, 1]);
  });

  test("per task: every item of the task", async () => {
    expect((await get("/api/history/tasks/chengdu-2015/1")).total).toBe(3);
    expect((await get(`/api/history?taskId=${encodeURIComponent("chengdu-2015/3")}`)).items.map((h) => h.itemId)).toEqual(["chengdu-2015/3#task"]);
    expect((await get("/api/history/tasks/chengdu-2015/2")).total).toBe(0);
    await expectProblem(await t.app.request("/api/history?taskId=chengdu-2015"), "validation-failed");
  });

  test("time window: the test clock stamps every change 2020-06-15T02:00Z", async () => {
    expect((await get("/api/history?since=2020-06-15")).total).toBe(4);
    expect((await get("/api/history?since=2020-06-16")).total).toBe(0);
    expect((await get("/api/history?until=2020-06-15T01:59:59Z")).total).toBe(0);
    expect((await get(`/api/history?since=${encodeURIComponent("2020-06-15T10:00:00+08:00")}&until=2020-06-15T02:00:00Z`)).total).toBe(4);
  });

  test("pages with a cursor", async () => {
    const first = await get("/api/history?limit=3");
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await get(`/api/history?limit=3&cursor=${first.nextCursor ?? ""}`);
    expect(second.items.map((h) => h.id)).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((h) => h.id)).size).toBe(4);
  });

  test("bad filters → 400", async () => {
    const problem = await expectProblem(await t.app.request("/api/history?since=yesterday&limit=9999&itemId=x"), "validation-failed");
    expect([...new Set(problem.errors?.map((e) => e.path))].sort()).toEqual(["query.itemId", "query.limit", "query.since"]);
    await expectProblem(await t.app.request("/api/history?cursor=nope"), "invalid-request");
  });

  test("history has no write routes", async () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await t.app.request("/api/history", { method, headers: asCaller(t.tokens.admin), body: "{}" });
      expect(res.status).toBe(404);
    }
    expect((await get("/api/history")).total).toBe(4);
  });
});

// Last: it adds a change the tests above do not count.
describe("history per task, after a change on task 10", () => {
  test("task 10's change is not task 1's", async () => {
    // A change on task 10 (an admin may change any unit's row) is not task 1's.
    const [row] = await t.ledger.checklist({ taskId: "chengdu-2015/10" as never });
    if (!row) throw new Error("chengdu-2015/10 has no checklist rows");
    const [, item = "task"] = row.item.id.split("#");
    const res = await t.app.request(progressPath(row.unitId, { planId: "chengdu-2015", number: 10, item }), {
      method: "PATCH",
      headers: asCaller(t.tokens.admin, { "If-Match": `"${row.progress.version}"` }),
      body: JSON.stringify({ note: "第十项" }),
    });
    expect(res.status).toBe(200);
    expect((await get("/api/history/tasks/chengdu-2015/10")).total).toBe(1);
    expect((await get("/api/history/tasks/chengdu-2015/1")).total).toBe(3);
  });
});
