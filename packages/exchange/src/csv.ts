import { HISTORY_COLUMNS, LEDGER_COLUMNS, type HistoryRow, type LedgerRow } from "@taizhang/core";
import { cellText, historyCellText, type ExportLanguage } from "./cells.js";
import { guardCsvFormula } from "./csv-formula.js";

/** RFC 4180 quoting (a field with a comma, a quote or a line break is quoted, quotes doubled), after the formula guard. */
function field(raw: string): string {
  const text = guardCsvFormula(raw);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (no line end) of raw cell texts, each guarded and quoted. */
export function csvLine(cells: readonly string[]): string {
  return cells.map(field).join(",");
}

/**
 * The rows as CSV: UTF-8 with a byte-order mark (so Excel opens Chinese text
 * right), CRLF line ends, a header row in the export's language.
 */
export function ledgerCsv(rows: readonly LedgerRow[], lang: ExportLanguage = "zh"): string {
  return table(LEDGER_COLUMNS, rows, lang, (row, key) => cellText(row, key, lang));
}

/** A header row in `lang`, then one line per row; BOM, CRLF, RFC 4180 fields. */
function table<R, K extends string>(columns: ReadonlyArray<{ key: K; zh: string; en: string }>, rows: readonly R[], lang: ExportLanguage, cell: (row: R, key: K) => string): string {
  const lines = [columns.map((c) => field(c[lang])).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(cell(row, c.key))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The change history (变更记录) as CSV, like {@link ledgerCsv}: BOM, CRLF, headers in the export's language. */
export function historyCsv(rows: readonly HistoryRow[], lang: ExportLanguage = "zh"): string {
  return table(HISTORY_COLUMNS, rows, lang, historyCellText);
}
