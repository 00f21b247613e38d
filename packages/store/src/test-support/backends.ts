import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { storeInternals, type KyselyLedger } from "../kysely-ledger.js";
import { openLedger } from "../open-ledger.js";

/** The PostgreSQL server the tests use (trust auth on 127.0.0.1, database `test`). */
export const TEST_DATABASE_URL =
  process.env.TAIZHANG_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** One way of running the ledger under test. */
export interface Backend {
  name: string;
  /** Whether two ledgers opened with `shared` see the same data (not true of `:memory:`). */
  shareable: boolean;
  /** Prepares the backend once per test file. */
  setUp(): Promise<void>;
  /** A ledger on an empty store; `shared: true` opens another connection to the last one instead. */
  open(options?: { clock?: () => Date; shared?: boolean }): Promise<KyselyLedger>;
  tearDown(): Promise<void>;
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    await client.query("select 1");
    return null;
  } finally {
    await client.end();
  }
}

const ALL_TABLES = [
  "evidence_files",
  "sessions",
  "text_repairs",
  "assignment_history",
  "history",
  "progress",
  "checklist_items",
  "milestones",
  "targets",
  "task_units",
  "tasks",
  "plan_units",
  "unit_aliases",
  "tokens",
  "units",
  "sections",
  "parts",
  "plans",
];

function sqliteMemory(): Backend {
  return {
    name: "sqlite (memory)",
    shareable: false,
    setUp: async () => undefined,
    open: async ({ clock } = {}) => storeInternals(await openLedger({ memory: true, clock })),
    tearDown: async () => undefined,
  };
}

function sqliteFile(): Backend {
  const dirs: string[] = [];
  return {
    name: "sqlite (file)",
    shareable: true,
    setUp: async () => undefined,
    open: ({ clock, shared } = {}) => {
      const last = dirs.at(-1);
      const dir = shared && last ? last : mkdtempSync(join(tmpdir(), "taizhang-store-"));
      if (dir !== last) dirs.push(dir);
      return openLedger({ dataDir: dir, clock }).then(storeInternals);
    },
    tearDown: async () => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgres(): Backend {
  const schema = `taizhang_test_${randomBytes(6).toString("hex")}`;
  return {
    name: "postgresql",
    shareable: true,
    setUp: async () => undefined,
    open: async ({ clock, shared } = {}) => {
      const ledger = storeInternals(await openLedger({ databaseUrl: TEST_DATABASE_URL, schema, clock, maxConnections: 4 }));
      if (!shared) {
        // One schema per test file; each test starts from empty tables.
        await sql.raw(`truncate table ${ALL_TABLES.join(", ")} restart identity cascade`).execute(ledger.db);
      }
      return ledger;
    },
    tearDown: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * The backends every store test runs against. PostgreSQL is skipped with a
 * visible notice when its server cannot be reached, except under CI, where
 * an unreachable server is a failure.
 */
export async function testBackends(): Promise<Backend[]> {
  const backends = [sqliteMemory(), sqliteFile()];
  const problem = await postgresReachable();
  if (problem === null) backends.push(postgres());
  else if (process.env.CI) throw new Error(`PostgreSQL is required in CI but unreachable at ${TEST_DATABASE_URL}: ${problem}`);
  else console.warn(`\n*** store: PostgreSQL tests SKIPPED — cannot reach ${TEST_DATABASE_URL} (${problem}) ***\n`);
  return backends;
}
