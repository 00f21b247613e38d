import { describe, expect, it, vi } from "vitest";
import { ImportError } from "./import-error.js";
import { importPlan } from "./import-plan.js";

// A bug in a step must still reach the caller as an ImportError, never as a bare exception.
vi.mock("./milestones.js", () => ({
  extractMilestones: () => {
    throw new RangeError("simulated bug in a step");
  },
}));

describe("importPlan when a step fails", () => {
  it("wraps the failure as ImportError('internal-error') with its cause", () => {
    let caught: unknown;
    try {
      importPlan("某市法治政府建设规划(2016-2020年)\n一、主要任务\n1.深化改革。加强管理。");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect(caught).toMatchObject({ code: "internal-error", message: "the importer failed on this text: simulated bug in a step" });
    expect((caught as ImportError).cause).toBeInstanceOf(RangeError);
  });
});
