import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importPlan, type Plan } from "@taizhang/core";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { DocumentError } from "./document-error.js";
import { findLibreOffice } from "./legacy.js";
import { joinLaidOutLines, type LaidOutLine } from "./pdf.js";
import { readPlanFile } from "./read-plan-file.js";
import { makeDocx, type DocxCell } from "./test-support/make-docx.js";
import { govPage } from "./test-support/make-html.js";

const unitNames = (plan: Plan, ids: readonly string[]) => ids.map((id) => plan.units.find((u) => u.id === id)?.name);
const rows = (plan: Plan) => plan.tasks.map((t) => [t.number, t.title, unitNames(plan, t.lead), unitNames(plan, t.responsible), t.milestones.map((m) => m.due)]);

// A 任务分工方案 as it is issued: the notice's title and lead rule above a table whose
// 序号 cells Word numbers by itself, with a merged category and a merged lead.
const TITLE = "防城港市人民政府办公室关于印发2022年法治政府建设工作要点任务分工的通知";
const HEADER: DocxCell[] = ["序号", "工作任务", "责任单位", "完成时限"];
const TABLE_ROWS: DocxCell[][] = [
  HEADER,
  [{ text: "一、深入推进依法行政", span: 4 }],
  ["1", "健全重大行政决策程序制度，公布年度决策事项目录。", { text: "市司法局、市政府办公室", merge: "restart" }, "2022年6月"],
  ["2", "开展行政规范性文件清理。", { merge: "continue" }, "2022年12月底前"],
  [{ text: "二、严格规范公正文明执法", span: 4 }],
  ["3", "全面推行行政执法三项制度。", "市司法局、各县（市、区）人民政府", "长期坚持"],
];
const EXPECTED_TABLE = [
  [1, "健全重大行政决策程序制度,公布年度决策事项目录", ["市司法局"], ["市政府办公室"], ["2022-06-30"]],
  [2, "开展行政规范性文件清理", ["市司法局"], ["市政府办公室"], ["2022-12-31"]],
  [3, "全面推行行政执法三项制度", ["市司法局"], ["各县(市、区)人民政府"], []],
];

describe("task tables in every container", () => {
  it("a .docx table with gridSpan and vMerge", async () => {
    const docx = makeDocx([TITLE, "防政办发〔2022〕5号", "各县（市、区）人民政府，市直各部门：", "现将任务分工印发给你们。责任单位中排在第一位的为牵头单位。", { table: TABLE_ROWS }]);
    const file = await readPlanFile(docx);
    expect(file.kind).toBe("docx");
    const { plan } = importPlan(file.text);
    expect(rows(plan)).toEqual(EXPECTED_TABLE);
    expect(plan.parts.map((p) => p.title)).toEqual(["深入推进依法行政", "严格规范公正文明执法"]);
    expect(file.text).not.toMatch(/已删除的文字|PAGE|页眉/u);
  });

  it("an HTML table with rowspan and colspan, in a GBK page", async () => {
    const cell = (c: DocxCell): string => (typeof c === "string" ? `<td>${c}</td>` : c.merge === "continue" ? "" : `<td${c.span ? ` colspan="${c.span}"` : ""}${c.merge === "restart" ? ' rowspan="2"' : ""}>${c.text ?? ""}</td>`);
    const table = `<table border="1">${TABLE_ROWS.map((r) => `<tr>${r.map(cell).join("")}</tr>`).join("")}</table>`;
    const page = govPage(["防政办发〔2022〕5号", "现将任务分工印发给你们。责任单位中排在第一位的为牵头单位。"], { title: TITLE, charset: "gb2312", extra: table });
    const file = await readPlanFile(page);
    expect(file.kind).toBe("html");
    const { plan } = importPlan(file.text);
    expect(plan.title).toBe("2022年法治政府建设工作要点任务分工");
    expect(rows(plan)).toEqual(EXPECTED_TABLE);
    expect(file.text).not.toMatch(/首页|政务公开|相关文件|版权所有|分享到|网站地图/u);
  });

  it("an .xlsx sheet with merged cells and a title row", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("任务分工");
    sheet.addRow([TITLE.replace("关于印发", "").replace("的通知", "表")]);
    sheet.mergeCells("A1:D1");
    sheet.addRow(["注：责任单位中排在第一位的为牵头单位。"]);
    sheet.mergeCells("A2:D2");
    for (const row of TABLE_ROWS) sheet.addRow(row.map((c) => (typeof c === "string" ? c : (c.text ?? null))));
    // 一、… across the table; the lead 市司法局、市政府办公室 over tasks 1 and 2.
    sheet.mergeCells("A4:D4");
    sheet.mergeCells("C5:C6");
    sheet.mergeCells("A7:D7");
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const file = await readPlanFile(bytes);
    expect(file.kind).toBe("xlsx");
    const { plan } = importPlan(file.text);
    expect(rows(plan)).toEqual(EXPECTED_TABLE);
  });
});

