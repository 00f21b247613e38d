import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../model/plan.js";
import { getBuiltInPlan } from "../plans/index.js";
import { isNonTaskItem, taskNumbers } from "./task-items.js";

describe("isNonTaskItem", () => {
  it.each(["总体要求", "指导思想", "基本原则", "目标任务", "工作目标", "主要目标", "指导思想和基本原则", "总体要求与目标任务", "工作原则"])("%s frames the plan", (title) => {
    expect(isNonTaskItem(title)).toBe(true);
  });
  it.each(["深化行政审批制度改革", "加强组织领导", "完善目标考核", "落实工作要求的督查", "主要任务"])("%s is a task", (title) => {
    expect(isNonTaskItem(title)).toBe(false);
  });
});

describe("taskNumbers", () => {
  const n = (printedNumber: number, numbering: "number" | "paren" = "number") => ({ printedNumber, numbering });
  it("keeps the document's numbers, jumps included", () => {
    expect(taskNumbers([n(3), n(4), n(5)])).toEqual([3, 4, 5]);
  });
  it("numbers on where the numbering restarts or changes kind", () => {
    expect(taskNumbers([n(1), n(2), n(1), n(2)])).toEqual([1, 2, 3, 4]);
    expect(taskNumbers([n(1), n(2), n(1, "paren"), n(2, "paren")])).toEqual([1, 2, 3, 4]);
  });
  it("always increases", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ printedNumber: fc.integer({ min: 1, max: 200 }), numbering: fc.constantFrom("number" as const, "paren" as const) })), (items) => {
        const numbers = taskNumbers(items);
        numbers.forEach((x, i) => expect(x).toBeGreaterThan(numbers[i - 1] ?? 0));
      }),
    );
  });
});

describe("PlanSchema task numbers", () => {
  const plan = getBuiltInPlan("chengdu-2015");
  it("accepts numbers with gaps and refuses numbers that do not increase", () => {
    if (plan === undefined) throw new Error("no chengdu-2015");
    const gap = { ...plan, tasks: plan.tasks.map((t, i) => (i === 0 ? t : { ...t, number: t.number + 2 })) };
    expect(PlanSchema.safeParse(gap).success).toBe(true);
    const repeated = { ...plan, tasks: plan.tasks.map((t, i) => (i === 1 ? { ...t, number: 1 } : t)) };
    const result = PlanSchema.safeParse(repeated);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["tasks", 1, "number"]);
  });
});
