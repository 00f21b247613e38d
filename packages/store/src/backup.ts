import { createHash, type Hash } from "node:crypto";
import { types } from "node:util";
import { sql, type Kysely, type RawBuilder } from "kysely";
import { BACKUP_TABLES, type BackupColumnKind, type BackupTable } from "./backup-tables.js";
import type { Database } from "./database.js";
import { storeInternals } from "./kysely-ledger.js";
import type { Ledger } from "./ledger.js";
import { LedgerError } from "./ledger.js";
import type { StoreDialect } from "./store-dialect.js";

/** The `format` of a backup's first line. */
export const BACKUP_FORMAT = "taizhang-backup";
/** The format version this store writes and reads. */
export const BACKUP_VERSION = 1;

/** A value as a backup holds it: every column is text, a number or null. */
export type BackupValue = string | number | null;

/** The first line of a backup. */
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  /** The store's applied migrations, in order: a restore needs exactly these. */
  migrations: string[];
  /** Every table in the order its rows follow, with its columns in the order of each row's values. */
  tables: Array<{ name: string; columns: string[] }>;
}

/** The last line: what the rows before it must add up to. */
export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  /** Rows per table, every table named (0 for an empty one). */
  rows: Record<string, number>;
  /** sha256 (hex) of the row lines, each with its "\n", in file order. */
  sha256: string;
}

export interface BackupSummary {
  /** Rows per table, in backup order. */
  rows: Record<string, number>;
  total: number;
}

export interface RestoreSummary extends BackupSummary {
  /** When the backup was made (its header). */
  createdAt: string;
  /** What the store held before a forced restore emptied it (empty when it was empty). */
  replaced: Record<string, number>;
}

export interface RestoreOptions {
  /** Empty a store that holds data first (in the same transaction) instead of refusing. */
  force?: boolean;
}

/**
 * Opens the backup's lines (without their "\n") from the start. Called more
 * than once: the file is checked in full before the store is touched, then
 * read again to insert.
 */
export type BackupLines = () => AsyncIterable<string>;

/** Bound parameters per insert at most: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 8_000;
/** Row text buffered per insert at most, so tables of long rows (plans) stay small in memory. */
const MAX_BATCH_CHARS = 8_000_000;

/**
 * Writes the whole store as a backup: a header line, one line per row
 * (`{"t":table,"r":[values]}`, tables parents first, rows in primary-key
 * order), and a trailer with the row counts and the rows' sha256. Reads one
 * consistent snapshot, a page at a time: a table is never held in memory.
 * `write` gets each piece of text as it is ready; its promise holds back the
 * next (backpressure).
 */
export async function backupLedger(
  ledger: Ledger,
  write: (text: string) => Promise<void> | void,
  options: {
    clock?: () => Date;
    /** Rows read per query at most, instead of each table's own batch; tests make it small to cross many page boundaries. */
    pageRows?: number;
  } = {},
): Promise<BackupSummary> {
  const clock = options.clock ?? (() => new Date());
  const pageRows = options.pageRows;
  const store = storeInternals(ledger);
  return store.db.connection().execute(async (conn) => {
    // A read-only snapshot: rows written during the backup are either all in it or all out of it.
    // On SQLite a deferred `begin` reads a WAL snapshot without taking the write lock.
    await sql.raw(store.dialect === "postgres" ? "begin isolation level repeatable read read only" : "begin").execute(conn);
    try {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: clock().toISOString(),
        migrations: await appliedMigrations(conn),
        tables: BACKUP_TABLES.map((t) => ({ name: t.name, columns: t.columns.map(([c]) => c) })),
      };
      await write(`${JSON.stringify(header)}\n`);
      const hash = createHash("sha256");
      const rows: Record<string, number> = {};
      let total = 0;
      for (const table of BACKUP_TABLES) {
        let count = 0;
        const paged = pageRows === undefined ? table : { ...table, batch: Math.max(1, Math.trunc(pageRows)) };
        await readTable(conn, store.dialect, paged, async (values) => {
          let text = "";
          for (const r of values) text += `${JSON.stringify({ t: table.name, r })}\n`;
          hash.update(text, "utf8");
          count += values.length;
          await write(text);
        });
        rows[table.name] = count;
        total += count;
      }
      const trailer: BackupTrailer = { end: BACKUP_FORMAT, rows, sha256: hash.digest("hex") };
      await write(`${JSON.stringify(trailer)}\n`);
      await sql`commit`.execute(conn);
      return { rows, total };
    } catch (error) {
      await rollbackQuietly(conn, error);
      throw error;
    }
  });
}

