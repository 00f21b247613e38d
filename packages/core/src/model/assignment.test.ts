import { describe, expect, it } from "vitest";
import { assignmentChangeKind, type TaskUnits } from "./assignment.js";
import { unitId } from "./ids.js";

const a = unitId("成都市", "市司法局");
const b = unitId("成都市", "市财政局");
const units = (lead: TaskUnits["lead"], responsible: TaskUnits["responsible"] = []): TaskUnits => ({ lead, responsible });

describe("assignmentChangeKind", () => {
  it("names additions, removals, both, and role or order changes; nothing for no change", () => {
    expect(assignmentChangeKind(units([]), units([a]))).toBe("assign");
    expect(assignmentChangeKind(units([a]), units([a], [b]))).toBe("assign");
    expect(assignmentChangeKind(units([a], [b]), units([]))).toBe("remove");
    expect(assignmentChangeKind(units([a]), units([b]))).toBe("replace");
    expect(assignmentChangeKind(units([a]), units([], [a]))).toBe("replace");
    expect(assignmentChangeKind(units([a, b]), units([b, a]))).toBe("replace");
    expect(assignmentChangeKind(units([a], [b]), units([a], [b]))).toBeNull();
  });
});
