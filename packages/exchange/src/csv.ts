import { LEDGER_COLUMNS, type LedgerRow } from "@taizhang/core";
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
