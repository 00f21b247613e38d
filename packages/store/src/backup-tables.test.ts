import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_TABLES } from "./backup-tables.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { testBackends } from "./test-support/backends.js";

const backends = await testBackends();

describe.each(backends)("the backup's tables on $name", (backend) => {
  let ledger: KyselyLedger;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  it("are every table and every column the migrations make, so a new migration cannot be left out of backups", async () => {
    ledger = await backend.open();
    // PostgreSQL's introspection sees every schema of the database; ours is the one in the search path.
    const schema =
      ledger.dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(ledger.db)).rows[0]?.s : undefined;
    const tables = (await ledger.db.introspection.getTables())
      .filter((t) => t.schema === schema && !t.name.startsWith("kysely_migration"))
      .map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const backedUp = BACKUP_TABLES.map((t) => ({ name: t.name as string, columns: t.columns.map(([c]) => c).sort() })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    expect(tables.length).toBeGreaterThanOrEqual(15);
    expect(backedUp).toEqual(tables);
    // Each key is made of listed columns.
    for (const t of BACKUP_TABLES) for (const k of t.key) expect(t.columns.map(([c]) => c)).toContain(k);
  });
});
