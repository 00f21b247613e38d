import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { EMPTY_PROGRESS, PROGRESS_STATUSES, type ProgressFields } from "../model/progress.js";
import { PERCENT_RANGE_OF_STATUS, progressInconsistency, settleProgressChange } from "./progress-consistency.js";

const at = (status: ProgressFields["status"], percent: number): ProgressFields => ({ ...EMPTY_PROGRESS, status, percent });

describe("status and percent", () => {
  test("未开始 80 % and 已完成 10 % are inconsistent, naming the percent", () => {
    expect(progressInconsistency("not_started", 80)).toMatchObject({ field: "percent", allowed: [0, 0] });
    expect(progressInconsistency("done", 10)).toMatchObject({ field: "percent", allowed: [100, 100] });
    expect(progressInconsistency("in_progress", 100)).toMatchObject({ field: "percent", allowed: [0, 99] });
    expect(progressInconsistency("in_progress", 60)).toBeNull();
    expect(progressInconsistency("blocked", 100)).toBeNull();
  });

  test("a change of status alone to 已完成 or 未开始 brings its percent", () => {
    expect(settleProgressChange(at("in_progress", 60), { status: "done" })).toMatchObject({ ok: true, fields: { status: "done", percent: 100 }, patch: { status: "done", percent: 100 } });
    expect(settleProgressChange(at("in_progress", 60), { status: "not_started" })).toMatchObject({ ok: true, fields: { percent: 0 } });
  });

  test("进行中 from 100 % must say its percent; with it, it is accepted", () => {
    expect(settleProgressChange(at("done", 100), { status: "in_progress" })).toMatchObject({ ok: false, problem: { field: "percent" } });
    expect(settleProgressChange(at("done", 100), { status: "in_progress", percent: 60 })).toMatchObject({ ok: true, fields: { status: "in_progress", percent: 60 } });
  });

  test("both named and inconsistent is refused", () => {
    expect(settleProgressChange(at("in_progress", 60), { status: "not_started", percent: 80 }).ok).toBe(false);
    expect(settleProgressChange(at("in_progress", 60), { status: "done", percent: 10 }).ok).toBe(false);
  });

  test("a percent alone moves a status that cannot take it", () => {
    expect(settleProgressChange(at("not_started", 0), { percent: 10 })).toMatchObject({ ok: true, fields: { status: "in_progress", percent: 10 } });
    expect(settleProgressChange(at("done", 100), { percent: 10 })).toMatchObject({ ok: true, fields: { status: "in_progress" } });
    expect(settleProgressChange(at("in_progress", 60), { percent: 100 })).toMatchObject({ ok: true, patch: { status: "done", percent: 100 } });
    expect(settleProgressChange(at("blocked", 60), { percent: 100 })).toMatchObject({ ok: true, fields: { status: "blocked", percent: 100 } });
  });

  test("an old inconsistent row can still take a note", () => {
    expect(settleProgressChange(at("not_started", 80), { note: "补记" })).toMatchObject({ ok: true, fields: { status: "not_started", percent: 80, note: "补记" } });
  });

  test("whatever is accepted is consistent", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROGRESS_STATUSES),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.constantFrom(...PROGRESS_STATUSES), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        (status, percent, newStatus, newPercent) => {
          const patch = { ...(newStatus !== undefined ? { status: newStatus } : {}), ...(newPercent !== undefined ? { percent: newPercent } : {}) };
          if (Object.keys(patch).length === 0) return;
          const settled = settleProgressChange(at(status, percent), patch);
          if (settled.ok) {
            const [min, max] = PERCENT_RANGE_OF_STATUS[settled.fields.status];
            expect(settled.fields.percent).toBeGreaterThanOrEqual(min);
            expect(settled.fields.percent).toBeLessThanOrEqual(max);
          }
        },
      ),
    );
  });
});