/**
 * Restores a backup into the store in one transaction: all of it or nothing.
 * Refuses a store that holds data unless `force` (which empties every table
 * first, in the same transaction), a backup made at other migrations, and
 * any file that is not a complete, intact backup — checked in full before
 * the store is touched, and again as it is inserted.
 */
export async function restoreLedger(ledger: Ledger, open: BackupLines, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const store = storeInternals(ledger);
  const migrations = await appliedMigrations(store.db);
  // The header first, so that a file that is no backup at all is named as such before anything else.
  await readHeaderOnly(open(), migrations);
  if (!options.force) refuseUnlessEmpty(await tableCounts(store.db));
  const checked = await readBackup(open(), migrations, () => undefined);

  return store.writeTransaction(async (trx) => {
    const before = await tableCounts(trx);
    if (!options.force) refuseUnlessEmpty(before);
    else await emptyStore(trx, store.dialect);
    const inserter = new Inserter(trx);
    const read = await readBackup(open(), migrations, (table, values, line) => inserter.add(table, values, line));
    await inserter.flush();
    if (read.sha256 !== checked.sha256) throw new LedgerError("conflict", "the backup file changed while it was being restored; nothing was restored");
    await continueHistoryIds(trx, store.dialect);
    return {
      createdAt: read.header.createdAt,
      rows: read.rows,
      total: Object.values(read.rows).reduce((a, b) => a + b, 0),
      replaced: Object.fromEntries(Object.entries(before).filter(([, n]) => n > 0)),
    };
  });
}

