import { CompiledQuery, sql, type Kysely } from "kysely";
import type { Database } from "../database.js";
import { NextRun } from "../next-run.js";
import { retryTransient } from "../retry.js";
import type { StoreDialect } from "../store-dialect.js";
import type { WriteGate } from "../write-gate.js";

/*
 * What every repository shares: the database, its dialect, the clock, and the
 * one way to run a read or a write transaction. Kept in one place so that the
 * retry, the SQLite write gate and the count behind dataRevision cannot be
 * bypassed by a repository that opens a transaction of its own.
 */

export type Db = Kysely<Database>;

const MAX_PAGE = 500;
/** The page of a history read (progress or assignments) when the caller names none. */
export const DEFAULT_HISTORY_PAGE = 50;
/** Writes of plans' content (loads, unit assignments) are serialised on PostgreSQL under this advisory lock key (see plans-revision.ts). */
const PLAN_LOAD_LOCK = 7_283_001;

/** A page size within 1..500, `fallback` when none (or no number) is given. */
export const clampLimit = (limit: number | undefined, fallback: number) =>
  Math.min(MAX_PAGE, Math.max(1, Math.trunc(limit !== undefined && Number.isFinite(limit) ? limit : fallback)));

/**
 * For a query's `$call`: adds the condition `apply` makes of `value` when the
 * filter has one, and leaves the query as it is when it is undefined (Kysely's
 * `$if`, with the value narrowed for the condition).
 */
export function whenDefined<V, Q>(value: V | undefined, apply: (qb: Q, value: V) => Q): (qb: Q) => Q {
  return (qb) => (value === undefined ? qb : apply(qb, value));
}

/** The queries of dataRevision, compiled once: it runs before every cached answer. */
const DATA_VERSION = CompiledQuery.raw("pragma data_version");
const CURRENT_SNAPSHOT = CompiledQuery.raw("select pg_current_snapshot()::text as snapshot");

/**
 * The database under the repositories. Writes run in one transaction each,
 * retried as a whole when the database is busy; reads are retried alone.
 */
export class StoreContext {
  constructor(
    readonly db: Db,
    readonly dialect: StoreDialect,
    readonly clock: () => Date = () => new Date(),
    /** Serialises this process's write transactions on one SQLite file (see write-gate.ts). */
    private readonly gate: WriteGate | null = null,
  ) {}

  /** The clock's time as stored: `toISOString()` text. */
  now(): string {
    return this.clock().toISOString();
  }

  /** Runs `work` as one write transaction; `work` may run more than once, so it must read its input afresh each time. */
  write<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    const attempt = () => this.db.transaction().execute(work);
    const gate = this.gate;
    return this.counted(retryTransient(this.dialect, gate ? () => gate.run(attempt) : attempt));
  }

  read<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return retryTransient(this.dialect, () => work(this.db));
  }

  /**
   * Writes this process has finished, committed or not: part of
   * {@link dataRevision}. Counted when a write settles, so after its commit:
   * a reader that sees the new count reads the new data.
   */
  private settledWrites = 0;

  /** A write that does not go through {@link write} (PostgreSQL's single-statement progress update) is counted here. */
  counted<T>(write: Promise<T>): Promise<T> {
    return write.finally(() => {
      this.settledWrites++;
    });
  }

  /** PostgreSQL: holds the plan-content lock until `trx` ends (SQLite's writes are serialised already). */
  async lockPlanWrites(trx: Db): Promise<void> {
    if (this.dialect === "postgres") await sql`select pg_advisory_xact_lock(${PLAN_LOAD_LOCK})`.execute(trx);
  }

  /** See Ledger.dataRevision. */
  async dataRevision(): Promise<string> {
    // The count first, then the database's token: either may move on while the read that follows runs, which
    // only makes a result stored under this revision newer than the revision says, never older.
    if (this.dialect === "sqlite") {
      const local = this.settledWrites;
      // Changes whenever another connection (another process: CLI, TUI, a second server) commits to the file.
      const { rows } = await this.db.executeQuery<{ data_version: number }>(DATA_VERSION);
      return `${local}:${String(rows[0]?.data_version ?? "")}`;
    }
    // Callers arriving while a snapshot is being read wait for the next read, which starts after they came:
    // under load one round trip answers them all.
    return this.snapshots.next();
  }

  private readonly snapshots = new NextRun(() => this.readSnapshot());

  private async readSnapshot(): Promise<string> {
    const local = this.settledWrites;
    // Two equal snapshots (xmin:xmax:in-progress ids) see exactly the same committed transactions.
    const { rows } = await this.db.executeQuery<{ snapshot: string }>(CURRENT_SNAPSHOT);
    return `${local}:${rows[0]?.snapshot ?? ""}`;
  }
}
