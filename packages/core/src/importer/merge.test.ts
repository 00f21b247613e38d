import { describe, expect, it } from "vitest";
import { ImportError } from "./import-error.js";
import { importPlan } from "./import-plan.js";
import { mergeImports } from "./merge.js";

const plan = (head: string[], tasks: string[]) =>
  [...head, "一、主要任务", ...tasks.map((t, i) => `${i + 1}.${t}。到2020年完成。`), "二、保障措施", "(一)加强组织领导。各级政府要加强领导。"].join("\n");

const withIssuer = plan(["某市人民政府", "关于加快建设法治政府的实施意见", "某政发〔2016〕3号", "为推进依法行政,根据《某意见》(某党发〔201516号)要求,提出意见。"], ["深化改革", "加强监管"]);
const withoutIssuer = plan(["关于加快建设法治政府的实施意见", "为推进依法行政,根据《某意见》(某党发〔2015〕16号)要求,提出意见。"], ["深化改革", "加强监管"]);

describe("mergeImports", () => {
  const rich = importPlan(withIssuer, { id: "mou-2016", sourceName: "a.txt" });
  const poor = importPlan(withoutIssuer, { id: "mou-2015", sourceName: "b.txt" });

  it("keeps the copy with the most complete metadata, whatever the order", () => {
    for (const order of [[rich, poor], [poor, rich]]) {
      const { plan: merged } = mergeImports(order);
      expect(merged.id).toBe("mou-2016");
      expect(merged.issuer).toBe("某市人民政府");
      expect(merged.documentNumber).toBe("某政发〔2016〕3号");
    }
  });

  it("lists every source file and tags each warning with its file", () => {
    const { plan: merged, warnings } = mergeImports([rich, poor]);
    expect(merged.provenance.sourceFiles.map((f) => f.name)).toEqual(["a.txt", "b.txt"]);
    expect(warnings.find((w) => w.code === "citation-repaired")?.message).toMatch(/^a\.txt: /);
  });

  it("takes each cited basis from a copy that printed its 文号 intact", () => {
    expect(rich.warnings.some((w) => w.code === "citation-repaired")).toBe(true);
    const { plan: merged } = mergeImports([rich, poor]);
    expect(merged.basis).toEqual([{ title: "某意见", documentNumber: "某党发〔2015〕16号" }]);
  });

  it("warns when copies title a task differently", () => {
    const other = importPlan(plan(["关于加快建设法治政府的实施意见"], ["深化改革", "强化监管"]), { id: "mou-2020" });
    const { warnings } = mergeImports([rich, other]);
    expect(warnings.filter((w) => w.code === "merge-title-mismatch").map((w) => w.excerpt)).toEqual(["强化监管"]);
  });

  it("refuses copies with different numbers of tasks", () => {
    const shorter = importPlan(plan(["关于加快建设法治政府的实施意见"], ["深化改革"]), { id: "mou-2020" });
    expect(() => mergeImports([rich, shorter])).toThrow(ImportError);
    expect(() => mergeImports([rich, shorter])).toThrow(/3 tasks but .* has 2/);
  });

  it("returns a single import as it is and refuses nothing", () => {
    expect(mergeImports([rich])).toBe(rich);
    expect(() => mergeImports([])).toThrow(/nothing to merge/);
  });
});