/** Names of the migrations the store has applied, in order. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

/** Rows per table, every table of the backup named. */
export async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of BACKUP_TABLES) {
    const result = await sql<{ n: number | string | bigint }>`select count(*) as n from ${sql.table(table.name)}`.execute(db);
    counts[table.name] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

const formatCount = (n: number) => n.toLocaleString("en-US");

function refuseUnlessEmpty(counts: Record<string, number>): void {
  const held = Object.entries(counts).filter(([, n]) => n > 0);
  if (held.length === 0) return;
  const list = held.map(([table, n], i) => `${formatCount(n)}${i === 0 ? (n === 1 ? " row" : " rows") : ""} in ${table}`).join(", ");
  throw new LedgerError("conflict", `the store is not empty: it holds ${list}; restore needs an empty store, or --force to replace everything in it`, counts);
}

async function rollbackQuietly(conn: Kysely<Database>, cause: unknown): Promise<void> {
  try {
    await sql`rollback`.execute(conn);
  } catch (error) {
    // The original failure is what the caller must see; a failed rollback only rides along with it.
    if (cause instanceof Error && cause.cause === undefined) Object.assign(cause, { cause: error });
  }
}

/** Calls `page` with the table's rows, in primary-key order, a batch at a time. */
async function readTable(
  conn: Kysely<Database>,
  dialect: StoreDialect,
  table: BackupTable,
  page: (values: BackupValue[][]) => Promise<void>,
): Promise<void> {
  const columns = sql.join(table.columns.map(([c]) => sql.ref(c)));
  const toValues = (row: Record<string, unknown>) => table.columns.map(([c, kind]) => normalise(table.name, c, kind, row[c]));
  if (dialect === "postgres") {
    // One cursor, one sort: ordered by code point ("C"), as SQLite orders text, so both backends
    // write the same rows in the same order whatever the database's collation.
    const kinds = new Map(table.columns);
    const order = sql.join(table.key.map((k) => (kinds.get(k)?.startsWith("text") ? sql`${sql.ref(k)} collate "C"` : sql.ref(k))));
    await sql`declare taizhang_backup no scroll cursor for select ${columns} from ${sql.table(table.name)} order by ${order}`.execute(conn);
    for (;;) {
      const result = await sql<Record<string, unknown>>`fetch forward ${sql.raw(String(table.batch))} from taizhang_backup`.execute(conn);
      if (result.rows.length === 0) break;
      await page(result.rows.map(toValues));
    }
    await sql`close taizhang_backup`.execute(conn);
    return;
  }
  // SQLite: keyset paging along the primary key's index (text compares by code point here too).
  const keys = sql.join(table.key.map((k) => sql.ref(k)));
  const keyIndexes = table.key.map((k) => table.columns.findIndex(([c]) => c === k));
  let after: BackupValue[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`where (${keys}) > (${sql.join(after)})` : sql.raw("");
    const result = await sql<Record<string, unknown>>`select ${columns} from ${sql.table(table.name)} ${where} order by ${keys} limit ${table.batch}`.execute(conn);
    if (result.rows.length === 0) break;
    const values = result.rows.map(toValues);
    await page(values);
    const last = values.at(-1);
    if (!last || values.length < table.batch) break;
    after = keyIndexes.map((i) => last[i] ?? null);
  }
}

/**
 * One value in the form both backends give back alike: text as a string,
 * whole numbers and doubles as JSON numbers (never bigint), null as null.
 */
function normalise(table: string, column: string, kind: BackupColumnKind, value: unknown): BackupValue {
  const v = typeof value === "bigint" && Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (v === null || v === undefined) {
    if (kind.endsWith("?")) return null;
  } else if (kind === "bytes") {
    // PostgreSQL answers a Buffer, SQLite (libsql) an ArrayBuffer.
    if (types.isUint8Array(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
    if (types.isArrayBuffer(v)) return Buffer.from(v).toString("base64");
  } else if (kind.startsWith("text")) {
    if (typeof v === "string") return v;
  } else if (kind.startsWith("integer")) {
    if (typeof v === "number" && Number.isSafeInteger(v)) return v === 0 ? 0 : v;
  } else if (typeof v === "number" && Number.isFinite(v)) {
    return v === 0 ? 0 : v;
  }
  throw new LedgerError("invalid", `${table}.${column} holds ${JSON.stringify(String(v))}, not ${describeKind(kind)}; the store cannot be backed up as it is`);
}

function describeKind(kind: BackupColumnKind): string {
  if (kind === "bytes") return "bytes (base64)";
  const base = kind.startsWith("text") ? "text" : kind.startsWith("integer") ? "a whole number" : "a number";
  return kind.endsWith("?") ? `${base} or null` : base;
}

/** Whether `value` fits the column; the message says what was expected. */
function checkValue(kind: BackupColumnKind, value: unknown): string | null {
  if (value === null) return kind.endsWith("?") ? null : `must not be null`;
  if (kind === "bytes") return typeof value === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(value) ? null : `must be ${describeKind(kind)}`;
  if (kind.startsWith("text")) return typeof value === "string" ? null : `must be ${describeKind(kind)}`;
  if (kind.startsWith("integer")) return typeof value === "number" && Number.isSafeInteger(value) ? null : `must be ${describeKind(kind)}`;
  return typeof value === "number" && Number.isFinite(value) ? null : `must be ${describeKind(kind)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parseLine(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LedgerError("invalid", `line ${line}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function checkHeader(text: string | undefined, storeMigrations: string[]): BackupHeader {
  if (text === undefined) throw new LedgerError("invalid", "the file is empty: not a Taizhang backup");
  const h = parseLine(text, 1);
  if (!isRecord(h) || h.format !== BACKUP_FORMAT) throw new LedgerError("invalid", `line 1: not a Taizhang backup (no "format": "${BACKUP_FORMAT}")`);
  if (h.version !== BACKUP_VERSION) {
    throw new LedgerError("invalid", `line 1: backup format version ${JSON.stringify(h.version)}; this Taizhang reads version ${BACKUP_VERSION}`);
  }
  if (typeof h.createdAt !== "string") throw new LedgerError("invalid", "line 1: the header has no createdAt");
  const migrations = h.migrations;
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === "string")) {
    throw new LedgerError("invalid", "line 1: the header's migrations are not a list of names");
  }
  if (migrations.join("\n") !== storeMigrations.join("\n")) {
    throw new LedgerError(
      "conflict",
      `the backup was made at migrations [${migrations.join(", ")}] but this store is at [${storeMigrations.join(", ")}]; ` +
        "restore it with the Taizhang version that made it, or make the backup again",
    );
  }
  const expected = BACKUP_TABLES.map((t) => ({ name: t.name, columns: t.columns.map(([c]) => c) }));
  if (JSON.stringify(h.tables) !== JSON.stringify(expected)) {
    throw new LedgerError("invalid", "line 1: the header's tables and columns are not the ones these migrations make");
  }
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: h.createdAt, migrations: migrations as string[], tables: expected };
}

async function readHeaderOnly(lines: AsyncIterable<string>, storeMigrations: string[]): Promise<void> {
  // Leaving the loop closes the file.
  for await (const text of lines) {
    checkHeader(text, storeMigrations);
    return;
  }
  checkHeader(undefined, storeMigrations);
}

interface ReadBackup {
  header: BackupHeader;
  rows: Record<string, number>;
  sha256: string;
}

/** Reads and checks a whole backup, handing each row on; throws a LedgerError naming the line at the first fault. */
async function readBackup(
  lines: AsyncIterable<string>,
  storeMigrations: string[],
  onRow: (table: BackupTable, values: BackupValue[], line: number) => Promise<void> | void,
): Promise<ReadBackup> {
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  const byName = new Map(BACKUP_TABLES.map((t, i) => [t.name as string, { table: t, index: i }]));
  const rows: Record<string, number> = Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, 0]));
  const hash: Hash = createHash("sha256");
  let current = 0;
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (line === 1) {
      header = checkHeader(text, storeMigrations);
      continue;
    }
    if (trailer) throw new LedgerError("invalid", `line ${line}: more lines after the trailer`);
    const value = parseLine(text, line);
    if (!isRecord(value)) throw new LedgerError("invalid", `line ${line}: not a row or the trailer`);
    if (value.end === BACKUP_FORMAT) {
      trailer = checkTrailer(value, line);
      continue;
    }
    const found = typeof value.t === "string" ? byName.get(value.t) : undefined;
    if (!found) throw new LedgerError("invalid", `line ${line}: ${typeof value.t === "string" ? `unknown table ${value.t}` : "not a row or the trailer"}`);
    if (found.index < current) throw new LedgerError("invalid", `line ${line}: a ${found.table.name} row after rows of ${BACKUP_TABLES[current]?.name}`);
    current = found.index;
    const r = value.r;
    const columns = found.table.columns;
    if (!Array.isArray(r) || r.length !== columns.length) {
      throw new LedgerError("invalid", `line ${line}: a ${found.table.name} row needs ${columns.length} values`);
    }
    for (const [i, [column, kind]] of columns.entries()) {
      const problem = checkValue(kind, r[i]);
      if (problem) throw new LedgerError("invalid", `line ${line}: ${found.table.name}.${column} ${problem}`);
    }
    hash.update(`${text}\n`, "utf8");
    rows[found.table.name] = (rows[found.table.name] ?? 0) + 1;
    await onRow(found.table, r as BackupValue[], line);
  }
  if (!header) checkHeader(undefined, storeMigrations);
  if (!header || !trailer) throw new LedgerError("invalid", `the backup ends at line ${line} without its trailer: the file is truncated`);
  for (const table of BACKUP_TABLES) {
    const expected = trailer.rows[table.name];
    if (expected !== rows[table.name]) {
      throw new LedgerError("invalid", `the trailer counts ${expected ?? "no"} ${table.name} rows but the file holds ${rows[table.name]}: the file is damaged`);
    }
  }
  const sha256 = hash.digest("hex");
  if (sha256 !== trailer.sha256) throw new LedgerError("invalid", "the rows do not match the trailer's sha256: the file is damaged");
  return { header, rows, sha256 };
}

