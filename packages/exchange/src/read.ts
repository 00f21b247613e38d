import type ExcelJS from "exceljs";
import { loadExcelJs } from "./load-exceljs.js";
import { parse as parseCsv } from "csv-parse/sync";
import { EDITABLE_LEDGER_COLUMNS, LEDGER_COLUMNS, ledgerColumnOf, type LedgerColumnKey, type LedgerFileRow } from "@taizhang/core";

/** Why a file could not be read as an edited ledger; nothing is read from it. */
export type LedgerFileProblem = "not_spreadsheet" | "too_large" | "unreadable" | "no_header" | "missing_columns" | "formula" | "empty";

export class LedgerFileError extends Error {
  constructor(
    readonly code: LedgerFileProblem,
    message: string,
    /** The cells concerned, e.g. ["台账!M12"], when the problem is in cells. */
    readonly cells: readonly string[] = [],
  ) {
    super(message);
    this.name = "LedgerFileError";
  }
}

export interface LedgerFile {
  format: "xlsx" | "csv";
  /** The worksheet the rows came from (xlsx). */
  sheet: string | null;
  /** The columns recognised, in file order. */
  columns: LedgerColumnKey[];
  /** Headers that name no ledger column; their cells are ignored. */
  ignoredHeaders: string[];
  rows: LedgerFileRow[];
}

export interface ReadLedgerOptions {
  /** Largest file accepted, in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Most data rows accepted. Default 20,000 (a national ledger's largest plan has a few thousand). */
  maxRows?: number;
}

/** The columns an edited row is read from: the rest (序号, deadlines, titles…) are for people and never read. */
const READ_COLUMNS = new Set<LedgerColumnKey>(["itemId", "unitId", "version", "planTitle", "taskNumber", "item", "unit", ...EDITABLE_LEDGER_COLUMNS]);
const header = (key: LedgerColumnKey) => LEDGER_COLUMNS.find((c) => c.key === key)?.zh ?? key;

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an edited ledger: .xlsx (the exported workbook, or any sheet with the
 * export's headers) or CSV (UTF-8 with or without a BOM, or GB18030 as Excel
 * saves "CSV" on Chinese Windows). Rows keep their spreadsheet row numbers;
 * blank rows are skipped. A file that is not a spreadsheet, is too large,
 * lacks the columns rows are matched by, or holds formulas or error values in
 * a column that is read is refused whole with a {@link LedgerFileError}.
 */
export async function readLedgerFile(bytes: Uint8Array, options: ReadLedgerOptions = {}): Promise<LedgerFile> {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRows = options.maxRows ?? 20_000;
  if (bytes.length > maxBytes) throw new LedgerFileError("too_large", `the file is ${bytes.length.toLocaleString("en")} bytes; at most ${maxBytes.toLocaleString("en")} are accepted`);
  if (bytes.length === 0) throw new LedgerFileError("empty", "the file is empty");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes, maxRows);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new LedgerFileError("not_spreadsheet", "this is an Excel 97–2003 .xls (or other OLE) file: save it as Excel Workbook (.xlsx) or CSV UTF-8 and upload that");
  }
  const text = decodeText(bytes);
  if (text === null) throw new LedgerFileError("not_spreadsheet", "not a spreadsheet: upload the ledger as .xlsx or CSV");
  return readCsv(text, maxRows);
}

/** UTF-8 (BOM stripped), else GB18030; null for binary data. */
function decodeText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

function readCsv(text: string, maxRows: number): LedgerFile {
  let records: string[][];
  try {
    // Tab-separated when the first line has tabs and no commas (a sheet copied out of Excel); comma-separated otherwise.
    const first = text.slice(0, text.search(/\r?\n|$/));
    const delimiter = first.includes("\t") && !first.includes(",") ? "\t" : ",";
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true, delimiter });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerFileError("unreadable", `not valid CSV: ${reason}`);
  }
  const grid = records.map((cells, i) => ({ line: i + 1, cells }));
  return fromGrid("csv", null, grid, maxRows, (line, column) => `${columnLetter(column)}${line}`);
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<LedgerFile> {
  const book = new (await loadExcelJs()).Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LedgerFileError("unreadable", `not a readable .xlsx workbook: ${reason.split("\n")[0] ?? ""}`);
  }
  // The exported ledger sheet by name, else the first sheet whose header row names the columns rows are matched by.
  const sheets = book.worksheets;
  const candidates = [...sheets.filter((s) => s.name === "台账" || s.name === "Ledger"), ...sheets];
  let lastError: LedgerFileError | null = null;
  for (const sheet of candidates) {
    const grid: Array<{ line: number; cells: Cell[] }> = [];
    if (sheet.rowCount > maxRows + 12) throw new LedgerFileError("too_large", `sheet ${sheet.name} has ${sheet.rowCount.toLocaleString("en")} rows; at most ${maxRows.toLocaleString("en")} are accepted`);
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cell.value as Cell;
      });
      grid.push({ line, cells });
    });
    try {
      return fromGrid("xlsx", sheet.name, grid, maxRows, (line, column) => `${sheet.name}!${columnLetter(column)}${line}`);
    } catch (error) {
      if (!(error instanceof LedgerFileError) || (error.code !== "no_header" && error.code !== "missing_columns")) throw error;
      lastError ??= error;
    }
  }
  throw lastError ?? new LedgerFileError("empty", "the workbook has no sheets");
}

