import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROGRESS_STATUSES } from "../model/progress.js";
import { rollUp } from "./rollup.js";

const asOf = new Date("2017-01-01T01:00:00Z");

describe("rollUp", () => {
  it("counts statuses and applies the documented percent rule", () => {
    const r = rollUp(
      [
        { status: "done", percent: 40, due: "2016-12-31" }, // done counts as 100
        { status: "in_progress", percent: 50, due: "2016-12-31" }, // overdue
        { status: "not_applicable", percent: 0, due: "2016-12-31" }, // left out of the percent
        { status: "not_started", percent: 0, due: "2017-01-10" }, // due soon
      ],
      asOf,
    );
    expect(r.total).toBe(4);
    expect(r.byStatus).toEqual({ not_started: 1, in_progress: 1, done: 1, blocked: 0, not_applicable: 1 });
    expect(r.percentComplete).toBe(50); // (100 + 50 + 0) / 3
    expect(r.overdue).toBe(1);
    expect(r.dueSoon).toBe(1);
  });

  it("is 0 % with nothing applicable", () => {
    expect(rollUp([], asOf).percentComplete).toBe(0);
    expect(rollUp([{ status: "not_applicable", percent: 100, due: "2020-12-31" }], asOf).percentComplete).toBe(0);
  });

  it("always stays within 0..100 and counts every row once", () => {
    const row = fc.record({
      status: fc.constantFrom(...PROGRESS_STATUSES),
      percent: fc.integer({ min: 0, max: 100 }),
      due: fc.constantFrom("2016-06-30", "2016-12-31", "2017-01-15", "2020-12-31"),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const r = rollUp(rows, asOf);
        expect(r.total).toBe(rows.length);
        expect(Object.values(r.byStatus).reduce((a, b) => a + b, 0)).toBe(rows.length);
        expect(r.percentComplete).toBeGreaterThanOrEqual(0);
        expect(r.percentComplete).toBeLessThanOrEqual(100);
        expect(r.overdue + r.dueSoon).toBeLessThanOrEqual(rows.length);
      }),
    );
  });
});