function checkTrailer(value: Record<string, unknown>, line: number): BackupTrailer {
  const rows = value.rows;
  if (!isRecord(rows) || !Object.values(rows).every((n) => typeof n === "number" && Number.isSafeInteger(n) && n >= 0)) {
    throw new LedgerError("invalid", `line ${line}: the trailer's row counts are not whole numbers`);
  }
  if (typeof value.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(value.sha256)) throw new LedgerError("invalid", `line ${line}: the trailer has no sha256`);
  return { end: BACKUP_FORMAT, rows: rows as Record<string, number>, sha256: value.sha256 };
}

/** Inserts rows a batch at a time, within the parameter limit; a refused batch names its lines. */
class Inserter {
  #table: BackupTable | null = null;
  #rows: BackupValue[][] = [];
  #chars = 0;
  #firstLine = 0;
  #lastLine = 0;

  constructor(private readonly trx: Kysely<Database>) {}

  async add(table: BackupTable, values: BackupValue[], line: number): Promise<void> {
    const perStatement = Math.max(1, Math.min(table.batch, Math.floor(MAX_PARAMETERS / table.columns.length)));
    if (this.#table !== table || this.#rows.length >= perStatement || this.#chars >= MAX_BATCH_CHARS) await this.flush();
    if (this.#rows.length === 0) this.#firstLine = line;
    this.#table = table;
    this.#rows.push(values);
    this.#lastLine = line;
    for (const v of values) if (typeof v === "string") this.#chars += v.length;
  }

  async flush(): Promise<void> {
    const table = this.#table;
    const rows = this.#rows;
    if (!table || rows.length === 0) return;
    this.#rows = [];
    this.#chars = 0;
    const columns = sql.join(table.columns.map(([c]) => sql.ref(c)));
    // Binary columns travel as base64 text; the database takes their bytes.
    const binary = table.columns.map(([, kind]) => kind === "bytes");
    const values = sql.join(rows.map((r) => sql`(${sql.join(r.map((v, i) => (binary[i] && typeof v === "string" ? Buffer.from(v, "base64") : v)))})`));
    try {
      await sql`insert into ${sql.table(table.name)} (${columns}) values ${values}`.execute(this.trx);
    } catch (error) {
      const at = this.#firstLine === this.#lastLine ? `line ${this.#firstLine}` : `lines ${this.#firstLine}–${this.#lastLine}`;
      throw new LedgerError("invalid", `${at}: the store refused these ${table.name} rows: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Empties every table, children first, inside the restore's transaction. */
async function emptyStore(trx: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  const children = [...BACKUP_TABLES].reverse();
  if (dialect === "postgres") {
    await sql`truncate table ${sql.join(children.map((t) => sql.table(t.name)))}`.execute(trx);
    return;
  }
  for (const table of children) await sql`delete from ${sql.table(table.name)}`.execute(trx);
}

/** History ids given explicitly: the next one written must come after the largest restored (both histories). */
async function continueHistoryIds(trx: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  for (const name of ["history", "assignment_history"] as const) {
    if (dialect === "postgres") {
      await sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${sql.table(name)}), 0) + 1, false)`.execute(trx);
      continue;
    }
    // AUTOINCREMENT keeps its high-water mark in sqlite_sequence; a forced restore may have lowered the ids.
    await sql`update sqlite_sequence set seq = (select coalesce(max(id), 0) from ${sql.table(name)}) where name = ${name}`.execute(trx);
  }
}
