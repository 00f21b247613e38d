import { readCsv } from "./read-csv.js";
import { count, DEFAULT_READ_LIMITS, LedgerFileError, overLimit, type ReadLimits } from "./read-error.js";
import type { LedgerFile } from "./read-grid.js";
import { readXlsx } from "./read-xlsx.js";

export { DEFAULT_READ_LIMITS, LedgerFileError, type LedgerFileErrorDetails, type LedgerFileProblem, type ReadLimit, type ReadLimits } from "./read-error.js";
export type { LedgerFile } from "./read-grid.js";

/** Limits for {@link readLedgerFile}; those left out are {@link DEFAULT_READ_LIMITS}. */
export type ReadLedgerOptions = Partial<ReadLimits>;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an edited ledger: .xlsx (the exported workbook, or any sheet with the
 * export's headers) or CSV (UTF-8 with or without a BOM, or GB18030 as Excel
 * saves "CSV" on Chinese Windows). Rows keep their spreadsheet row numbers;
 * blank rows are skipped (but count toward the row limit). Both formats are
 * read as streams, and an .xlsx's zip directory is checked before anything
 * is unpacked, so a file over a limit ({@link ReadLimits}) is refused early
 * and cheaply. A file that is not a spreadsheet, passes a limit, lacks the
 * columns rows are matched by, or holds formulas or error values in a column
 * that is read is refused whole with a {@link LedgerFileError}; its message
 * is for the person who sent the file, and never quotes a parser.
 */
export async function readLedgerFile(bytes: Uint8Array, options: ReadLedgerOptions = {}): Promise<LedgerFile> {
  const limits: ReadLimits = { ...DEFAULT_READ_LIMITS, ...options };
  if (bytes.length > limits.maxBytes) {
    throw overLimit("maxBytes", limits.maxBytes, `the file is ${count(bytes.length)} bytes; at most ${count(limits.maxBytes)} are accepted`);
  }
  if (bytes.length === 0) throw new LedgerFileError("empty", "the file is empty");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return readXlsx(bytes, limits);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new LedgerFileError("not_spreadsheet", "this is an Excel 97–2003 .xls (or other OLE) file: save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload that");
  }
  return readCsv(bytes, limits);
}
