import Database from "libsql";
import { LRUCache } from "lru-cache";
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from "kysely";

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

/**
 * SQLite dialect whose transactions are `begin immediate` and whose
 * statements are prepared once per SQL text (see StatementCachingDatabase).
 */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(database: Database.Database) {
    const config: SqliteDialectConfig = { database: new StatementCachingDatabase(database) };
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Statements kept prepared per connection: the ledger's own queries are a few dozen texts. */
const STATEMENT_CACHE_SIZE = 256;
/**
 * Longer texts are one-off (a batch insert of many rows has a text per batch
 * size) and would only push the statements that recur out of the cache.
 */
const CACHEABLE_SQL_LENGTH = 4_000;

/**
 * A prepared statement shared by every execution of its SQL text. Running a
 * libsql statement resets it first, so reuse is safe, failures included; only
 * a cursor must not be shared, since the next run of the same text would reset
 * it under its reader, so `iterate` prepares a statement of its own.
 */
class SharedStatement implements SqliteStatement {
  readonly reader: boolean;

  constructor(
    private readonly database: Database.Database,
    private readonly text: string,
    private readonly statement: Database.Statement,
  ) {
    this.reader = statement.reader;
  }

  all(parameters: readonly unknown[]): unknown[] {
    return this.statement.all(parameters);
  }

  run(parameters: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.statement.run(parameters);
  }

  iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    return this.database.prepare(this.text).iterate(parameters);
  }
}

/**
 * A SQLite database whose `prepare` answers from a bounded LRU cache of
 * statements keyed by SQL text. Kysely's SQLite driver prepares every query
 * anew, and preparing cost about as much as running a small write (a sixth of
 * a progress update's CPU in the profile in docs/benchmarks.md).
 */
export class StatementCachingDatabase implements SqliteDatabase {
  readonly #database: Database.Database;
  readonly #statements: LRUCache<string, SharedStatement>;

  constructor(database: Database.Database, capacity = STATEMENT_CACHE_SIZE) {
    this.#database = database;
    this.#statements = new LRUCache({ max: Math.max(1, capacity) });
  }

  /** How many statements are cached; for tests. */
  get cachedStatements(): number {
    return this.#statements.size;
  }

  prepare(text: string): SqliteStatement {
    const cached = this.#statements.get(text);
    if (cached) return cached;
    const statement = this.#database.prepare(text);
    if (text.length > CACHEABLE_SQL_LENGTH) return statement;
    const shared = new SharedStatement(this.#database, text, statement);
    this.#statements.set(text, shared);
    return shared;
  }

  close(): void {
    this.#statements.clear();
    this.#database.close();
  }
}
