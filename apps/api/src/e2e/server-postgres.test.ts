import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { afterRestart, firstRun } from "./ledger-scenario.js";
import { buildServer, startServerProcess, type ServerProcess } from "./server-process.js";

/** The PostgreSQL server the tests use; each run creates and drops its own database. */
const ADMIN_URL = process.env.TAIZHANG_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable();
if (problem !== null) {
  if (process.env.CI) throw new Error(`PostgreSQL is required in CI but unreachable at ${ADMIN_URL}: ${problem}`);
  console.warn(`\n*** api e2e: PostgreSQL tests SKIPPED — cannot reach ${ADMIN_URL} (${problem}) ***\n`);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The built server on a real port with DATABASE_URL pointing at a fresh PostgreSQL database, through a restart. */
describe.skipIf(problem !== null)("server end to end (PostgreSQL)", () => {
  const database = `taizhang_e2e_${randomBytes(5).toString("hex")}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    await buildServer();
    await adminQuery(`create database ${database}`);
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    await adminQuery(`drop database if exists ${database} with (force)`);
  });

  test("reads, writes, conflicts and refusals survive a restart", async () => {
    server = await startServerProcess({ DATABASE_URL: url.toString(), TAIZHANG_DATA: "/nonexistent/not-used" });
    const first = await firstRun(server);
    expect(await server.stop()).toBe(0);

    server = await startServerProcess({ DATABASE_URL: url.toString() });
    await afterRestart(server, first);
    expect(await server.stop()).toBe(0);
  }, 120_000);
});
