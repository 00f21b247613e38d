import { ChecklistItemIdSchema, UnitIdSchema, type ChecklistItemId, type UnitId } from "../model/ids.js";
import {
  EvidenceSchema,
  MeasuredValueSchema,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  NOTE_MAX_LENGTH,
  ProgressFieldsSchema,
  ResponsiblePersonSchema,
  type Evidence,
  type MeasuredValue,
  type Progress,
  type ProgressFields,
  type ProgressPatch,
  type ProgressStatus,
  type ResponsiblePerson,
} from "../model/progress.js";
import { evidenceText, LEDGER_COLUMNS, measuredValueText, responsiblePersonText } from "./ledger-rows.js";
import { unstorableText } from "./stored-text.js";

/** Equality of JSON-like values (the progress fields), regardless of key order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Reading an edited ledger (台账) back: an office exports its ledger, fills it
 * in offline and uploads it. This module is the pure part of that round trip:
 * which column a header names, what a cell means, and what a row would change
 * compared with the progress it was exported from. Reading the file is
 * @taizhang/exchange's; matching rows to the store and applying them is the
 * store's (docs/exchange.md).
 */

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]["key"];

/** The columns an office edits; every other column is read only to find the row. */
export const EDITABLE_LEDGER_COLUMNS = ["status", "percent", "note", "evidence", "measuredValue", "responsiblePerson"] as const satisfies readonly LedgerColumnKey[];
export type EditableLedgerColumn = (typeof EDITABLE_LEDGER_COLUMNS)[number];

/** Folds a header for matching: no spaces, no `*` marks, half-width, lower case. */
const foldHeader = (header: string): string =>
  header
    .normalize("NFKC")
    .replace(/[\s*＊]/g, "")
    .toLowerCase();

const HEADERS = new Map<string, LedgerColumnKey>(
  LEDGER_COLUMNS.flatMap((c) => [
    [foldHeader(c.zh), c.key],
    [foldHeader(c.en), c.key],
    [foldHeader(c.key), c.key],
  ]),
);

/** The column a header names (Chinese or English export headers, or the JSON field name); null when it names none. */
export function ledgerColumnOf(header: string): LedgerColumnKey | null {
  return HEADERS.get(foldHeader(header)) ?? null;
}

/** One data row of an edited ledger file: its cells by column, and where it is in the file. */
export interface LedgerFileRow {
  /** The spreadsheet row number (1 is the header), for messages. */
  line: number;
  cells: Partial<Record<LedgerColumnKey, string>>;
}

/** Line ends as Excel and editors may leave them, and the spaces around a cell. */
const tidy = (text: string): string => text.replace(/\r\n?/g, "\n").trim();

const STATUS_BY_TEXT = new Map<string, ProgressStatus>(
  PROGRESS_STATUSES.flatMap((s) => [
    [s, s],
    [PROGRESS_STATUS_LABELS[s].zh, s],
    [PROGRESS_STATUS_LABELS[s].en.toLowerCase(), s],
  ]),
);
/** Words offices write for the statuses besides the drop-down's. */
for (const [text, status] of [
  ["完成", "done"],
  ["已办结", "done"],
  ["办结", "done"],
  ["正在推进", "in_progress"],
  ["推进中", "in_progress"],
  ["未启动", "not_started"],
  ["暂缓", "blocked"],
] as const) {
  STATUS_BY_TEXT.set(text, status);
}

export type CellReading<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** 状态: a label of either language or the status code. */
export function readStatusCell(text: string): CellReading<ProgressStatus> {
  const status = STATUS_BY_TEXT.get(tidy(text).toLowerCase());
  if (status) return { ok: true, value: status };
  const choices = PROGRESS_STATUSES.map((s) => PROGRESS_STATUS_LABELS[s].zh).join("、");
  return fail(tidy(text) === "" ? `状态 is empty; choose one of ${choices}` : `"${tidy(text)}" is not a status; choose one of ${choices}`);
}

/** 完成百分比: a whole number 0..100, with or without a % sign. */
export function readPercentCell(text: string): CellReading<number> {
  const t = tidy(text).normalize("NFKC").replace(/%$/, "").trim();
  if (!/^\d{1,3}(?:\.0+)?$/.test(t)) return fail(`"${tidy(text)}" is not a percentage: write a whole number from 0 to 100`);
  const n = Number(t);
  return n <= 100 ? { ok: true, value: n } : fail(`${n} is more than 100 percent`);
}

/** 进展说明: free text up to the schema's length. */
export function readNoteCell(text: string): CellReading<string> {
  const note = tidy(text);
  const checked = ProgressFieldsSchema.shape.note.safeParse(note);
  return checked.success ? { ok: true, value: note } : fail(`the progress note is ${note.length} characters long; at most ${NOTE_MAX_LENGTH} fit`);
}

