import { HISTORY_COLUMNS, LEDGER_COLUMNS, type HistoryRow, type LedgerRow } from "@taizhang/core";
import { cellText, type ExportLanguage } from "./cells.js";

/** RFC 4180 quoting: a field with a comma, a quote or a line break is quoted, quotes doubled. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rows as CSV: UTF-8 with a byte-order mark (so Excel opens Chinese text
 * right), CRLF line ends, a header row in the export's language.
 */
export function ledgerCsv(rows: readonly LedgerRow[], lang: ExportLanguage = "zh"): string {
  const lines = [LEDGER_COLUMNS.map((c) => field(c[lang])).join(",")];
  for (const row of rows) lines.push(LEDGER_COLUMNS.map((c) => field(cellText(row, c.key, lang))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The change history (变更记录) as CSV, like {@link ledgerCsv}: BOM, CRLF, headers in the export's language. */
export function historyCsv(rows: readonly HistoryRow[], lang: ExportLanguage = "zh"): string {
  const lines = [HISTORY_COLUMNS.map((c) => field(c[lang])).join(",")];
  for (const row of rows) lines.push(HISTORY_COLUMNS.map((c) => field(String(row[c.key]))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
