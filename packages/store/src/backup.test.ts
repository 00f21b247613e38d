import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupToFile, restoreFromFile } from "./backup-file.js";
import { BACKUP_TABLES } from "./backup-tables.js";
import { backupLedger, restoreLedger, tableCounts, type BackupHeader, type BackupTrailer } from "./backup.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError } from "./ledger.js";
import { BACKUP_CLOCK, backupText, linesOf, reseal, seedStore } from "./test-support/backup-seed.js";
import { testBackends, type Backend } from "./test-support/backends.js";
import { ADMIN, item, unit } from "./test-support/ids.js";
import { UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";

const backends = await testBackends();

const lines = (text: string) => text.split("\n").filter((l) => l !== "");
const headerOf = (text: string) => JSON.parse(lines(text)[0] ?? "") as BackupHeader;
const trailerOf = (text: string) => JSON.parse(lines(text).at(-1) ?? "") as BackupTrailer;

/** A row line with one value replaced. */
function withValue(line: string | undefined, index: number, value: unknown): string {
  const row = JSON.parse(line ?? "") as { t: string; r: unknown[] };
  row.r[index] = value;
  return JSON.stringify(row);
}

/** Expects `work` to fail with a LedgerError whose message matches. */
async function refused(work: Promise<unknown>, message: RegExp): Promise<LedgerError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  expect((error as LedgerError).message).toMatch(message);
  return error as LedgerError;
}

