import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { ChecklistResponse, PlanResponse, PlanSummaryResponse, ReportResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("plans", () => {
  test("the list holds the four built-in plans with their counts", async () => {
    const { items } = await expectJson(await t.app.request("/api/plans"), z.object({ items: z.array(PlanSummaryResponse) }));
    expect(items.map((p) => p.id).sort()).toEqual(["baotou-2016", "chengdu-2015", "hohhot-2015", "inner-mongolia-2021"]);
    const chengdu = items.find((p) => p.id === "chengdu-2015");
    expect(chengdu?.counts.tasks).toBe(48);
    expect(chengdu?.counts.units).toBe(15);
  });

  test("one plan: parts, sections, tasks and units", async () => {
    const plan = await expectJson(await t.app.request("/api/plans/chengdu-2015"), PlanResponse);
    expect(plan.tasks).toHaveLength(48);
    expect(plan.parts.length).toBeGreaterThan(0);
    expect(plan.units.map((u) => u.id)).toContain(UNIT_A);
    expect(plan.tasks[0]?.lead).toEqual(["成都市:市委编办"]);
  });

  test("an unknown plan → 404, a malformed id → 400", async () => {
    await expectProblem(await t.app.request("/api/plans/nowhere-1999"), "not-found");
    await expectProblem(await t.app.request("/api/plans/nowhere-1999/checklist"), "not-found");
    await expectProblem(await t.app.request("/api/plans/nowhere-1999/report"), "not-found");
    const problem = await expectProblem(await t.app.request("/api/plans/Not_A_Slug"), "validation-failed");
    expect(problem.errors?.[0]?.path).toBe("path.planId");
  });

  test("the checklist: one row per (item, unit), with deadline state as of asOf", async () => {
    const all = await expectJson(await t.app.request("/api/plans/chengdu-2015/checklist?asOf=2020-06-15"), ChecklistResponse);
    expect(all.items.length).toBeGreaterThan(48);
    expect(all.items.every((e) => e.item.planId === "chengdu-2015")).toBe(true);
    // 成都's items are due at the end of its period, 2020-12-31.
    expect(all.items[0]?.deadline).toMatchObject({ due: "2020-12-31", daysLeft: 199, state: "open", overdue: false });

    const late = await expectJson(await t.app.request("/api/plans/chengdu-2015/checklist?asOf=2021-01-05&overdue=true"), ChecklistResponse);
    expect(late.items).toHaveLength(all.items.length);
    expect(late.items.every((e) => e.deadline.overdue && e.deadline.daysLeft === -5)).toBe(true);

    const unit = await expectJson(
      await t.app.request(`/api/plans/chengdu-2015/checklist?unitId=${encodeURIComponent(UNIT_A)}&role=lead`),
      ChecklistResponse,
    );
    expect(unit.items.length).toBeGreaterThan(0);
    expect(unit.items.every((e) => e.unitId === UNIT_A && e.role === "lead")).toBe(true);
  });

  test("the checklist in pages: limit rows after cursor, nextCursor null on the last page", async () => {
    const all = await expectJson(await t.app.request("/api/plans/chengdu-2015/checklist?asOf=2020-06-15"), ChecklistResponse);
    expect(all.items.length).toBeLessThan(500);
    expect(all.nextCursor).toBeNull();
    const paged: typeof all.items = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await expectJson(await t.app.request(`/api/plans/chengdu-2015/checklist?asOf=2020-06-15&limit=17${query}`), ChecklistResponse);
      expect(page.items.length).toBeLessThanOrEqual(17);
      paged.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(Math.ceil(all.items.length / 17));
    expect(paged).toEqual(all.items);
    // Filters apply before the page is cut: a page of overdue rows is full.
    const late = await expectJson(await t.app.request("/api/plans/chengdu-2015/checklist?asOf=2021-01-05&overdue=true&limit=5"), ChecklistResponse);
    expect(late.items).toHaveLength(5);
    expect(late.items.every((e) => e.deadline.overdue)).toBe(true);
    const big = await expectProblem(await t.app.request("/api/plans/chengdu-2015/checklist?limit=2001"), "validation-failed");
    expect(big.errors?.[0]?.path).toBe("query.limit");
    await expectProblem(await t.app.request("/api/plans/chengdu-2015/checklist?cursor=not-a-cursor"), "invalid-request");
  });

  test("done rows are closed, never overdue", async () => {
    const res = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: asCaller(t.tokens.admin, { "If-Match": '"0"' }),
      body: JSON.stringify({ status: "done" }),
    });
    expect(res.status).toBe(200);
    const late = await expectJson(
      await t.app.request(`/api/plans/chengdu-2015/checklist?asOf=2021-01-05&unitId=${encodeURIComponent(UNIT_A)}&status=done`),
      ChecklistResponse,
    );
    expect(late.items.map((e) => [e.item.id, e.deadline.state])).toEqual([["chengdu-2015/1#task", "closed"]]);
  });

  test("bad query values → 400 naming them", async () => {
    const problem = await expectProblem(await t.app.request("/api/plans/chengdu-2015/checklist?asOf=2020-02-30&status=late&overdue=yes"), "validation-failed");
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(["query.asOf", "query.overdue", "query.status"]);
  });

  test("the report rolls progress up by section (default), unit and task", async () => {
    const bySection = await expectJson(await t.app.request("/api/plans/chengdu-2015/report?asOf=2020-06-15"), ReportResponse);
    expect(bySection.by).toBe("section");
    expect(bySection.rows.length).toBeGreaterThan(1);
    const total = bySection.rows.reduce((n, r) => n + r.rollup.total, 0);
    const checklist = await expectJson(await t.app.request("/api/plans/chengdu-2015/checklist"), ChecklistResponse);
    expect(total).toBe(checklist.items.length);

    const byUnit = await expectJson(await t.app.request("/api/plans/chengdu-2015/report?by=unit&asOf=2021-01-05"), ReportResponse);
    const a = byUnit.rows.find((r) => r.key === UNIT_A);
    expect(a?.label).toBe("市政府法制办");
    expect(a?.rollup.overdue).toBe((a?.rollup.total ?? 0) - (a?.rollup.byStatus.done ?? 0) - (a?.rollup.byStatus.not_applicable ?? 0));
    await expectProblem(await t.app.request("/api/plans/chengdu-2015/report?by=person"), "validation-failed");
  });
});
