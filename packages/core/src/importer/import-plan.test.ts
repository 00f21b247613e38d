import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlanSchema } from "../model/plan.js";
import { ImportError } from "./import-error.js";
import { importPlan } from "./import-plan.js";
import { sha256Hex } from "./sha256.js";

/** `TAIZHANG_HEAVY=1` (.ci/run): the fuzzing runs of issue 8, 100,000 generated texts and 2,000 mutilated seeds (about 30 s). */
const HEAVY = process.env.TAIZHANG_HEAVY === "1";

const SOURCES = join(import.meta.dirname, "..", "..", "plans", "sources");
const seed = (name: string): string => readFileSync(join(SOURCES, name), "utf8");
const SEEDS = [
  "000_303cee155329faa7.txt",
  "001_4e84aac5f35be19d.txt",
  "002_08d0e86018707fca.txt",
  "003_c5645c69c3d939d1.txt",
  "004_6fb7fc662887b81d.txt",
].map(seed);

const SMALL_PLAN = `某市人民政府关于加快建设法治政府的实施意见
某政发〔2016〕3号
为全面推进依法行政,结合实际,提出如下意见。
一、主要任务
(一)依法全面履行政府职能
1.深化行政审批制度改革。2016年年底前公布清单。[牵头单位:市委编办(市审改办);责任单位:市政府各部门]
2.加强市场监管。抽查比例不低于3%。[牵头单位:市审改办;责任单位:各区(市)县政府]
二、保障措施
(一)加强组织领导。各级政府要加强领导。`;

/** What an import that fails may say: input problems, never a crash. */
const EXPECTED_FAILURES = new Set(["empty-input", "binary-input", "not-a-plan", "period-unknown"]);

/**
 * A hang guard, not a speed goal: the four seeds import in ~50 ms together, so an input taking seconds is a
 * runaway (a backtracking pattern, a loop), and fast-check then shrinks it to the smallest such text and names it.
 */
const PER_INPUT_LIMIT_MS = 2_000;

function importOrError(text: string): { ok: true } | { ok: false; code: string } {
  const started = performance.now();
  const outcome = attemptImport(text);
  const ms = performance.now() - started;
  if (ms > PER_INPUT_LIMIT_MS) throw new Error(`importing a ${text.length}-character text took ${Math.round(ms)} ms (limit ${PER_INPUT_LIMIT_MS} ms): ${JSON.stringify(text.slice(0, 200))}`);
  return outcome;
}

function attemptImport(text: string): { ok: true } | { ok: false; code: string } {
  try {
    const { plan } = importPlan(text);
    expect(PlanSchema.safeParse(plan).success).toBe(true);
    return { ok: true };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, code: error.code };
    throw error;
  }
}

describe("importPlan", () => {
  it("imports a small plan with units, aliases, milestones and a guarantee task", () => {
    const { plan, warnings } = importPlan(SMALL_PLAN, { id: "test-2016", sourceName: "small.txt" });
    expect(plan.id).toBe("test-2016");
    expect(plan.documentNumber).toBe("某政发〔2016〕3号");
    expect(plan.tasks.map((t) => [t.number, t.ordinal, t.guarantee])).toEqual([
      [1, "1", false],
      [2, "2", false],
      [3, "(一)", true],
    ]);
    expect(plan.tasks[0]?.text).not.toContain("牵头单位");
    expect(plan.tasks[0]?.milestones.map((m) => m.due)).toEqual(["2016-12-31"]);
    // 市审改办 is the alias of 市委编办: both annotations name the same unit.
    expect(plan.tasks[1]?.lead).toEqual(plan.tasks[0]?.lead);
    const unit = plan.units.find((u) => u.name === "市委编办");
    expect(unit?.aliases).toEqual(["市审改办"]);
    expect(plan.provenance.sourceFiles[0]).toMatchObject({ name: "small.txt", sha256: sha256Hex(SMALL_PLAN), script: "simplified" });
    expect(plan.provenance.warnings).toEqual(warnings);
  });

  it("takes the sha256 from the caller when given", () => {
    const sha256 = "a".repeat(64);
    const { plan } = importPlan(SMALL_PLAN, { id: "test-2016", sha256 });
    expect(plan.provenance.sourceFiles[0]?.sha256).toBe(sha256);
  });

  it.each([
    ["", "empty-input", /empty/],
    ["  \n\t\n", "empty-input", /empty/],
    ["一、主要任务\u0000\u0001", "binary-input", /binary.*line 1/],
    ["PK\u0003\u0004\u0014\u0000\u0006\u0000", "binary-input", /binary/],
    ["Just some English text.", "not-a-plan", /no Chinese text/],
    ["这是一段普通的中文文字,没有任何任务。\n第二段文字。", "not-a-plan", /no tasks found/],
    ["一、主要任务\n1.深化改革。加强管理。", "period-unknown", /no year/],
  ])("rejects %j as %s", (text, code, message) => {
    expect(() => importPlan(text)).toThrow(ImportError);
    try {
      importPlan(text);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe(code);
      expect((error as ImportError).message).toMatch(message);
    }
  });

  it("rejects an id that is not a slug", () => {
    expect(() => importPlan(SMALL_PLAN, { id: "Not A Slug" })).toThrow(/not a plan id/);
  });

  it("returns a plan or throws an ImportError on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 500 }), (text) => {
        const outcome = importOrError(text);
        return outcome.ok || EXPECTED_FAILURES.has(outcome.code);
      }),
      { numRuns: HEAVY ? 50_000 : 300 },
    );
  });

  it("returns a plan or throws an ImportError on plan-like noise", () => {
    const line = fc.oneof(
      fc.constantFrom("一、主要任务", "二、保障措施", "(一)加强领导", "1.深化改革。2016年年底前完成。", "2.加强监管。", "到2020年,基本建成。", "[牵头单位:市法制办;责任单位:]", "答记者问", "《某文件》(某发〔201416号)"),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const outcome = importOrError(lines.join("\n"));
        return outcome.ok || EXPECTED_FAILURES.has(outcome.code);
      }),
      { numRuns: HEAVY ? 50_000 : 300 },
    );
  });

  it("survives mutilated seed texts: deleted lines, shuffled chunks, injected noise", () => {
    const mutilation = fc.record({
      seedIndex: fc.integer({ min: 0, max: SEEDS.length - 1 }),
      deletions: fc.array(fc.nat(), { maxLength: 20 }),
      swaps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }),
      noise: fc.array(fc.tuple(fc.nat(), fc.string({ unit: "grapheme", maxLength: 30 })), { maxLength: 10 }),
    });
    fc.assert(
      fc.property(mutilation, ({ seedIndex, deletions, swaps, noise }) => {
        const lines = (SEEDS[seedIndex] ?? "").split("\n");
        for (const d of deletions) if (lines.length > 0) lines.splice(d % lines.length, 1);
        for (const [a, b] of swaps) {
          if (lines.length === 0) break;
          const i = a % lines.length;
          const j = b % lines.length;
          const chunk = lines.splice(i, Math.min(5, lines.length - i));
          lines.splice(Math.min(j, lines.length), 0, ...chunk);
        }
        for (const [at, text] of noise) lines.splice(lines.length === 0 ? 0 : at % lines.length, 0, text);
        const outcome = importOrError(lines.join("\n"));
        return outcome.ok || EXPECTED_FAILURES.has(outcome.code);
      }),
      { numRuns: HEAVY ? 2_000 : 60 },
    );
  }, HEAVY ? 300_000 : 20_000);
});
