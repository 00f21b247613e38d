import Database from "libsql";
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from "kysely";

/** `full` (the default) or `normal`; see docs/store.md on durability. */
export type SqliteSynchronous = "full" | "normal";

/**
 * Short on purpose: libsql waits for a lock synchronously, blocking the event
 * loop, and two connections in one process would deadlock while one of them
 * holds a transaction open across an `await`. Longer waits happen in the
 * asynchronous retry loop (see retry.ts).
 */
const BUSY_TIMEOUT_MS = 50;

/**
 * Opens a SQLite file (or `:memory:`) with the settings the ledger relies on:
 * WAL so readers never block the writer, foreign keys on, and
 * `synchronous=FULL` so an acknowledged write survives a power cut or kill -9.
 */
export function openSqliteDatabase(path: string, synchronous: SqliteSynchronous): Database.Database {
  const db = new Database(path);
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.pragma(`synchronous = ${synchronous === "full" ? "FULL" : "NORMAL"}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Kysely's driver opens transactions with a plain (deferred) `begin`. In WAL
 * mode a deferred transaction that reads and then writes fails with
 * SQLITE_BUSY at once, busy timeout or not, when another connection wrote in
 * between; `begin immediate` takes the write lock up front, so a writer waits
 * its turn instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** SQLite dialect whose transactions are `begin immediate`. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
