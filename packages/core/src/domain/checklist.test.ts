import { describe, expect, it } from "vitest";
import { PlanIdSchema, TaskIdSchema, UnitIdSchema } from "../model/ids.js";
import type { Task } from "../model/task.js";
import { deriveChecklist, taskAssignments, taskChecklist } from "./checklist.js";

const lead = UnitIdSchema.parse("成都市:市委编办");
const office = UnitIdSchema.parse("成都市:市政府法制办");

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: TaskIdSchema.parse("demo-2016/2"),
    planId: PlanIdSchema.parse("demo-2016"),
    number: 2,
    ordinal: "2",
    partNumber: 3,
    sectionNumber: 1,
    guarantee: false,
    title: "深入推行权责清单制度",
    text: "2016年6月底前编制完成并公布市本级权责清单,年底前编制完成并公布旗县区权责清单。",
    originalText: null,
    lead: [lead],
    responsible: [office, lead],
    milestones: [
      { index: 1, phrase: "2016年6月底前", clause: "2016年6月底前编制完成并公布市本级权责清单", due: "2016-06-30", rule: "end-of-month", yearInferred: false },
      { index: 2, phrase: "年底前", clause: "年底前编制完成并公布旗县区权责清单", due: "2016-12-31", rule: "end-of-year", yearInferred: true },
    ],
    targets: [
      { index: 1, metric: "抽查比例", comparator: "gte", value: 3, unit: "%", per: null, phrase: "抽查比例不低于3%", clause: "x", due: "2016-12-31" },
      { index: 2, metric: "培训时间", comparator: "gte", value: 40, unit: "学时", per: "每年", phrase: "每年培训时间不少于40学时", clause: "y", due: null },
    ],
    citations: [],
    themes: [],
    ...overrides,
  } as Task;
}

describe("checklist", () => {
  it("makes one item per milestone and one for the whole task, due at the end of the period", () => {
    const items = taskChecklist(task(), 2020);
    expect(items.map((i) => [i.id, i.kind, i.due])).toEqual([
      ["demo-2016/2#m1", "milestone", "2016-06-30"],
      ["demo-2016/2#m2", "milestone", "2016-12-31"],
      ["demo-2016/2#task", "task", "2020-12-31"],
    ]);
  });

  it("attaches each target to the milestone that governs it, the rest to the whole task", () => {
    const items = taskChecklist(task(), 2020);
    expect(items.map((i) => i.targetIndexes)).toEqual([[], [1], [2]]);
  });

  it("lists lead units first and never assigns a unit twice", () => {
    expect(taskAssignments(task())).toEqual([
      { unitId: lead, role: "lead" },
      { unitId: office, role: "responsible" },
    ]);
  });

  it("yields unassigned items for plans that name no units", () => {
    const items = deriveChecklist({ tasks: [task({ lead: [], responsible: [] })], period: { startYear: 2016, endYear: 2020 } });
    expect(items.every((i) => i.assignments.length === 0)).toBe(true);
  });
});
