import { LEDGER_COLUMNS, type LedgerRow } from "@taizhang/core";
import { cellText, type ExportLanguage } from "./cells.js";
import { csvLines } from "./csv.js";
import { icsEvent, icsFooter, icsHeader, type IcsOptions } from "./ics.js";

/**
 * The exports of a large ledger as text chunks, one page of rows at a time:
 * the same bytes as {@link ledgerCsv} and {@link ledgerIcs} of all the rows,
 * without the whole file (or all its rows) in memory. `pages` yields the rows
 * in ledger order, numbered across pages (seq).
 */
export async function* ledgerCsvChunks(pages: AsyncIterable<readonly LedgerRow[]>, lang: ExportLanguage = "zh"): AsyncGenerator<string> {
  yield `\uFEFF${csvLines([LEDGER_COLUMNS.map((c) => c[lang])])}`;
  for await (const rows of pages) {
    const chunk = csvLines(rows.map((row) => LEDGER_COLUMNS.map((c) => cellText(row, c.key, lang))));
    if (chunk) yield chunk;
  }
}

/** The iCalendar feed of {@link ledgerIcs}, page by page. */
export async function* ledgerIcsChunks(pages: AsyncIterable<readonly LedgerRow[]>, options: IcsOptions): AsyncGenerator<string> {
  yield icsHeader(options);
  for await (const rows of pages) {
    let chunk = "";
    for (const row of rows) chunk += icsEvent(row, options);
    if (chunk) yield chunk;
  }
  yield icsFooter();
}

/** The JSON export (`{"asOf":…,"rows":[…],"history":[…]}`) as JSON.stringify writes it, page by page. */
export async function* ledgerJsonChunks(
  asOf: string,
  pages: AsyncIterable<readonly LedgerRow[]> | null,
  history: readonly unknown[] | null,
): AsyncGenerator<string> {
  yield `{"asOf":${JSON.stringify(asOf)}`;
  if (pages) {
    yield `,"rows":[`;
    let first = true;
    for await (const rows of pages) {
      const parts = rows.map((row) => JSON.stringify(row));
      if (parts.length === 0) continue;
      yield `${first ? "" : ","}${parts.join(",")}`;
      first = false;
    }
    yield "]";
  }
  if (history) yield `,"history":${JSON.stringify(history)}`;
  yield "}";
}
