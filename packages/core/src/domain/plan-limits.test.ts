import { describe, expect, it } from "vitest";
import { buildTestPlan } from "../testing/index.js";
import { checkPlanLimits, DEFAULT_PLAN_LIMITS, planLimitsFrom } from "./plan-limits.js";

const units = (n: number) => Array.from({ length: n }, (_, i) => `单位${i + 1}`);
const milestones = (n: number) => Array.from({ length: n }, (_, i) => ({ due: `2017-${String((i % 12) + 1).padStart(2, "0")}-01` }));

describe("plan import limits", () => {
  it("passes a plan within the limits and names the first one a plan goes over, with the task", () => {
    expect(checkPlanLimits(buildTestPlan({ tasks: [{ title: "甲", lead: ["单位1"], milestones: milestones(2) }] }))).toBeNull();
    const limits = { ...DEFAULT_PLAN_LIMITS, maxTasks: 3, maxUnitsPerTask: 5, maxMilestonesPerTask: 4, maxChecklistRows: 40 };
    const tasks = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `任务${i + 1}`, lead: ["单位1"] }));
    expect(checkPlanLimits(buildTestPlan({ tasks: tasks(4) }), limits)).toMatchObject({ limit: "maxTasks", setting: "TAIZHANG_IMPORT_MAX_TASKS", max: 3, found: 4, taskNumber: null });
    const wide = buildTestPlan({ tasks: [{ title: "甲", lead: ["单位1"] }, { title: "乙", lead: units(2), responsible: units(6) }] });
    expect(checkPlanLimits(wide, limits)).toMatchObject({ limit: "maxUnitsPerTask", max: 5, found: 6, taskNumber: 2 });
    const long = buildTestPlan({ tasks: [{ title: "甲", lead: ["单位1"], milestones: milestones(5) }] });
    expect(checkPlanLimits(long, limits)).toMatchObject({ limit: "maxMilestonesPerTask", found: 5, taskNumber: 1 });
    // 3 tasks × 5 units × (3 + 1) items = 60 rows: 20, 40, then 60 at task 3.
    const big = buildTestPlan({ tasks: Array.from({ length: 3 }, (_, i) => ({ title: `任务${i + 1}`, lead: units(5), milestones: milestones(3) })) });
    const breach = checkPlanLimits(big, limits);
    expect(breach).toMatchObject({ limit: "maxChecklistRows", max: 40, found: 60, taskNumber: 3 });
    expect(breach?.message).toContain("TAIZHANG_IMPORT_MAX_ROWS");
  });

  it("reads the limits from settings, refusing values that are not whole numbers", () => {
    expect(planLimitsFrom({})).toEqual(DEFAULT_PLAN_LIMITS);
    expect(planLimitsFrom({ TAIZHANG_IMPORT_MAX_ROWS: "1000", TAIZHANG_IMPORT_MAX_TASKS: " 10 " })).toMatchObject({ maxChecklistRows: 1000, maxTasks: 10 });
    expect(() => planLimitsFrom({ TAIZHANG_IMPORT_MAX_UNITS_PER_TASK: "lots" })).toThrow(/TAIZHANG_IMPORT_MAX_UNITS_PER_TASK/);
    expect(() => planLimitsFrom({ TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK: "0" })).toThrow(/at least|≥ 1/);
  });
});