type Cell = ExcelJS.CellValue | string | undefined;

/** A cell as text, or why its value cannot be used. */
function cellText(value: Cell): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: String(value) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ("formula" in value || "sharedFormula" in value) {
    const formula = "formula" in value ? value.formula : value.sharedFormula;
    return { problem: `a formula (=${String(formula)})` };
  }
  if ("error" in value) return { problem: `an error value (${String(value.error)})` };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("text" in value) return { text: typeof value.text === "string" ? value.text : cellTextOf(value.text) };
  return { problem: "a value of an unknown kind" };
}
const cellTextOf = (value: Cell): string => {
  const t = cellText(value);
  return "text" in t ? t.text : "";
};

function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The header row (the first of the first ten rows that names at least three
 * ledger columns), the columns it names, and every row below it.
 */
function fromGrid(format: LedgerFile["format"], sheet: string | null, grid: ReadonlyArray<{ line: number; cells: readonly Cell[] }>, maxRows: number, where: (line: number, column: number) => string): LedgerFile {
  const headerAt = grid.slice(0, 10).findIndex((r) => r.cells.filter((c) => ledgerColumnOf(cellTextOf(c)) !== null).length >= 3);
  if (headerAt < 0) {
    const at = sheet ? `sheet ${sheet}` : "the file";
    throw new LedgerFileError("no_header", `${at} has no header row naming the ledger's columns (事项编号, 单位编号, 版本, 状态, …): upload a ledger exported by Taizhang`);
  }
  const headerRow = grid[headerAt];
  if (!headerRow) throw new LedgerFileError("no_header", "no header row");
  const byColumn = new Map<number, LedgerColumnKey>();
  const ignoredHeaders: string[] = [];
  headerRow.cells.forEach((c, i) => {
    const text = cellTextOf(c).trim();
    if (text === "") return;
    const key = ledgerColumnOf(text);
    if (key === null || [...byColumn.values()].includes(key)) ignoredHeaders.push(text);
    else byColumn.set(i, key);
  });
  const has = (key: LedgerColumnKey) => [...byColumn.values()].includes(key);
  const missing: string[] = [];
  if (!(has("itemId") && has("unitId")) && !(has("taskNumber") && has("item") && has("unit") && has("planTitle"))) {
    missing.push(`${header("itemId")} and ${header("unitId")} (or ${header("planTitle")}, ${header("taskNumber")}, ${header("item")} and ${header("unit")})`);
  }
  if (!has("version")) missing.push(header("version"));
  if (!EDITABLE_LEDGER_COLUMNS.some(has)) missing.push(`at least one of ${EDITABLE_LEDGER_COLUMNS.map(header).join(", ")}`);
  if (missing.length > 0) {
    const at = sheet ? `sheet ${sheet}` : "the file";
    throw new LedgerFileError("missing_columns", `${at} lacks the column${missing.length > 1 ? "s" : ""} ${missing.join("; ")}: keep the columns of the exported ledger, including the hidden ones`);
  }
  const rows: LedgerFileRow[] = [];
  const bad: string[] = [];
  const problems: string[] = [];
  for (const r of grid.slice(headerAt + 1)) {
    const cells: LedgerFileRow["cells"] = {};
    let blank = true;
    for (const [column, key] of byColumn) {
      const read = cellText(r.cells[column]);
      if ("problem" in read) {
        if (!READ_COLUMNS.has(key)) continue;
        bad.push(where(r.line, column + 1));
        if (problems.length < 5) problems.push(`${where(r.line, column + 1)} (${header(key)}) holds ${read.problem}`);
        continue;
      }
      cells[key] = read.text;
      if (read.text.trim() !== "") blank = false;
    }
    if (blank) continue;
    rows.push({ line: r.line, cells });
    if (rows.length > maxRows) throw new LedgerFileError("too_large", `more than ${maxRows.toLocaleString("en")} rows; split the file`);
  }
  if (bad.length > 0) {
    const more = bad.length > problems.length ? ` and ${bad.length - problems.length} more` : "";
    throw new LedgerFileError("formula", `cells where values belong hold formulas or errors: ${problems.join("; ")}${more}. Paste them as values and upload again`, bad);
  }
  if (rows.length === 0) throw new LedgerFileError("empty", "the file has a header row but no rows");
  return { format, sheet, columns: [...byColumn.values()], ignoredHeaders, rows };
}
