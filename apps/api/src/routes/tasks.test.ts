import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pageOf, TaskDetailResponse, TaskResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const TaskPage = pageOf(TaskResponse);
const list = async (query: string) => expectJson(await t.app.request(`/api/tasks?${query}`), TaskPage);

describe("task list", () => {
  test("pages through every task of a plan with the cursor, in number order", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`planId=chengdu-2015&limit=20${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.total).toBe(48);
      seen.push(...page.items.map((task) => task.number));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
  });

  test("filters: part, section, guarantee, unit and role, due dates, text", async () => {
    const guarantees = await list("planId=baotou-2016&guarantee=true&limit=500");
    expect(guarantees.total).toBe(5);
    expect(guarantees.items.every((task) => task.guarantee)).toBe(true);
    const main = await list("planId=baotou-2016&guarantee=false&limit=500");
    expect(main.total).toBe(47);

    const section = await list("planId=baotou-2016&section=2&limit=500");
    expect(section.total).toBeGreaterThan(0);
    expect(section.items.every((task) => task.sectionNumber === 2)).toBe(true);
    const part = await list(`planId=baotou-2016&part=${section.items[0]?.partNumber ?? 0}&limit=500`);
    expect(part.total).toBeGreaterThanOrEqual(section.total);

    const lead = await list(`unitId=${encodeURIComponent(UNIT_B)}&role=lead&limit=500`);
    expect(lead.total).toBeGreaterThan(0);
    expect(lead.items.every((task) => task.lead.includes(UNIT_B as never))).toBe(true);
    const any = await list(`unitId=${encodeURIComponent(UNIT_B)}&limit=500`);
    expect(any.total).toBeGreaterThanOrEqual(lead.total);

    // Due-date filters look at checklist items, with or without units: 成都's items are all due 2020-12-31.
    expect((await list("planId=chengdu-2015&dueBefore=2020-12-30")).total).toBe(0);
    const due = await list("planId=chengdu-2015&dueBefore=2020-12-31&dueAfter=2020-12-31&limit=500");
    expect(due.total).toBe((await list("planId=chengdu-2015&limit=500")).total);
    expect(due.items.some((task) => task.lead.length + task.responsible.length === 0)).toBe(true);

    const text = await list(`q=${encodeURIComponent("行政审批")}&limit=500`);
    expect(text.total).toBeGreaterThan(0);
    expect(text.items.every((task) => `${task.title}${task.text}`.includes("行政审批"))).toBe(true);
  });

  test("status and overdue filters follow progress", async () => {
    const res = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }),
      body: JSON.stringify({ status: "blocked" }),
    });
    expect(res.status).toBe(200);
    const blocked = await list("status=blocked");
    expect(blocked.items.map((task) => task.id)).toEqual(["chengdu-2015/1"]);
    const before = await list("planId=chengdu-2015&overdue=true&asOf=2020-12-31");
    expect(before.total).toBe(0);
    const after = await list("planId=chengdu-2015&overdue=true&asOf=2021-01-01");
    expect(after.total).toBeGreaterThan(0);
  });

  test("sorting by due date", async () => {
    const page = await list("planId=baotou-2016&sort=due&limit=500");
    const firstDue = page.items.map((task) => [...task.milestones.map((m) => m.due), "2020-12-31"].sort()[0] ?? "");
    expect([...firstDue].sort()).toEqual(firstDue);
  });

  test("bad filters → 400; a foreign cursor → 400", async () => {
    const problem = await expectProblem(await t.app.request("/api/tasks?limit=0&sort=random&guarantee=1&dueBefore=2020-13-01"), "validation-failed");
    expect([...new Set(problem.errors?.map((e) => e.path))].sort()).toEqual(["query.dueBefore", "query.guarantee", "query.limit", "query.sort"]);
    const page = await list("planId=chengdu-2015&limit=5");
    await expectProblem(await t.app.request(`/api/tasks?sort=due&cursor=${page.nextCursor ?? ""}`), "invalid-request");
    await expectProblem(await t.app.request("/api/tasks?cursor=garbage"), "invalid-request");
  });
});

describe("one task", () => {
  test("with milestones, targets, units, checklist items and every unit's progress", async () => {
    const detail = await expectJson(await t.app.request("/api/tasks/chengdu-2015/1?asOf=2020-06-15"), TaskDetailResponse);
    expect(detail.task.id).toBe("chengdu-2015/1");
    expect(detail.units.map((u) => u.id)).toEqual([...detail.task.lead, ...detail.task.responsible]);
    expect(detail.checklist.map((c) => c.item.id)).toEqual(["chengdu-2015/1#task"]);
    const rows = detail.checklist[0]?.progress ?? [];
    expect(rows.map((r) => [r.unitId, r.role])).toContainEqual([UNIT_B, "lead"]);
    expect(rows.map((r) => [r.unitId, r.role])).toContainEqual([UNIT_A, "responsible"]);
    expect(rows.every((r) => r.deadline.due === "2020-12-31")).toBe(true);
  });

  test("a task with milestones lists one item per milestone and one for the whole task", async () => {
    const { items } = await list("planId=baotou-2016&limit=500");
    const task = items.find((x) => x.milestones.length > 0);
    expect(task).toBeDefined();
    const detail = await expectJson(await t.app.request(`/api/tasks/baotou-2016/${task?.number ?? 0}`), TaskDetailResponse);
    expect(detail.task.milestones.length).toBe(task?.milestones.length);
    // 包头's plan names no units, so no unit holds a row yet.
    expect(detail.units).toEqual([]);
  });

  test("unknown → 404; malformed → 400", async () => {
    await expectProblem(await t.app.request("/api/tasks/chengdu-2015/999"), "not-found");
    await expectProblem(await t.app.request("/api/tasks/nowhere-2000/1"), "not-found");
    await expectProblem(await t.app.request("/api/tasks/chengdu-2015/abc"), "validation-failed");
  });
});

describe("assigning units", () => {
  const assign = (token: string | null, body: unknown, path = "/api/tasks/chengdu-2015/2/units") =>
    t.app.request(path, { method: "PUT", headers: asCaller(token), body: JSON.stringify(body) });

  test("an admin assigns by name or alias; the task and its checklist follow", async () => {
    // 成都's text names task 2's units: changing them is explicit, with a reason.
    const task = await expectJson(
      await assign(t.tokens.admin, { lead: ["市审改办"], responsible: ["市政府法制办"], replace: true, reason: "调整分工" }),
      TaskResponse,
    );
    expect(task.lead).toEqual([UNIT_B]);
    expect(task.responsible).toEqual([UNIT_A]);
    const detail = await expectJson(await t.app.request("/api/tasks/chengdu-2015/2"), TaskDetailResponse);
    expect(detail.checklist[0]?.progress.map((r) => r.unitId).sort()).toEqual([UNIT_A, UNIT_B].sort());
  });

  test("others are refused; an unknown unit name is a 400", async () => {
    await expectProblem(await assign(t.tokens.officeA, { lead: [], responsible: [] }), "forbidden");
    await expectProblem(await assign(t.tokens.viewer, { lead: [], responsible: [] }), "forbidden");
    await expectProblem(await assign(null, { lead: [], responsible: [] }), "unauthorized");
    await expectProblem(await assign(t.tokens.admin, { lead: ["没有这个单位"], responsible: [] }), "invalid-request");
    await expectProblem(await assign(t.tokens.admin, { lead: [] }), "validation-failed");
    await expectProblem(await assign(t.tokens.admin, { lead: [], responsible: [] }, "/api/tasks/chengdu-2015/999/units"), "not-found");
  });
});
