import { HISTORY_COLUMNS, LEDGER_COLUMNS, PROGRESS_STATUS_LABELS, PROGRESS_STATUSES, type HistoryRow, type LedgerRow } from "@taizhang/core";
import { cellText, type ExportLanguage } from "./cells.js";
import { loadExcelJs } from "./load-exceljs.js";
import { encodeXlsxText } from "./xlsx-text.js";

/** Columns kept for matching an edited file back (hidden: people need not see them). */
export const HIDDEN = new Set<string>(["itemId", "unitId", "version"]);
/** Display cells of a text: CJK and full-width characters take two. */
const cells = (text: string): number => [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1), 0);

/** A column's width: its header's or its longest line's display cells (lines capped at 60), plus a margin, 6 to 62. */
export function widthFor(header: string, values: readonly string[]): number {
  const longest = Math.max(cells(header), ...values.map((v) => Math.min(60, Math.max(...v.split("\n").map(cells)))));
  return Math.min(62, Math.max(6, longest + 2));
}

export interface XlsxOptions {
  lang?: ExportLanguage;
  /** Written on the summary sheet, e.g. the plan or the unit. */
  title: string;
  /** The date overdue was judged at (YYYY-MM-DD, China). */
  asOf: string;
  /** When given, a 变更记录 sheet with these changes (newest first, as the store lists them). */
  history?: readonly HistoryRow[];
}

/**
 * The rows as an Excel workbook (exceljs): a 台账 sheet with a frozen header,
 * column widths that fit Chinese text, due dates as real dates, status as a
 * drop-down of the five statuses, overdue rows highlighted, and the matching
 * columns (item id, unit id, version) hidden; and a 汇总 sheet with the count
 * of rows per status.
 */
export async function ledgerXlsx(rows: readonly LedgerRow[], options: XlsxOptions): Promise<Uint8Array> {
  const lang = options.lang ?? "zh";
  const book = new (await loadExcelJs()).Workbook();
  book.creator = "Taizhang 台账";
  book.created = new Date(`${options.asOf}T00:00:00+08:00`);
  const sheet = book.addWorksheet(lang === "zh" ? "台账" : "Ledger", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: widthFor(c[lang], rows.map((r) => cellText(r, c.key, lang))), hidden: HIDDEN.has(c.key) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFF3F8" } };
  const statusLabels = PROGRESS_STATUSES.map((s) => PROGRESS_STATUS_LABELS[s][lang]);
  const statusColumn = LEDGER_COLUMNS.findIndex((c) => c.key === "status") + 1;
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const c of LEDGER_COLUMNS) values[c.key] = encodeXlsxText(cellText(row, c.key, lang));
    // Numbers and dates as themselves, so Excel sorts and filters them right.
    values["seq"] = row.seq;
    values["taskNumber"] = row.taskNumber;
    values["percent"] = row.percent;
    values["version"] = row.version;
    values["due"] = new Date(`${row.due}T00:00:00Z`);
    const added = sheet.addRow(values);
    added.getCell("due").numFmt = "yyyy-mm-dd";
    added.alignment = { vertical: "top", wrapText: true };
    added.getCell(statusColumn).dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [`"${statusLabels.join(",")}"`],
      showErrorMessage: true,
      errorTitle: lang === "zh" ? "状态" : "Status",
      error: lang === "zh" ? `请选择：${statusLabels.join("、")}` : `Choose one of: ${statusLabels.join(", ")}`,
    };
    if (row.overdue) added.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFDE2E2" } };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };

  const summary = book.addWorksheet(lang === "zh" ? "汇总" : "Summary");
  summary.columns = [{ width: 24 }, { width: 12 }];
  summary.addRow([options.title]).font = { bold: true };
  summary.addRow([lang === "zh" ? "截至" : "As of", options.asOf]);
  summary.addRow([]);
  summary.addRow([lang === "zh" ? "状态" : "Status", lang === "zh" ? "事项数" : "Rows"]).font = { bold: true };
  for (const status of PROGRESS_STATUSES) summary.addRow([PROGRESS_STATUS_LABELS[status][lang], rows.filter((r) => r.status === status).length]);
  summary.addRow([lang === "zh" ? "逾期" : "Overdue", rows.filter((r) => r.overdue).length]);
  summary.addRow([lang === "zh" ? "合计" : "Total", rows.length]).font = { bold: true };
  if (options.history) {
    // Not "History": Excel reserves that sheet name (exceljs refuses it).
    const sheet = book.addWorksheet(lang === "zh" ? "变更记录" : "Change history", { views: [{ state: "frozen", ySplit: 1 }] });
    const history = options.history;
    sheet.columns = HISTORY_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: widthFor(c[lang], history.map((r) => String(r[c.key]))), hidden: c.key === "itemId" || c.key === "unitId" }));
    sheet.getRow(1).font = { bold: true };
    // Excel dates carry no zone: written as China's wall-clock time (UTC+8), as offices read them.
    for (const row of history) {
      const texts = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" ? encodeXlsxText(v) : v]));
      sheet.addRow({ ...texts, at: new Date(Date.parse(row.at) + 8 * 3_600_000) }).alignment = { vertical: "top", wrapText: true };
    }
    sheet.getColumn("at").numFmt = "yyyy-mm-dd hh:mm";
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HISTORY_COLUMNS.length } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
