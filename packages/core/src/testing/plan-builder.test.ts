import { describe, expect, it } from "vitest";
import { taskChecklist } from "../domain/checklist.js";
import { buildTestPlan } from "./plan-builder.js";

describe("buildTestPlan", () => {
  it("fills in a valid plan from the few things a test names", () => {
    const plan = buildTestPlan({
      units: [{ name: "市政府法制办", aliases: ["市法制办"] }],
      tasks: [
        { title: "深化行政审批制度改革", lead: ["市政府法制办"], responsible: ["市财政局"], milestones: [{ due: "2016-12-31" }] },
        { title: "加强组织领导", guarantee: true, lead: ["市政府法制办"], responsible: ["各区县政府"] },
      ],
    });
    expect(plan.id).toBe("testville-2016");
    expect(plan.tasks.map((t) => [t.id, t.partNumber, t.sectionNumber, t.ordinal])).toEqual([
      ["testville-2016/1", 2, 1, "1"],
      ["testville-2016/2", 3, null, "(一)"],
    ]);
    expect(plan.units.map((u) => [u.id, u.aliases, u.collective])).toEqual([
      ["测试市:市政府法制办", ["市法制办"], false],
      ["测试市:市财政局", [], false],
      ["测试市:各区县政府", [], true],
    ]);
    const [first] = plan.tasks;
    if (!first) throw new Error("no task");
    expect(taskChecklist(first, plan.period.endYear).map((i) => i.due)).toContain("2016-12-31");
  });

  it("refuses what the model refuses, e.g. a date that is not in the calendar", () => {
    expect(() => buildTestPlan({ tasks: [{ title: "x", milestones: [{ due: "2016-02-30" }] }] })).toThrow(/calendar/);
  });
});
