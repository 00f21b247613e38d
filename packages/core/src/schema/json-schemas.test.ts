import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtInPlans } from "../plans/index.js";
import { detectDocument, jsonPath, MODEL_DOCUMENT_NAMES, modelJsonSchema, validateDocument } from "./json-schemas.js";

const schemaDir = join(import.meta.dirname, "..", "..", "..", "..", "docs", "schema");

describe("the model as JSON Schema", () => {
  it("matches the checked-in docs/schema files (run `pnpm --filter @taizhang/core generate:schema` after changing the model)", () => {
    for (const name of MODEL_DOCUMENT_NAMES) {
      const file = join(schemaDir, `${name}.schema.json`);
      expect(readFileSync(file, "utf8"), file).toBe(`${JSON.stringify(modelJsonSchema(name), null, 2)}\n`);
    }
  });

  it("describes a plan with the Chinese terms of the model and its version", () => {
    const plan = modelJsonSchema("plan");
    expect(plan["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(plan["$id"]).toBe("https://taizhang.dev/schema/plan.schema.json");
    expect(plan["x-taizhang-model-schema-version"]).toBe(1);
    const text = JSON.stringify(plan);
    for (const term of ["牵头单位", "责任单位", "时间节点", "文号"]) expect(text).toContain(term);
    expect(plan["required"]).toEqual(expect.arrayContaining(["id", "title", "tasks", "units", "provenance"]));
  });
});

describe("validateDocument", () => {
  it("accepts the built-in plans, alone and as a list", () => {
    const plan = builtInPlans[0];
    expect(detectDocument(plan)).toBe("plan");
    expect(validateDocument("plan", plan)).toEqual([]);
    expect(detectDocument(builtInPlans)).toBe("plans");
    expect(validateDocument("plans", builtInPlans)).toEqual([]);
  });

  it("names every violation with its JSON path", () => {
    const broken = structuredClone(builtInPlans[0]) as unknown as { tasks: Array<Record<string, unknown>>; period: Record<string, unknown> };
    const first = broken.tasks[0];
    const third = broken.tasks[2];
    if (!first || !third) throw new Error("fixture plan too short");
    first["title"] = 42;
    third["milestones"] = [{ due: "2016-13-40" }];
    broken.period["startYear"] = "2015";
    const violations = validateDocument("plan", broken);
    const paths = violations.map((v) => v.path);
    expect(paths).toContain("$.tasks[0].title");
    expect(paths).toContain("$.period.startYear");
    expect(paths.some((p) => p.startsWith("$.tasks[2].milestones[0]"))).toBe(true);
    expect(violations.every((v) => v.message.length > 0)).toBe(true);
  });

  it("writes paths the way JSON tools read them", () => {
    expect(jsonPath([])).toBe("$");
    expect(jsonPath(["tasks", 3, "lead", 0])).toBe("$.tasks[3].lead[0]");
    expect(jsonPath(["units", "成都市:市委编办"])).toBe('$.units["成都市:市委编办"]');
  });

  it("does not guess a kind for what is none of the documents", () => {
    expect(detectDocument({ hello: "world" })).toBeNull();
    expect(detectDocument([])).toBeNull();
    expect(detectDocument("plan")).toBeNull();
  });

  it("checks a ledger export (JSON) row by row", () => {
    const row = {
      seq: 1, planId: "chengdu-2015", planTitle: "成都", section: "", taskId: "chengdu-2015/1", taskNumber: 1, taskTitle: "深化行政审批制度改革",
      itemId: "chengdu-2015/1#task", item: "整项任务", unitId: "成都市:市委编办", unit: "市委编办", role: "lead", leadUnits: "市委编办", responsibleUnits: "",
      due: "2020-12-31", overdue: false, daysLeft: 10, status: "in_progress", percent: 40, note: "", evidence: "", measuredValue: "",
      responsiblePerson: { name: "张伟", post: null, contact: null }, version: 2, updatedBy: null, updatedAt: null,
    };
    const file = { asOf: "2020-12-21T00:00:00.000Z", rows: [row, { ...row, seq: 2, status: "finished", percent: 140 }] };
    expect(detectDocument(file)).toBe("ledger-export");
    expect(validateDocument("ledger-export", { ...file, rows: [row] })).toEqual([]);
    expect(validateDocument("ledger-export", file).map((v) => v.path).sort()).toEqual(["$.rows[1].percent", "$.rows[1].status"]);
  });
});
