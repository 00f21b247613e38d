import type { Writable } from "node:stream";
import type { DataValidation as ExcelDataValidation, Worksheet } from "exceljs";
import { HISTORY_COLUMNS, LEDGER_COLUMNS, PROGRESS_STATUS_LABELS, PROGRESS_STATUSES, type HistoryRow, type LedgerRow, type ProgressStatus } from "@taizhang/core";
import { cellText } from "./cells.js";
import { encodeXlsxText } from "./xlsx-text.js";
import { loadExcelJs } from "./load-exceljs.js";
import { HIDDEN, widthFor, type XlsxOptions } from "./xlsx.js";

/**
 * The workbook of {@link ledgerXlsx}, written to `stream` as it goes (exceljs's
 * streaming WorkbookWriter): rows are read page by page and each row is
 * committed once written, so a ledger of hundreds of thousands of rows never
 * sits in memory. The same sheets, columns, formats and drop-downs; column
 * widths are fitted to the first page (a streamed sheet cannot widen a column
 * after its first rows are out).
 */
export async function ledgerXlsxStream(pages: AsyncIterable<readonly LedgerRow[]>, options: XlsxOptions, stream: Writable): Promise<void> {
  const lang = options.lang ?? "zh";
  const ExcelJS = await loadExcelJs();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.creator = "Taizhang 台账";
  book.created = new Date(`${options.asOf}T00:00:00+08:00`);
  const sheet = book.addWorksheet(lang === "zh" ? "台账" : "Ledger", { views: [{ state: "frozen", ySplit: 1 }] });
  const statusLabels = PROGRESS_STATUSES.map((s) => PROGRESS_STATUS_LABELS[s][lang]);
  const statusColumn = LEDGER_COLUMNS.findIndex((c) => c.key === "status") + 1;
  const counts = new Map<ProgressStatus, number>();
  let overdue = 0;
  let total = 0;
  let started = false;
  for await (const rows of pages) {
    if (!started) {
      sheet.columns = LEDGER_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: widthFor(c[lang], rows.map((r) => cellText(r, c.key, lang))), hidden: HIDDEN.has(c.key) }));
      const header = sheet.getRow(1);
      header.font = { bold: true };
      header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFF3F8" } };
      header.commit();
      started = true;
    }
    for (const row of rows) {
      const values: Record<string, unknown> = {};
      for (const c of LEDGER_COLUMNS) values[c.key] = encodeXlsxText(cellText(row, c.key, lang));
      values["seq"] = row.seq;
      values["taskNumber"] = row.taskNumber;
      values["percent"] = row.percent;
      values["version"] = row.version;
      values["due"] = new Date(`${row.due}T00:00:00Z`);
      const added = sheet.addRow(values);
      added.getCell("due").numFmt = "yyyy-mm-dd";
      added.alignment = { vertical: "top", wrapText: true };
      if (row.overdue) added.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE2E2" } };
      added.commit();
      counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
      if (row.overdue) overdue++;
      total++;
    }
  }
  if (!started) {
    sheet.columns = LEDGER_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: widthFor(c[lang], []), hidden: HIDDEN.has(c.key) }));
    sheet.getRow(1).font = { bold: true };
  }
  // The status drop-down as one validation over the column's range (sqref), not one per cell: the streaming
  // writer keeps validations until the sheet ends, and 220,000 of them took over a gigabyte.
  if (total > 0) {
    const column = sheet.getColumn(statusColumn).letter;
    (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelDataValidation): void } }).dataValidations.add(`${column}2:${column}${total + 1}`, {
      type: "list",
      allowBlank: false,
      formulae: [`"${statusLabels.join(",")}"`],
      showErrorMessage: true,
      errorTitle: lang === "zh" ? "状态" : "Status",
      error: lang === "zh" ? `请选择：${statusLabels.join("、")}` : `Choose one of: ${statusLabels.join(", ")}`,
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
  sheet.commit();

  const summary = book.addWorksheet(lang === "zh" ? "汇总" : "Summary");
  summary.columns = [{ width: 24 }, { width: 12 }];
  summary.addRow([options.title]).font = { bold: true };
  summary.addRow([lang === "zh" ? "截至" : "As of", options.asOf]);
  summary.addRow([]);
  summary.addRow([lang === "zh" ? "状态" : "Status", lang === "zh" ? "事项数" : "Rows"]).font = { bold: true };
  for (const status of PROGRESS_STATUSES) summary.addRow([PROGRESS_STATUS_LABELS[status][lang], counts.get(status) ?? 0]);
  summary.addRow([lang === "zh" ? "逾期" : "Overdue", overdue]);
  summary.addRow([lang === "zh" ? "合计" : "Total", total]).font = { bold: true };
  summary.commit();
  if (options.history) writeHistory(book.addWorksheet(lang === "zh" ? "变更记录" : "Change history", { views: [{ state: "frozen", ySplit: 1 }] }), options.history, lang);
  await book.commit();
}

function writeHistory(sheet: Worksheet, history: readonly HistoryRow[], lang: "zh" | "en"): void {
  sheet.columns = HISTORY_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: widthFor(c[lang], history.map((r) => String(r[c.key]))), hidden: c.key === "itemId" || c.key === "unitId", ...(c.key === "at" ? { style: { numFmt: "yyyy-mm-dd hh:mm" } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of history) {
    const texts = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? encodeXlsxText(v) : v]));
    const added = sheet.addRow({ ...texts, at: new Date(Date.parse(row.at) + 8 * 3_600_000) });
    added.alignment = { vertical: "top", wrapText: true };
    added.getCell("at").numFmt = "yyyy-mm-dd hh:mm";
    added.commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HISTORY_COLUMNS.length } };
  sheet.commit();
}
