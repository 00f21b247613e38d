import { EDITABLE_LEDGER_COLUMNS, LEDGER_COLUMNS, ledgerColumnOf, type LedgerColumnKey, type LedgerFileRow } from "@taizhang/core";
import { count, LedgerFileError, overLimit, type ReadLimits } from "./read-error.js";

/** A cell as a reader found it: text (CSV), or a typed spreadsheet value (.xlsx). */
export type Cell = string | number | boolean | Date | { formula: string } | { error: string } | null | undefined;

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

/** The columns an edited row is read from: the rest (序号, deadlines, titles…) are for people and never read. */
const READ_COLUMNS = new Set<LedgerColumnKey>(["itemId", "unitId", "version", "planTitle", "taskNumber", "item", "unit", ...EDITABLE_LEDGER_COLUMNS]);
const header = (key: LedgerColumnKey) => LEDGER_COLUMNS.find((c) => c.key === key)?.zh ?? key;

/** How many non-blank rows the header row is looked for in. */
const HEADER_SEARCH = 10;

/** A cell as text, or why its value cannot be used. */
function cellText(value: Cell): { text: string } | { problem: string } {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number") return { text: String(value) };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ("formula" in value) return { problem: `a formula (=${value.formula})` };
  return { problem: `an error value (${value.error})` };
}
const cellTextOf = (value: Cell): string => {
  const t = cellText(value);
  return "text" in t ? t.text : "";
};
const isBlank = (cells: readonly Cell[]): boolean => cells.every((c) => cellTextOf(c).trim() === "");

export function columnLetter(column: number): string {
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
 * Collects an edited ledger row by row, as a reader streams them: finds the
 * header row (the first of the first ten non-blank rows that names at least
 * three ledger columns), then keeps the cells of the columns it names. Every
 * row pushed counts toward `maxRows`, blank ones too, and the limits refuse
 * as soon as they are passed.
 */
export class LedgerGrid {
  private readonly before: Array<{ line: number; cells: readonly Cell[] }> = [];
  private byColumn: Map<number, LedgerColumnKey> | null = null;
  private ignoredHeaders: string[] = [];
  private seen = 0;
  private seenAtHeader = 0;
  private readonly rows: LedgerFileRow[] = [];
  private readonly bad: string[] = [];
  private readonly problems: string[] = [];

  constructor(
    private readonly format: LedgerFile["format"],
    private readonly sheet: string | null,
    private readonly limits: Pick<ReadLimits, "maxRows" | "maxCells">,
    private readonly where: (line: number, column: number) => string,
  ) {}

  private get at(): string {
    return this.sheet ? `sheet ${this.sheet}` : "the file";
  }

  /** One row of the file: its row number, its cells by column (0-based), and how many cells it has. */
  push(line: number, cells: readonly Cell[], cellCount: number = cells.length): void {
    this.seen += 1;
    if (cellCount > this.limits.maxCells) {
      throw overLimit("maxCells", this.limits.maxCells, `row ${line} of ${this.at} has more than ${count(this.limits.maxCells)} cells; at most ${count(this.limits.maxCells)} are read in a row`);
    }
    const below = this.seen - this.seenAtHeader;
    if ((this.byColumn === null ? this.seen : below) > this.limits.maxRows) {
      throw overLimit("maxRows", this.limits.maxRows, `${this.at} has more than ${count(this.limits.maxRows)} rows${this.byColumn ? " below its header" : ""} (blank rows count): split it`);
    }
    if (this.byColumn === null) {
      if (isBlank(cells)) return;
      this.before.push({ line, cells });
      if (this.isHeader(cells)) {
        this.useHeader(cells);
        this.seenAtHeader = this.seen;
        return;
      }
      if (this.before.length >= HEADER_SEARCH) this.noHeader();
      return;
    }
    this.addRow(this.byColumn, line, cells);
  }

  /** The file read; throws when it had no header, formulas in read columns, or no rows. */
  finish(): LedgerFile {
    if (this.byColumn === null) this.noHeader();
    if (this.bad.length > 0) {
      const more = this.bad.length > this.problems.length ? ` and ${this.bad.length - this.problems.length} more` : "";
      throw new LedgerFileError("formula", `cells where values belong hold formulas or errors: ${this.problems.join("; ")}${more}. Paste them as values and upload again`, this.bad);
    }
    if (this.rows.length === 0) throw new LedgerFileError("empty", "the file has a header row but no rows");
    return { format: this.format, sheet: this.sheet, columns: [...this.byColumn.values()], ignoredHeaders: this.ignoredHeaders, rows: this.rows };
  }

  private isHeader(cells: readonly Cell[]): boolean {
    return cells.filter((c) => ledgerColumnOf(cellTextOf(c)) !== null).length >= 3;
  }

  private noHeader(): never {
    throw new LedgerFileError("no_header", `${this.at} has no header row naming the ledger's columns (事项编号, 单位编号, 版本, 状态, …): upload a ledger exported by Taizhang`);
  }

  private useHeader(cells: readonly Cell[]): void {
    const byColumn = new Map<number, LedgerColumnKey>();
    const ignoredHeaders: string[] = [];
    cells.forEach((c, i) => {
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
      throw new LedgerFileError("missing_columns", `${this.at} lacks the column${missing.length > 1 ? "s" : ""} ${missing.join("; ")}: keep the columns of the exported ledger, including the hidden ones`);
    }
    this.byColumn = byColumn;
    this.ignoredHeaders = ignoredHeaders;
  }

  private addRow(byColumn: ReadonlyMap<number, LedgerColumnKey>, line: number, cells: readonly Cell[]): void {
    const row: LedgerFileRow["cells"] = {};
    let blank = true;
    for (const [column, key] of byColumn) {
      const read = cellText(cells[column]);
      if ("problem" in read) {
        if (!READ_COLUMNS.has(key)) continue;
        this.bad.push(this.where(line, column + 1));
        if (this.problems.length < 5) this.problems.push(`${this.where(line, column + 1)} (${header(key)}) holds ${read.problem}`);
        continue;
      }
      row[key] = read.text;
      if (read.text.trim() !== "") blank = false;
    }
    if (!blank) this.rows.push({ line, cells: row });
  }
}