describe("Word's automatic numbering", () => {
  it("prints 一、 (一) and 1. as Word shows them, so the structure is read", async () => {
    const docx = makeDocx([
      "某市法治政府建设实施方案(2021—2025年)",
      { text: "主要任务", numbered: { numId: 1, level: 0 } },
      { text: "依法全面履行政府职能", numbered: { numId: 1, level: 1 } },
      { text: "深化行政审批制度改革。2022年年底前公布清单。（市审改办牵头，市政府各部门配合）", numbered: { numId: 2, level: 0 } },
      { text: "加强市场监管。（市市场监管局负责）", numbered: { numId: 2, level: 0 } },
      { text: "保障措施", numbered: { numId: 1, level: 0 } },
      { text: "加强组织领导。各级政府要加强领导。", numbered: { numId: 1, level: 1 } },
    ]);
    const { text } = await readPlanFile(docx);
    expect(text.split("\n").slice(1, 4)).toEqual(["一、主要任务", "（一）依法全面履行政府职能", "1.深化行政审批制度改革。2022年年底前公布清单。（市审改办牵头，市政府各部门配合）"]);
    const { plan } = importPlan(text);
    expect(plan.tasks.map((t) => [t.number, t.ordinal, t.guarantee])).toEqual([
      [1, "1", false],
      [2, "2", false],
      [3, "(一)", true],
    ]);
    expect(unitNames(plan, plan.tasks[0]?.lead ?? [])).toEqual(["市审改办"]);
  });
});

describe("format from the content, not the name", () => {
  it("reads GB18030 text and UTF-16 text", async () => {
    const text = "某市法治政府建设规划(2016-2020年)\n一、主要任务\n1.深化行政审批制度改革。2016年年底前公布清单。";
    expect((await readPlanFile(new Uint8Array(iconv.encode(text, "gb18030")))).text).toBe(text);
    expect((await readPlanFile(new Uint8Array(iconv.encode(text, "utf16-le", { addBOM: true })))).text).toBe(text);
  });

  it("refuses what it cannot read with a message that says what to do", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    await expect(readPlanFile(ole, { soffice: null })).rejects.toThrow(/legacy Word\/WPS file .*另存为.*soffice --headless --convert-to docx/u);
    await expect(readPlanFile(new TextEncoder().encode("{\\rtf1 abc}"))).rejects.toMatchObject({ code: "unsupported-format" });
    await expect(readPlanFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x25]))).rejects.toMatchObject({ code: "damaged-file" });
    await expect(readPlanFile(new Uint8Array(0))).rejects.toBeInstanceOf(DocumentError);
    await expect(readPlanFile(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).rejects.toMatchObject({ code: "unsupported-format" });
  });
});

describe("joinLaidOutLines", () => {
  const page = (n: number, lines: [string, number, number, number][]): LaidOutLine[] =>
    lines.map(([text, x0, x1, y]) => ({ page: n, text, x0, x1, y, size: 12, pageHeight: 800 }));
  it("joins wrapped lines across a page break and drops page numbers and running headers", () => {
    const lines = [
      ...page(1, [["某市人民政府文件", 200, 296, 780], ["一、主要任务", 100, 172, 700], ["1.深化行政审批制度改革。全面清理行政审批事项，", 100, 500, 680], ["减少审批环节。", 76, 160, 662], ["2.加强事中事后监管，建立健全随机抽查工作机制和", 100, 500, 644], ["- 1 -", 280, 310, 30]]),
      ...page(2, [["某市人民政府文件", 200, 296, 780], ["制度。", 76, 112, 700], ["3.规范中介服务。", 100, 196, 682], ["- 2 -", 280, 310, 30]]),
      ...page(3, [["某市人民政府文件", 200, 296, 780], ["4.推进政务公开。", 100, 196, 700], ["第3页", 280, 310, 30]]),
    ];
    expect(joinLaidOutLines(lines)).toEqual(["一、主要任务", "1.深化行政审批制度改革。全面清理行政审批事项，减少审批环节。", "2.加强事中事后监管，建立健全随机抽查工作机制和制度。", "3.规范中介服务。", "4.推进政务公开。"]);
  });
});

const soffice = findLibreOffice();
if (soffice === null) console.warn("legacy .doc: skipped — no LibreOffice (apt-get install libreoffice-writer)");

describe.runIf(soffice !== null)("legacy .doc through LibreOffice", { timeout: 240_000 }, () => {
  it("converts a .doc and reads it like the .docx it came from", async () => {
    const docx = makeDocx(["某市法治政府建设实施方案(2021—2025年)", "一、主要任务", "1.深化行政审批制度改革。2022年年底前公布清单。[牵头单位:市审改办;责任单位:市政府各部门]", "2.加强市场监管。"]);
    const dir = mkdtempSync(join(tmpdir(), "taizhang-doc-test-"));
    try {
      writeFileSync(join(dir, "plan.docx"), docx);
      execFileSync(soffice ?? "soffice", [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "doc", "--outdir", dir, join(dir, "plan.docx")], { timeout: 180_000, stdio: "ignore", env: { ...process.env, HOME: dir } });
      const doc = new Uint8Array(readFileSync(join(dir, "plan.doc")));
      const file = await readPlanFile(doc);
      expect(file.kind).toBe("doc");
      const { plan } = importPlan(file.text);
      expect(rows(plan)).toEqual([
        [1, "深化行政审批制度改革", ["市审改办"], ["市政府各部门"], ["2022-12-31"]],
        [2, "加强市场监管", [], [], []],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(soffice === null && process.env["CI"] !== undefined)("legacy .doc through LibreOffice", () => {
  it("has LibreOffice in CI", () => {
    expect(soffice).not.toBeNull();
  });
});