/**
 * 佐证材料: one piece per line, `description URL` (the URL optional, http or https, last on the line).
 * A line without a URL that is the description of an uploaded file in `previous` keeps that file (a
 * spreadsheet holds no files, so an edited cell must not drop them).
 */
export function readEvidenceCell(text: string, previous: readonly Evidence[] = []): CellReading<Evidence[]> {
  const files = new Map(previous.flatMap((e) => (e.file && e.url === null ? [[e.description, e.file] as const] : [])));
  const evidence: Evidence[] = [];
  for (const [i, raw] of tidy(text).split("\n").entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const match = /^(.*?)\s*(https?:\/\/\S+)$/i.exec(line);
    const description = (match ? match[1] : line)?.trim() || (match?.[2] ?? line);
    const piece = EvidenceSchema.safeParse({ description, url: match?.[2] ?? null });
    if (!piece.success) return fail(`evidence line ${i + 1} ("${line.slice(0, 40)}"): ${piece.error.issues[0]?.message ?? "not valid"}`);
    const file = piece.data.url === null ? files.get(piece.data.description) : undefined;
    evidence.push(file ? { ...piece.data, file } : piece.data);
  }
  return evidence.length > 50 ? fail(`${evidence.length} pieces of evidence; at most 50 fit`) : { ok: true, value: evidence };
}

/** 实测值: a number and its unit, e.g. `93%`, `12 件`; empty for none. `asOf` is kept from `previous` when the number is the same. */
export function readMeasuredValueCell(text: string, previous: MeasuredValue | null = null): CellReading<MeasuredValue | null> {
  const t = tidy(text).normalize("NFKC");
  if (t === "") return { ok: true, value: null };
  const match = /^([-+]?\d+(?:\.\d+)?)\s*(\S.*)?$/.exec(t);
  if (!match) return fail(`"${tidy(text)}" is not a measured value: write a number and its unit, e.g. 93%`);
  const value = Number(match[1]);
  const unit = (match[2] ?? "").trim();
  const same = previous !== null && previous.value === value && previous.unit === unit;
  const parsed = MeasuredValueSchema.safeParse({ value, unit, asOf: same ? previous.asOf : null });
  return parsed.success ? { ok: true, value: parsed.data } : fail(`"${tidy(text)}": ${parsed.error.issues[0]?.message ?? "not a measured value"}`);
}

