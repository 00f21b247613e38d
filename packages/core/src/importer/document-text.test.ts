import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentText, taskTableLines, type TableCell } from "./document-text.js";
import { importPlan } from "./import-plan.js";

/** A table as readers give it: `^` marks a cell a merge covers (it repeats the text above), `<` one the cell to its left covers. */
function table(rows: string[][]): TableCell[][] {
  const out: TableCell[][] = [];
  rows.forEach((row, r) => {
    const cells: TableCell[] = [];
    row.forEach((text, c) => {
      if (text === "^") cells.push({ text: out[r - 1]?.[c]?.text ?? "", covered: true });
      else if (text === "<") cells.push({ text: cells[c - 1]?.text ?? "", covered: true });
      else cells.push({ text, covered: false });
    });
    out.push(cells);
  });
  return out;
}

// A 任务分工方案 as such tables are issued: a title row, a two-row header (责任单位 over 牵头|配合),
// a category column merged down, a lead merged over two tasks, and a note.
const DIVISION = table([
  ["柳州市2022年法治政府建设重点任务分工表", "<", "<", "<", "<", "<"],
  ["序号", "重点任务", "具体措施", "责任单位", "<", "完成时限"],
  ["^", "^", "^", "牵头单位", "配合单位", "^"],
  ["1", "依法全面履行政府职能", "深化“放管服”改革。推进政务服务事项网上办理。", "市行政审批局", "市直各部门", "2022年12月"],
  ["2", "^", "全面推行权责清单制度。\n1.动态调整权责清单。\n2.公布调整结果。", "市委编办", "各县(区)人民政府", "2022年6月底前"],
  ["3", "健全依法决策机制", "严格落实重大行政决策程序。", "市司法局", "市政府办公室、市发展改革委", "长期坚持"],
  ["4", "^", "加强行政规范性文件备案审查。", "^", "各县(区)人民政府", "2022—2023年"],
  ["注：配合单位按职责分工负责。", "<", "<", "<", "<", "<"],
]);

describe("taskTableLines", () => {
  it("reads a task table as the importer's task list", () => {
    expect(taskTableLines(DIVISION)).toEqual([
      "柳州市2022年法治政府建设重点任务分工表",
      "注：配合单位按职责分工负责。",
      "(一)依法全面履行政府职能",
      "1.深化“放管服”改革。推进政务服务事项网上办理。",
      "牵头单位:市行政审批局",
      "配合单位:市直各部门",
      "完成时限:2022年12月",
      "2.全面推行权责清单制度。\n(1)动态调整权责清单。\n(2)公布调整结果。",
      "牵头单位:市委编办",
      "配合单位:各县(区)人民政府",
      "完成时限:2022年6月底前",
      "(二)健全依法决策机制",
      "3.严格落实重大行政决策程序。",
      "牵头单位:市司法局",
      "配合单位:市政府办公室、市发展改革委",
      "完成时限:长期坚持",
      "4.加强行政规范性文件备案审查。",
      "牵头单位:市司法局",
      "配合单位:各县(区)人民政府",
      "完成时限:2022—2023年",
    ]);
  });

  it("imports the table to tasks with their units and deadlines, merged cells included", () => {
    const { plan } = importPlan(documentText([{ kind: "table", rows: DIVISION }]));
    const unit = (id: string) => plan.units.find((u) => u.id === id)?.name;
    expect(plan.tasks.map((t) => [t.number, t.sectionNumber, t.lead.map(unit), t.responsible.map(unit), t.milestones.map((m) => m.due)])).toEqual([
      [1, 1, ["市行政审批局"], ["市直各部门"], ["2022-12-31"]],
      [2, 1, ["市委编办"], ["各县(区)人民政府"], ["2022-06-30"]],
      [3, 2, ["市司法局"], ["市政府办公室", "市发展改革委"], []],
      [4, 2, ["市司法局"], ["各县(区)人民政府"], ["2023-12-31"]],
    ]);
    expect(plan.parts.flatMap((p) => p.sections.map((s) => s.title))).toEqual(["依法全面履行政府职能", "健全依法决策机制"]);
  });

  it("numbers rows without a 序号 on from the last number, and takes a row across the table as a heading", () => {
    const rows = table([
      ["工作任务", "责任单位", "完成时间"],
      ["一、深化行政审批制度改革", "<", "<"],
      ["清理行政审批事项。", "市审改办", "2021年"],
      ["规范中介服务。", "市发展改革委", ""],
    ]);
    expect(taskTableLines(rows)).toEqual([
      "一、深化行政审批制度改革",
      "1.清理行政审批事项。",
      "责任单位:市审改办",
      "完成时限:2021年",
      "2.规范中介服务。",
      "责任单位:市发展改革委",
    ]);
  });

  it("is not a task table without a task column and a unit or deadline column", () => {
    expect(taskTableLines(table([["呼和浩特市人民政府文件"], ["呼政发〔2015〕32号"]]))).toBeNull();
    expect(documentText([{ kind: "table", rows: table([["呼和浩特市人民政府", "<"], ["文件", "呼政发〔2015〕32号"]]) }])).toBe("呼和浩特市人民政府\n文件\n呼政发〔2015〕32号");
  });

  it("never throws on any table", () => {
    const cell = fc.record({ text: fc.oneof(fc.string(), fc.constantFrom("序号", "工作任务", "牵头单位", "责任单位", "完成时限", "1", "一、总则")), covered: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), (rows) => {
        expect(typeof documentText([{ kind: "table", rows }])).toBe("string");
      }),
    );
  });
});