describe.each(backends)("backup and restore on $name", (backend) => {
  let source: KyselyLedger;
  let backup = "";
  let officeSecret = "";
  beforeAll(async () => {
    await backend.setUp();
    source = await backend.open();
    ({ officeSecret } = await seedStore(source));
    backup = await backupText(source);
  }, 120_000);
  afterAll(async () => {
    await source.close();
    await backend.tearDown();
  });

  /** A second, empty store on the same backend (another PostgreSQL schema, another SQLite file). */
  async function emptyTarget(): Promise<{ ledger: KyselyLedger; done: () => Promise<void> }> {
    const [other] = (await testBackends()).filter((b) => b.name === backend.name);
    if (!other) throw new Error(`no backend ${backend.name}`);
    await other.setUp();
    const ledger = await other.open();
    return {
      ledger,
      done: async () => {
        await ledger.close();
        await other.tearDown();
      },
    };
  }

  it("writes a header, every row of every table in key order, and a trailer that adds up", async () => {
    const header = headerOf(backup);
    expect(header).toMatchObject({ format: "taizhang-backup", version: 1, createdAt: "2026-03-01T00:00:00.000Z" });
    expect(header.migrations).toEqual(["0001-initial", "0002-task-search-text", "0003-task-themes", "0004-responsible-person", "0005-plans-updated-at", "0008-assignment-history", "0009-text-repair", "0010-sessions", "0011-evidence-files"]);
    expect(header.tables.map((t) => t.name)).toEqual(BACKUP_TABLES.map((t) => t.name));
    const trailer = trailerOf(backup);
    // Every row, none twice.
    expect(trailer.rows).toEqual(await tableCounts(source.db));
    // Read a few rows a query, every table crosses page boundaries (composite keys included): same file.
    let paged = "";
    await backupLedger(source, (text) => void (paged += text), { clock: BACKUP_CLOCK, pageRows: 7 });
    expect(paged).toBe(backup);
    const historyIds = lines(backup)
      .slice(1, -1)
      .map((l) => JSON.parse(l) as { t: string; r: unknown[] })
      .filter((row) => row.t === "history")
      .map((row) => row.r[0] as number);
    expect(historyIds).toEqual([...historyIds].sort((a, b) => a - b));
    expect(new Set(historyIds).size).toBe(historyIds.length);
    // Tokens as their hashes: no secret is anywhere in the file.
    expect(backup).not.toContain(officeSecret.slice(3));
  });

  it("restores into an empty store so that a backup of it is identical, and the store then works", async () => {
    const target = await emptyTarget();
    try {
      const summary = await restoreLedger(target.ledger, linesOf(backup));
      expect(summary.rows).toEqual(trailerOf(backup).rows);
      expect(summary.replaced).toEqual({});
      expect(await backupText(target.ledger)).toBe(backup);

      // An office token still authenticates; a progress update continues history after the restored ids.
      const token = await target.ledger.authenticate(officeSecret);
      expect(token?.name).toBe("法制办填报");
      const maxId = Math.max(...(await target.ledger.history({ limit: 1 })).items.map((h) => h.id));
      const current = await target.ledger.getProgress(item(1, "m1"), token?.unitId ?? ("" as never));
      expect(current.measuredValue?.value).toBe(92.125);
      await target.ledger.updateProgress(ADMIN, { itemId: item(1, "m1"), unitId: current.unitId, expectedVersion: current.version, patch: { percent: 100 } });
      const [latest] = (await target.ledger.history({ limit: 1 })).items;
      expect(latest?.id).toBe(maxId + 1);
      expect(latest?.after.percent).toBe(100);
    } finally {
      await target.done();
    }
  });

  it("refuses a store that holds data unless forced; forced, it replaces everything", async () => {
    const target = await emptyTarget();
    try {
      await restoreLedger(target.ledger, linesOf(backup));
      await target.ledger.updateProgress(ADMIN, { itemId: item(1, "m1"), unitId: unit(UNIT_LEGAL), expectedVersion: 3, patch: { percent: 7 } });
      const changed = await backupText(target.ledger);
      const error = await refused(restoreLedger(target.ledger, linesOf(backup)), /^the store is not empty: it holds 5 rows in plans, \d+ in parts, .*, [\d,]+ in history, 2 in assignment_history, 3 in tokens; restore needs an empty store, or --force/);
      expect(error.code).toBe("conflict");
      expect(await backupText(target.ledger)).toBe(changed);

      const forced = await restoreLedger(target.ledger, linesOf(backup), { force: true });
      expect(forced.replaced.plans).toBe(5);
      expect(await backupText(target.ledger)).toBe(backup);
    } finally {
      await target.done();
    }
  });

  it("refuses damaged and foreign files with the line at fault, leaving the store as it was", async () => {
    const target = await emptyTarget();
    try {
      await target.ledger.loadPlan((await source.getPlan("testville-2016" as never)) as never);
      const before = await backupText(target.ledger);
      const all = lines(backup);
      const header = headerOf(backup);
      const cases: Array<[string, string, RegExp]> = [
        ["empty", "", /the file is empty/],
        ["not JSON at all", "PK\u0003\u0004 binary", /^line 1: not JSON/],
        ["another format", `${JSON.stringify({ ...header, format: "other" })}\n`, /^line 1: not a Taizhang backup/],
        ["a newer version", `${JSON.stringify({ ...header, version: 2 })}\n`, /^line 1: backup format version 2; this Taizhang reads version 1/],
        [
          "other migrations",
          `${JSON.stringify({ ...header, migrations: header.migrations.slice(0, 3) })}\n`,
          /^the backup was made at migrations \[0001-initial, 0002-task-search-text, 0003-task-themes\] but this store is at \[0001-initial, .*0005-plans-updated-at, 0008-assignment-history, 0009-text-repair, 0010-sessions, 0011-evidence-files\]/,
        ],
        ["truncated: no trailer", `${all.slice(0, -1).join("\n")}\n`, /ends at line \d+ without its trailer: the file is truncated/],
        ["truncated: rows missing", `${[...all.slice(0, 40), all.at(-1)].join("\n")}\n`, /the trailer counts \d+ \w+ rows but the file holds \d+/],
        ["a bad JSON line", `${[...all.slice(0, 9), "{\"t\":\"parts\",", ...all.slice(10)].join("\n")}\n`, /^line 10: not JSON/],
        ["an edited value", `${all.join("\n").replace("测试市人民政府", "别的市人民政府")}\n`, /do not match the trailer's sha256/],
        ["a value of the wrong kind", reseal([all[0], withValue(all[1], 7, "2016"), ...all.slice(2)].join("\n")), /^line 2: plans\.start_year must be a whole number$/],
        ["lines after the trailer", `${[...all, all[1]].join("\n")}\n`, new RegExp(`^line ${all.length + 1}: more lines after the trailer`)],
      ];
      for (const [name, text, message] of cases) {
        // Forced, so that only the file stands between the store and being emptied.
        await refused(restoreLedger(target.ledger, linesOf(text), { force: true }), message).catch((error: unknown) => {
          throw new Error(`${name}: ${String(error)}`);
        });
      }
      expect(await backupText(target.ledger)).toBe(before);
    } finally {
      await target.done();
    }
  });

  it("rolls back a forced restore that the store refuses half-way: nothing emptied, nothing half-inserted", async () => {
    const target = await emptyTarget();
    try {
      await target.ledger.loadPlan((await source.getPlan("testville-2016" as never)) as never);
      const before = await backupText(target.ledger);
      // A well-formed file whose last history row names an item no store has: caught only by the insert.
      const all = lines(backup);
      const lastHistory = all.findLastIndex((l) => l.startsWith('{"t":"history"'));
      all[lastHistory] = withValue(all[lastHistory], 2, "nowhere-2020/1#task");
      const error = await refused(restoreLedger(target.ledger, linesOf(reseal(all.join("\n"))), { force: true }), /^lines? [\d–]+: the store refused these history rows/);
      expect(error.code).toBe("invalid");
      expect(await backupText(target.ledger)).toBe(before);
    } finally {
      await target.done();
    }
  });

  it("writes and reads files, plain and gzip; a truncated gzip file is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-backup-"));
    const target = await emptyTarget();
    try {
      const plain = join(dir, "ledger.ndjson");
      const gz = join(dir, "ledger.ndjson.gz");
      const clock = () => new Date("2026-03-01T00:00:00.000Z");
      await backupToFile(source, plain, { clock });
      await backupToFile(source, gz, { clock });
      expect(readFileSync(plain, "utf8")).toBe(backup);
      expect(gunzipSync(readFileSync(gz)).toString("utf8")).toBe(backup);

      const cut = join(dir, "cut.ndjson.gz");
      const bytes = readFileSync(gz);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await refused(restoreFromFile(target.ledger, cut), /not an intact gzip file|truncated/);
      await refused(restoreFromFile(target.ledger, join(dir, "missing.ndjson")), /^no file /);
      expect(Object.values(await tableCounts(target.ledger.db)).every((n) => n === 0)).toBe(true);

      await restoreFromFile(target.ledger, gz);
      expect(await backupText(target.ledger)).toBe(backup);
    } finally {
      await target.done();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("backups across backends", () => {
  const pairs: Array<[Backend, Backend]> = backends.flatMap((a) => backends.filter((b) => b !== a).map((b): [Backend, Backend] => [a, b]));
  const opened: Array<{ ledger: KyselyLedger; backend: Backend }> = [];
  afterAll(async () => {
    for (const { ledger, backend } of opened) {
      await ledger.close();
      await backend.tearDown();
    }
  });

  /** A fresh store on a fresh instance of the named backend. */
  async function open(name: string): Promise<KyselyLedger> {
    const [backend] = (await testBackends()).filter((b) => b.name === name);
    if (!backend) throw new Error(`no backend ${name}`);
    await backend.setUp();
    const ledger = await backend.open();
    opened.push({ ledger, backend });
    return ledger;
  }

  it.each(pairs.map(([a, b]) => ({ from: a.name, to: b.name })))(
    "$from → $to → backup is byte-identical",
    async ({ from, to }) => {
      const source = await open(from);
      await seedStore(source);
      const backup = await backupText(source);
      const target = await open(to);
      await restoreLedger(target, linesOf(backup));
      expect(await backupText(target)).toBe(backup);
    },
    120_000,
  );
});
