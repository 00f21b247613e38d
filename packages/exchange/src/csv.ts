import { HISTORY_COLUMNS, LEDGER_COLUMNS, type HistoryRow, type LedgerRow } from "@taizhang/core";
import { stringify } from "csv-stringify/sync";
import { cellText, historyCellText, type ExportLanguage } from "./cells.js";
import { guardCsvFormula } from "./csv-formula.js";

/**
 * CSV lines of raw cell texts, each guarded against formulas and quoted as
 * RFC 4180 says (csv-stringify: a field with a comma, a quote or a line break
 * quoted, quotes doubled), every line ended by CRLF.
 */
export function csvLines(lines: ReadonlyArray<readonly string[]>): string {
  if (lines.length === 0) return "";
  return stringify(
    lines.map((cells) => cells.map(guardCsvFormula)),
    { record_delimiter: "\r\n", quoted_match: /[\r\n]/ },
  );
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
  return `\uFEFF${csvLines([columns.map((c) => c[lang]), ...rows.map((row) => columns.map((c) => cell(row, c.key)))])}`;
}

/** The change history (变更记录) as CSV, like {@link ledgerCsv}: BOM, CRLF, headers in the export's language. */
export function historyCsv(rows: readonly HistoryRow[], lang: ExportLanguage = "zh"): string {
  return table(HISTORY_COLUMNS, rows, lang, historyCellText);
}
