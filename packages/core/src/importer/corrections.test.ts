import { describe, expect, it } from "vitest";
import { PlanSchema } from "../model/plan.js";
import { applyImportCorrections } from "./corrections.js";
import { ImportError } from "./import-error.js";
import { importPlan } from "./import-plan.js";

const TEXT = `某市人民政府关于加快建设法治政府的实施意见
为全面推进依法行政,结合实际,提出如下意见。
一、主要任务
1.深化行政审批制度改革。2016年年底前公布清单。[牵头单位:市委编办(市审改办);责任单位:市政府各部门]
2.加强市场监管。抽查比例不低于3%。
二、保障措施
(一)加强组织领导。各级政府要加强领导。`;

describe("applyImportCorrections", () => {
  const { plan } = importPlan(TEXT, { id: "mou-2016" });

  it("replaces a task's units and deadlines, names units as the importer does, and records the correction", () => {
    const { plan: corrected, warnings } = applyImportCorrections(plan, {
      tasks: [
        { number: 2, lead: ["市市场监管局"], responsible: ["市审改办", "市市场监管局"], milestones: [{ due: "2017-06-30" }] },
        { number: 1, milestones: [{ phrase: "2016年年底前", due: "2016-11-30" }] },
      ],
    });
    expect(PlanSchema.safeParse(corrected).success).toBe(true);
    const task2 = corrected.tasks.find((t) => t.number === 2);
    const name = (id: string) => corrected.units.find((u) => u.id === id)?.name;
    expect(task2?.lead.map(name)).toEqual(["市市场监管局"]);
    // 市审改办 is an alias of 市委编办; a lead is not also responsible.
    expect(task2?.responsible.map(name)).toEqual(["市委编办"]);
    expect(task2?.milestones).toEqual([{ index: 1, phrase: "2017-06-30", clause: "加强市场监管", due: "2017-06-30", rule: "exact-date", yearInferred: false }]);
    expect(corrected.tasks[0]?.milestones[0]).toMatchObject({ phrase: "2016年年底前", due: "2016-11-30", rule: "end-of-year" });
    expect(warnings.map((w) => w.code)).toEqual(["corrected", "corrected"]);
    expect(corrected.provenance.warnings.filter((w) => w.code === "corrected")).toHaveLength(2);
  });

  it("drops units no task names any more", () => {
    const { plan: corrected } = applyImportCorrections(plan, { tasks: [{ number: 1, lead: [], responsible: [] }] });
    expect(corrected.units).toEqual([]);
  });

  it("refuses a task the plan does not have", () => {
    expect(() => applyImportCorrections(plan, { tasks: [{ number: 9, lead: ["市司法局"] }] })).toThrow(ImportError);
  });
});
