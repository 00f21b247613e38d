import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DeadlineReportResponse, ReportResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request(progressPath(UNIT_A), {
    method: "PATCH",
    headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }),
    body: JSON.stringify({ status: "done" }),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe("progress report", () => {
  test("by plan (default): only plans with (item, unit) rows appear, done counts 100 %", async () => {
    const report = await expectJson(await t.app.request("/api/reports/progress?asOf=2020-06-15"), ReportResponse);
    expect(report.by).toBe("plan");
    expect(report.rows.map((r) => r.key)).toEqual(["chengdu-2015"]);
    const rollup = report.rows[0]?.rollup;
    expect(rollup?.byStatus.done).toBe(1);
    expect(rollup?.percentComplete).toBe(Math.round((100 / (rollup?.total ?? 1)) * 10) / 10);
    expect(rollup?.overdue).toBe(0);
  });

  test("by section, unit and task; overdue as of a later date", async () => {
    for (const by of ["section", "unit", "task"] as const) {
      const report = await expectJson(await t.app.request(`/api/reports/progress?by=${by}&planId=chengdu-2015&asOf=2021-01-05`), ReportResponse);
      expect(report.by).toBe(by);
      const total = report.rows.reduce((n, r) => n + r.rollup.total, 0);
      const overdue = report.rows.reduce((n, r) => n + r.rollup.overdue, 0);
      expect(overdue).toBe(total - 1);
    }
  });

  test("bad grouping or date → 400", async () => {
    await expectProblem(await t.app.request("/api/reports/progress?by=region"), "validation-failed");
    await expectProblem(await t.app.request("/api/reports/progress?asOf=tomorrow"), "validation-failed");
  });
});

describe("deadline report", () => {
  test("overdue and due-soon rows as of a date, by core's rules", async () => {
    const soon = await expectJson(await t.app.request("/api/reports/deadlines?asOf=2020-12-20&withinDays=14"), DeadlineReportResponse);
    expect(soon.overdue).toEqual([]);
    expect(soon.dueSoon.length).toBeGreaterThan(0);
    expect(soon.dueSoon.every((e) => e.deadline.daysLeft === 11 && e.progress.status !== "done")).toBe(true);
    expect(soon.dueSoon[0]).toHaveProperty("taskTitle");

    const tooFar = await expectJson(await t.app.request("/api/reports/deadlines?asOf=2020-12-20&withinDays=10"), DeadlineReportResponse);
    expect(tooFar.dueSoon).toEqual([]);

    const late = await expectJson(
      await t.app.request(`/api/reports/deadlines?asOf=2021-03-01&unitId=${encodeURIComponent(UNIT_A)}`),
      DeadlineReportResponse,
    );
    expect(late.overdue.length).toBeGreaterThan(0);
    expect(late.overdue.every((e) => e.unitId === UNIT_A && e.deadline.daysLeft === -60)).toBe(true);
    expect(late.overdue.map((e) => e.item.id)).not.toContain("chengdu-2015/1#task");
  });

  test("bounded: at most limit rows per list, soonest due first, with the totals and a truncated flag", async () => {
    const all = await expectJson(await t.app.request("/api/reports/deadlines?asOf=2021-03-01"), DeadlineReportResponse);
    expect(all.overdue.length).toBeGreaterThan(3);
    expect(all).toMatchObject({ overdueTotal: all.overdue.length, dueSoonTotal: all.dueSoon.length, truncated: false });
    const daysLeft = all.overdue.map((e) => e.deadline.daysLeft);
    expect(daysLeft).toEqual([...daysLeft].sort((a, b) => a - b));
    const first = await expectJson(await t.app.request("/api/reports/deadlines?asOf=2021-03-01&limit=3"), DeadlineReportResponse);
    expect(first.overdue).toEqual(all.overdue.slice(0, 3));
    expect(first).toMatchObject({ overdueTotal: all.overdue.length, truncated: true });
    await expectProblem(await t.app.request("/api/reports/deadlines?limit=2001"), "validation-failed");
  });

  test("bad values → 400", async () => {
    await expectProblem(await t.app.request("/api/reports/deadlines?withinDays=-1"), "validation-failed");
    await expectProblem(await t.app.request("/api/reports/deadlines?planId=Bad!"), "validation-failed");
  });
});
