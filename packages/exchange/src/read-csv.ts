import { isUtf8 } from "node:buffer";
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { unguardCsvFormula } from "./csv-formula.js";
import { count, LedgerFileError, overLimit, type ReadLimits } from "./read-error.js";
import { columnLetter, LedgerGrid, type LedgerFile } from "./read-grid.js";

/** The bytes fed to the CSV parser at a time. */
const CHUNK = 64 * 1024;

/** What a CSV parser's error means for the person who uploaded the file (its own message goes to the log). */
const CSV_PROBLEMS: Partial<Record<CsvError["code"], string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted cell is never closed",
  CSV_INVALID_CLOSING_QUOTE: "a quote inside a cell is not doubled (write \"\" for a quote in a quoted cell)",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text follows the closing quote of a cell",
};

/** UTF-8 (a BOM is stripped), else GB18030 as Excel saves "CSV" on Chinese Windows; null for binary data. */
function encodingOf(bytes: Uint8Array): "utf-8" | "gb18030" | null {
  if (bytes.subarray(0, 8192).includes(0)) return null;
  return isUtf8(bytes) ? "utf-8" : "gb18030";
}

/** Tab-separated when the first line has tabs and no commas (a sheet copied out of Excel); comma-separated otherwise. */
function delimiterOf(bytes: Uint8Array, encoding: string): "," | "\t" {
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, CHUNK));
  const first = head.slice(0, head.search(/\r?\n|$/));
  return first.includes("\t") && !first.includes(",") ? "\t" : ",";
}

/**
 * Reads an edited ledger from CSV as a stream: the bytes are decoded and
 * parsed a chunk at a time and each record goes to the grid as it is parsed,
 * so the row and cell limits refuse a file as soon as they are passed.
 */
export async function readCsv(bytes: Uint8Array, limits: ReadLimits): Promise<LedgerFile> {
  const encoding = encodingOf(bytes);
  if (encoding === null) throw new LedgerFileError("not_spreadsheet", "not a spreadsheet: upload the ledger as .xlsx or CSV");
  const decoder = new TextDecoder(encoding, { fatal: true });
  let fed = 0;
  function* text(): Generator<string> {
    for (let at = 0; at < bytes.length; at += CHUNK) {
      const chunk = bytes.subarray(at, at + CHUNK);
      fed += chunk.length;
      if (fed > limits.maxBytes) throw overLimit("maxBytes", limits.maxBytes, `the file is larger than ${count(limits.maxBytes)} bytes`);
      let decoded: string;
      try {
        decoded = decoder.decode(chunk, { stream: true });
      } catch {
        throw new LedgerFileError("not_spreadsheet", "not a spreadsheet: upload the ledger as .xlsx or CSV (UTF-8 or GB18030 text)");
      }
      if (decoded !== "") yield decoded;
    }
  }
  const grid = new LedgerGrid("csv", null, limits, (line, column) => `${columnLetter(column)}${line}`);
  let line = 0;
  // Each record goes to the grid from inside the parser, as it is parsed (and nothing is buffered after it), so a limit stops the parsing there.
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
    delimiter: delimiterOf(bytes, encoding),
    on_record: (record: string[]) => {
      line += 1;
      grid.push(line, record.map(unguardCsvFormula));
      return null;
    },
  });
  const source = Readable.from(text(), { objectMode: false });
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    for await (const _ of parser) {
      // on_record keeps nothing for the stream.
    }
  } catch (error) {
    if (error instanceof LedgerFileError) throw error;
    if (error instanceof CsvError) {
      const what = CSV_PROBLEMS[error.code] ?? "it cannot be parsed as CSV";
      throw new LedgerFileError("unreadable", `not valid CSV near row ${line + 1}: ${what}`, [], { reason: error.message });
    }
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
  return grid.finish();
}
