import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checklistItemId, parseChecklistItemId, parseTaskId, parseUnitId, taskId, unitNameOfId } from "./ids.js";

const slug = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,3}$/);

describe("id helpers", () => {
  it("split and join task and item ids, for any plan slug and number", () => {
    fc.assert(
      fc.property(slug, fc.integer({ min: 1, max: 100_000 }), fc.oneof(fc.constant("task"), fc.integer({ min: 1, max: 99 }).map((k) => `m${k}`)), (plan, number, item) => {
        const task = taskId(plan, number);
        expect(parseTaskId(task)).toEqual({ planId: plan, number });
        const id = checklistItemId(task, item);
        expect(parseChecklistItemId(id)).toEqual({ taskId: task, planId: plan, number, item });
      }),
    );
  });

  it("refuse what is not an id with a message naming it and its form", () => {
    expect(() => parseTaskId("chengdu-2015")).toThrow(/"chengdu-2015" is not a task id \(e\.g\. chengdu-2015\/12\)/);
    expect(() => parseChecklistItemId("chengdu-2015/12#x1")).toThrow(/not a checklist item id/);
    expect(() => parseUnitId("市委编办")).toThrow(/not a unit id/);
  });

  it("read a unit id's jurisdiction and name", () => {
    expect(parseUnitId("成都市:市委编办")).toEqual({ jurisdiction: "成都市", name: "市委编办" });
    expect(unitNameOfId("成都市:市委编办")).toBe("市委编办");
    expect(unitNameOfId("市委编办")).toBe("市委编办");
  });
});
