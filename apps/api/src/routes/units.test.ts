import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { ChecklistResponse, UnitResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const Units = z.object({ items: z.array(UnitResponse) });
const checklistOf = async (unit: string, query = "") =>
  expectJson(await t.app.request(`/api/units/${encodeURIComponent(unit)}/checklist${query}`), ChecklistResponse);

describe("units", () => {
  test("the list carries aliases; it can be narrowed to a plan, a jurisdiction or a name", async () => {
    const all = await expectJson(await t.app.request("/api/units"), Units);
    expect(all.items.find((u) => u.id === UNIT_B)?.aliases).toEqual(["市审改办"]);
    const chengdu = await expectJson(await t.app.request("/api/units?planId=chengdu-2015"), Units);
    expect(chengdu.items).toHaveLength(15);
    const none = await expectJson(await t.app.request("/api/units?planId=baotou-2016"), Units);
    expect(none.items).toEqual([]);
    const byAlias = await expectJson(await t.app.request(`/api/units?name=${encodeURIComponent("市审改办")}`), Units);
    expect(byAlias.items.map((u) => u.id)).toEqual([UNIT_B]);
    const byJurisdiction = await expectJson(await t.app.request(`/api/units?jurisdiction=${encodeURIComponent("成都市")}`), Units);
    expect(byJurisdiction.items.length).toBe(15);
  });

  test("one unit; unknown → 404; malformed → 400", async () => {
    const unit = await expectJson(await t.app.request(`/api/units/${encodeURIComponent(UNIT_A)}`), UnitResponse);
    expect(unit).toMatchObject({ id: UNIT_A, name: "市政府法制办", jurisdiction: "成都市" });
    await expectProblem(await t.app.request(`/api/units/${encodeURIComponent("成都市:市审改办")}`), "not-found");
    await expectProblem(await t.app.request(`/api/units/${encodeURIComponent("成都市:没有")}/checklist`), "not-found");
    await expectProblem(await t.app.request(`/api/units/${encodeURIComponent("no colon")}`), "validation-failed");
  });
});

describe("我的任务: a unit's checklist", () => {
  test("every row is the unit's, lead and responsible told apart", async () => {
    const list = await checklistOf(UNIT_A, "?asOf=2020-06-15");
    expect(list.items.length).toBeGreaterThan(1);
    expect(list.items.every((e) => e.unitId === UNIT_A)).toBe(true);
    expect(new Set(list.items.map((e) => e.role))).toEqual(new Set(["lead", "responsible"]));
    expect(list.asOf).toBe("2020-06-15T04:00:00.000Z");
    const leads = await checklistOf(UNIT_A, "?role=lead");
    expect(leads.items.length).toBe(list.items.filter((e) => e.role === "lead").length);
  });

  test("deadline flags as of asOf: open, due soon, overdue; closed once done", async () => {
    const open = await checklistOf(UNIT_A, "?asOf=2020-06-15");
    expect(open.items.every((e) => e.deadline.state === "open" && e.deadline.daysLeft === 199)).toBe(true);
    const soon = await checklistOf(UNIT_A, "?asOf=2020-12-21");
    expect(soon.items.every((e) => e.deadline.state === "due-soon" && e.deadline.dueSoon && e.deadline.daysLeft === 10)).toBe(true);
    const dueDay = await checklistOf(UNIT_A, "?asOf=2020-12-31T15:59:00Z");
    expect(dueDay.items.every((e) => e.deadline.daysLeft === 0 && !e.deadline.overdue)).toBe(true);
    const late = await checklistOf(UNIT_A, "?asOf=2020-12-31T16:00:00Z");
    expect(late.items.every((e) => e.deadline.daysLeft === -1 && e.deadline.overdue)).toBe(true);

    const res = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }),
      body: JSON.stringify({ status: "done", percent: 100 }),
    });
    expect(res.status).toBe(200);
    const after = await checklistOf(UNIT_A, "?asOf=2021-02-01&overdue=true");
    expect(after.items.map((e) => e.item.id)).not.toContain("chengdu-2015/1#task");
    expect(after.items.length).toBe(late.items.length - 1);
    const done = await checklistOf(UNIT_A, "?status=done");
    expect(done.items.map((e) => [e.item.id, e.deadline.state, e.progress.version])).toEqual([["chengdu-2015/1#task", "closed", 1]]);
  });

  test("dueWithin keeps open rows due within N days from today, not the overdue ones; with overdue=true, both", async () => {
    expect((await checklistOf(UNIT_B, "?asOf=2020-06-15&dueWithin=30")).items).toEqual([]);
    const all = (await checklistOf(UNIT_B, "?asOf=2020-12-01")).items;
    const within = await checklistOf(UNIT_B, "?asOf=2020-12-01&dueWithin=30");
    expect(within.items.length).toBeGreaterThan(0);
    expect(within.items.every((e) => !e.deadline.overdue && e.deadline.daysLeft >= 0 && e.deadline.daysLeft <= 30)).toBe(true);
    expect(within.items.length).toBe(all.filter((e) => e.deadline.state !== "closed" && !e.deadline.overdue && e.deadline.daysLeft <= 30).length);
    // Years later, everything is overdue: nothing is "due within 30 days", and overdue=true adds them back.
    expect((await checklistOf(UNIT_B, "?asOf=2026-12-01&dueWithin=30")).items).toEqual([]);
    const late = await checklistOf(UNIT_B, "?asOf=2026-12-01&dueWithin=30&overdue=true");
    expect(late.items.length).toBe((await checklistOf(UNIT_B, "?asOf=2026-12-01&overdue=true")).items.length);
    expect(late.items.length).toBeGreaterThan(0);
  });

  test("another unit's checklist is not changed by A's writes", async () => {
    const b = await checklistOf(UNIT_B);
    expect(b.items.every((e) => e.progress.version === 0)).toBe(true);
  });
});
