import { mkdirSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import type { Database } from "./database.js";
import { DatabaseEvidenceFiles, DirectoryEvidenceFiles } from "./evidence-files.js";
import { KyselyLedger } from "./kysely-ledger.js";
import type { Ledger } from "./ledger.js";
import { StoreMigrationProvider } from "./migrations/migration-provider.js";
import { retryTransient } from "./retry.js";
import { ImmediateSqliteDialect, openSqliteDatabase, type SqliteSynchronous } from "./sqlite-dialect.js";
import type { StoreDialect } from "./store-dialect.js";
import { writeGateFor, type WriteGate } from "./write-gate.js";

/** The SQLite file's name inside the data directory. */
export const SQLITE_FILE_NAME = "taizhang.db";

/** The folder of uploaded evidence files inside the data directory (embedded store only). */
export const EVIDENCE_DIR_NAME = "evidence";

/** Settings every backend shares. */
interface CommonOptions {
  /** The clock stamped on history and progress; tests pass a fixed one. */
  clock?: () => Date;
  /**
   * Migrate only up to this migration (e.g. "0008-assignment-history"), not to the latest: for tests
   * of a migration, which seed the store as it was before it. Nothing else should open a store so.
   */
  migrateTo?: string;
}

/** Where the ledger lives: a SQLite file in a directory, PostgreSQL by URL, or SQLite in memory. */
export type OpenLedgerOptions =
  | (CommonOptions & {
      /** Directory of the SQLite file; created if missing. Default `./data`. */
      dataDir?: string;
      /** SQLite `synchronous`: `full` by default (see docs/store.md). */
      synchronous?: SqliteSynchronous;
    })
  | (CommonOptions & {
      databaseUrl: string;
      /** PostgreSQL schema to use (created if missing); default `public`. Tests use one schema each. */
      schema?: string;
      /** Largest number of pooled connections; default 10. */
      maxConnections?: number;
    })
  | (CommonOptions & { memory: true });

/**
 * Opens the ledger on the chosen backend, migrates it to the current schema
 * and returns it. PostgreSQL when `databaseUrl` is given, SQLite in memory
 * for `memory: true`, otherwise the SQLite file `<dataDir>/taizhang.db`.
 */
export async function openLedger(options: OpenLedgerOptions = {}): Promise<Ledger> {
  const { db, dialect, schema, gate, evidenceDir } = await connect(options);
  try {
    const run = () => migrate(db, dialect, schema, options.migrateTo);
    await (gate ? gate.run(run) : run());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const clock = options.clock ?? (() => new Date());
  const evidence = evidenceDir ? new DirectoryEvidenceFiles(evidenceDir) : new DatabaseEvidenceFiles(db, clock);
  return new KyselyLedger(db, dialect, options.clock, gate ?? null, evidence);
}

interface Connection {
  db: Kysely<Database>;
  dialect: StoreDialect;
  schema?: string;
  gate?: WriteGate;
  /** The embedded store's folder of evidence files; none when they live in the database. */
  evidenceDir?: string;
}

async function connect(options: OpenLedgerOptions): Promise<Connection> {
  if ("databaseUrl" in options) {
    const schema = options.schema ?? "public";
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
    // Loaded only for PostgreSQL: the embedded store's processes (server, TUI, CLI) start without it.
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 10,
      // Every pooled connection resolves unqualified table names in our schema.
      options: `-c search_path=${schema}`,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      // Checked first: `create schema if not exists` still demands the CREATE privilege on the database.
      const found = await sql<{ one: number }>`select 1 as one from pg_namespace where nspname = ${schema}`.execute(db);
      if (found.rows.length === 0) await db.schema.createSchema(schema).ifNotExists().execute();
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return { db, dialect: "postgres", schema };
  }
  if ("memory" in options) {
    const database = openSqliteDatabase(":memory:", "full");
    return { db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) }), dialect: "sqlite" };
  }
  const dir = resolve(options.dataDir ?? "./data");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, SQLITE_FILE_NAME);
  // Another process may be creating the file or switching it to WAL at this very moment.
  const database = await retryTransient("sqlite", () => Promise.resolve(openSqliteDatabase(path, options.synchronous ?? "full")));
  return {
    db: new Kysely<Database>({ dialect: new ImmediateSqliteDialect(database) }),
    dialect: "sqlite",
    gate: writeGateFor(realpathSync(path)),
    evidenceDir: join(dir, EVIDENCE_DIR_NAME),
  };
}

async function migrate(db: Kysely<Database>, dialect: StoreDialect, schema: string | undefined, target?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new StoreMigrationProvider(dialect),
    // Without a schema Kysely would take another schema's migration table for ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  let failed: string | undefined;
  try {
    await retryTransient(dialect, async () => {
      const { error, results } = await (target === undefined ? migrator.migrateToLatest() : migrator.migrateTo(target));
      failed = results?.find((r) => r.status === "Error")?.migrationName;
      // Thrown, not returned, so that a busy database is retried like any other write.
      if (error !== undefined) throw error;
    });
  } catch (error) {
    throw new Error(`migrating the store failed${failed ? ` at ${failed}` : ""}`, { cause: error });
  }
}