/** 责任人: `name`, `name(post)`, `name(contact)` or `name(post,contact)`, half- or full-width brackets and commas; empty for none. */
export function readResponsiblePersonCell(text: string): CellReading<ResponsiblePerson | null> {
  const t = tidy(text).replace(/（/g, "(").replace(/）/g, ")");
  if (t === "") return { ok: true, value: null };
  const match = /^([^()]+?)\s*(?:\((.*)\))?$/.exec(t);
  if (!match) return fail(`"${tidy(text)}" is not a responsible person: write 姓名 or 姓名(职务,联系方式)`);
  const extra = (match[2] ?? "")
    .split(/[,，;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const looksLikeContact = (s: string) => /[\d@]/.test(s);
  const [first, ...rest] = extra;
  const post = first !== undefined && (rest.length > 0 || !looksLikeContact(first)) ? first : null;
  const contact = rest.length > 0 ? rest.join(",") : first !== undefined && post === null ? first : null;
  const parsed = ResponsiblePersonSchema.safeParse({ name: match[1]?.trim(), post, contact });
  return parsed.success ? { ok: true, value: parsed.data } : fail(`responsible person "${tidy(text)}": ${parsed.error.issues[0]?.message ?? "not valid"}`);
}

/** A field's cell as the export writes it (language-neutral for every editable column but status). */
export function progressCellText(fields: ProgressFields, key: EditableLedgerColumn): string {
  switch (key) {
    case "status":
      return fields.status;
    case "percent":
      return String(fields.percent);
    case "note":
      return fields.note;
    case "evidence":
      return evidenceText(fields.evidence);
    case "measuredValue":
      return measuredValueText(fields.measuredValue);
    case "responsiblePerson":
      return responsiblePersonText(fields.responsiblePerson);
  }
}

function readCell(key: EditableLedgerColumn, text: string, base: ProgressFields): CellReading<ProgressFields[EditableLedgerColumn]> {
  switch (key) {
    case "status":
      return readStatusCell(text);
    case "percent":
      return readPercentCell(text);
    case "note":
      return readNoteCell(text);
    case "evidence":
      return readEvidenceCell(text, base.evidence);
    case "measuredValue":
      return readMeasuredValueCell(text, base.measuredValue);
    case "responsiblePerson":
      return readResponsiblePersonCell(text);
  }
}

/** "进展说明 (note)": the column as the export heads it, and its field name. */
function columnLabel(key: EditableLedgerColumn): string {
  const column = LEDGER_COLUMNS.find((c) => c.key === key);
  return column ? `${column.zh} (${key})` : key;
}

/** The id columns of a row, or why they cannot be read. */
export function ledgerRowKey(row: LedgerFileRow): CellReading<{ itemId: ChecklistItemId; unitId: UnitId }> | null {
  const item = tidy(row.cells.itemId ?? "");
  const unit = tidy(row.cells.unitId ?? "");
  if (item === "" && unit === "") return null;
  const itemId = ChecklistItemIdSchema.safeParse(item);
  if (!itemId.success) return fail(`事项编号 "${item}" is not an item id (e.g. chengdu-2015/12#m1)`);
  const unitId = UnitIdSchema.safeParse(unit);
  if (!unitId.success) return fail(`单位编号 "${unit}" is not a unit id (e.g. 成都市:市司法局)`);
  return { ok: true, value: { itemId: itemId.data, unitId: unitId.data } };
}

/** The version a row was exported at; null when the cell is empty. */
export function ledgerRowVersion(row: LedgerFileRow): CellReading<number | null> {
  const t = tidy(row.cells.version ?? "").normalize("NFKC");
  if (t === "") return { ok: true, value: null };
  return /^\d{1,9}$/.test(t) ? { ok: true, value: Number(t) } : fail(`版本 "${t}" is not a version number; do not edit the 版本 column`);
}

/** One field a row changes: the value before (as stored) and after (as in the file). */
export interface LedgerFieldChange<K extends EditableLedgerColumn = EditableLedgerColumn> {
  field: K;
  before: ProgressFields[K];
  after: ProgressFields[K];
}

export type LedgerRowDiff =
  | { outcome: "unchanged" }
  | { outcome: "change"; patch: ProgressPatch; changes: LedgerFieldChange[] }
  | { outcome: "rejected"; reason: LedgerImportRejection; message: string };

export type LedgerImportRejection = "unknown_row" | "invalid_cell" | "forbidden" | "stale" | "duplicate" | "orphaned";

/**
 * What one file row changes. `base` is the progress as it was at the row's
 * exported version (what the office saw), `current` the progress now. Only
 * the cells that differ from `base` count as edits, so a row the office left
 * alone is unchanged even when someone else has since changed the item; an
 * edited row whose item changed after the export is stale and is refused,
 * unless the edits already match what is stored.
 */
export function diffLedgerRow(row: LedgerFileRow, base: ProgressFields, current: Progress, exportedVersion: number): LedgerRowDiff {
  const patch: Record<string, unknown> = {};
  const changes: LedgerFieldChange[] = [];
  const problems: string[] = [];
  for (const key of EDITABLE_LEDGER_COLUMNS) {
    const text = row.cells[key];
    if (text === undefined) continue;
    if (tidy(text) === tidy(progressCellText(base, key))) continue;
    const unstorable = unstorableText(text);
    if (unstorable !== null) {
      problems.push(`${columnLabel(key)}: ${unstorable.message} cannot be stored; remove it`);
      continue;
    }
    const reading = readCell(key, text, base);
    if (!reading.ok) {
      problems.push(reading.message);
      continue;
    }
    if (sameValue(reading.value, base[key])) continue;
    patch[key] = reading.value;
  }
  if (problems.length > 0) return { outcome: "rejected", reason: "invalid_cell", message: problems.join(" · ") };
  const edited = Object.keys(patch) as EditableLedgerColumn[];
  if (edited.length === 0) return { outcome: "unchanged" };
  const stillToDo = edited.filter((key) => !sameValue(patch[key], current[key]));
  if (stillToDo.length === 0) return { outcome: "unchanged" };
  if (current.version !== exportedVersion) {
    const who = current.updatedBy ? ` by ${current.updatedBy}${current.updatedAt ? ` at ${current.updatedAt}` : ""}` : "";
    return {
      outcome: "rejected",
      reason: "stale",
      message: `changed${who} after this file was exported (version ${exportedVersion} → ${current.version}); export again and redo the edit`,
    };
  }
  for (const key of stillToDo) changes.push({ field: key, before: current[key], after: patch[key] } as LedgerFieldChange);
  return { outcome: "change", patch: Object.fromEntries(stillToDo.map((k) => [k, patch[k]])) as ProgressPatch, changes };
}
