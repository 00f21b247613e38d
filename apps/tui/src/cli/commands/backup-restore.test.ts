import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { loadBuiltInPlans, openLedger, SQLITE_FILE_NAME, type Actor } from "@taizhang/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { backupCommand } from "./backup.js";
import { restoreCommand } from "./restore.js";

async function run(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd }, [backupCommand, restoreCommand]);
  return { code, stdout, stderr };
}

/** A backup's lines without the header's createdAt, which is all two backups of the same data may differ in. */
const content = (path: string) =>
  (path.endsWith(".gz") ? gunzipSync(readFileSync(path)) : readFileSync(path)).toString("utf8").replace(/"createdAt":"[^"]+"/, '"createdAt":"…"');

const ADMIN: Actor = { name: "管理员", role: "admin", unitId: null, source: "cli" };

describe("taizhang backup / restore (embedded store)", () => {
  let dir = "";
  let officeSecret = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "taizhang-backup-"));
    const ledger = await openLedger({ dataDir: join(dir, "source") });
    try {
      await loadBuiltInPlans(ledger);
      const [row] = await ledger.checklist({ planId: "chengdu-2015" as never });
      if (!row) throw new Error("no checklist rows");
      await ledger.updateProgress(ADMIN, { itemId: row.item.id, unitId: row.unitId, expectedVersion: 0, patch: { status: "in_progress", percent: 30, note: "已启动" } });
      officeSecret = (await ledger.createToken({ name: "法制办", role: "office", unitId: row.unitId })).token;
    } finally {
      await ledger.close();
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("backs up, restores into a new store without loading the built-in plans, and backs up the same content again", async () => {
    const backedUp = await run(["backup", "first.ndjson.gz", "--data", "source"], dir);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(/^Backed up [\d,]+ rows from .*source to .*first\.ndjson\.gz\n/);
    expect(backedUp.stdout).toMatch(/^history\s+1$/m);
    expect(backedUp.stdout).toMatch(/^plans\s+4$/m);

    const restored = await run(["restore", "first.ndjson.gz", "--data", "copy", "--json"], dir);
    expect(restored.code, restored.stderr).toBe(0);
    const summary = JSON.parse(restored.stdout) as { rows: Record<string, number>; replaced: Record<string, number> };
    expect(summary.rows).toMatchObject({ plans: 4, history: 1, tokens: 1 });
    expect(summary.replaced).toEqual({});

    const again = await run(["backup", "second.ndjson", "--data", "copy"], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(content(join(dir, "second.ndjson"))).toBe(content(join(dir, "first.ndjson.gz")));
  });

  it("refuses a store that holds data (exit 5) unless --force, and names what is there", async () => {
    await run(["backup", "first.ndjson", "--data", "source"], dir);
    const refused = await run(["restore", "first.ndjson", "--data", "source"], dir);
    expect(refused.code).toBe(5);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/^taizhang restore: the store is not empty: it holds 4 rows in plans, .* in history, 1 in tokens; restore needs an empty store, or --force/);

    const forced = await run(["restore", "first.ndjson", "--data", "source", "--force"], dir);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/replacing the [\d,]+ rows it held/);
    const ledger = await openLedger({ dataDir: join(dir, "source") });
    try {
      expect((await ledger.authenticate(officeSecret))?.name).toBe("法制办");
    } finally {
      await ledger.close();
    }
  });

  it("refuses what it cannot do, with the documented exit codes, and leaves the store as it was", async () => {
    await run(["backup", "first.ndjson", "--data", "source"], dir);
    const good = readFileSync(join(dir, "first.ndjson"), "utf8");
    writeFileSync(join(dir, "truncated.ndjson"), good.split("\n").slice(0, -2).join("\n"));
    writeFileSync(join(dir, "not-a-backup.ndjson"), '{"hello":"world"}\n');

    expect((await run(["backup"], dir)).code).toBe(1);
    expect((await run(["restore", "a", "b"], dir)).code).toBe(1);
    const remote = await run(["backup", "x.ndjson", "--api", "http://127.0.0.1:8787"], dir);
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/works on the store itself, not through a server/);
    expect((await run(["restore", "x.ndjson", "--data", "a", "--database-url", "postgres://h/db"], dir)).code).toBe(1);
    expect((await run(["backup", "x.ndjson", "--database-url", "mysql://h/db"], dir)).code).toBe(1);
    const unreachable = await run(["backup", "x.ndjson", "--database-url", "postgres://nobody:secret@127.0.0.1:1/db"], dir);
    expect(unreachable.code).toBe(6);
    expect(unreachable.stderr).toMatch(/^taizhang backup: cannot open the store in postgres:\/\/nobody@127\.0\.0\.1:1\/db: /);
    expect(unreachable.stderr).not.toContain("secret");

    const missing = await run(["restore", "missing.ndjson", "--data", "empty"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("taizhang restore: missing.ndjson: no such file\n");

    const truncated = await run(["restore", "truncated.ndjson", "--data", "empty"], dir);
    expect(truncated.code).toBe(4);
    expect(truncated.stderr).toMatch(/without its trailer: the file is truncated/);
    const foreign = await run(["restore", "not-a-backup.ndjson", "--data", "empty", "--force"], dir);
    expect(foreign.code).toBe(4);
    expect(foreign.stderr).toMatch(/line 1: not a Taizhang backup/);

    // The store the refusals were aimed at is still empty: no built-in plans, nothing half-restored.
    const check = await run(["backup", "empty.ndjson", "--data", "empty", "--json"], dir);
    expect(Object.values((JSON.parse(check.stdout) as { rows: Record<string, number> }).rows).every((n) => n === 0)).toBe(true);
  });

  it("writes the backup to standard output for FILE -, the counts to stderr, and restores it", async () => {
    const out = await run(["backup", "-", "--data", "source"], dir);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect((JSON.parse(lines[0] ?? "") as { format: string }).format).toBe("taizhang-backup");
    expect(out.stderr).toMatch(/^Backed up [\d,]+ rows from .*source to standard output\n/);
    expect(existsSync(join(dir, "-"))).toBe(false);
    writeFileSync(join(dir, "piped.ndjson"), out.stdout);
    expect((await run(["restore", "piped.ndjson", "--data", "piped"], dir)).code).toBe(0);
    const json = await run(["backup", "-", "--json", "--data", "source"], dir);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe("");
  });

  it("exits 73 for a backup file it cannot write, 6 for a store folder that does not exist, 1 for a folder given as a file", async () => {
    const noFolder = await run(["backup", "no/such/dir/x.ndjson", "--data", "source"], dir);
    expect(noFolder.code).toBe(73);
    expect(noFolder.stderr).toBe("taizhang backup: cannot write no/such/dir/x.ndjson: no such folder " + join(dir, "no/such/dir") + "\n");
    const ownStore = await run(["backup", join("source", SQLITE_FILE_NAME), "--data", "source"], dir);
    expect(ownStore.code).toBe(73);
    expect(ownStore.stderr).toMatch(/is a SQLite database \(a Taizhang store\?\): not overwriting it\n$/);
    const noStore = await run(["backup", "x.ndjson", "--data", "typo"], dir);
    expect(noStore.code).toBe(6);
    expect(noStore.stderr).toBe(`taizhang backup: ${join(dir, "typo")} 中没有存储:该文件夹不存在;请用 --data 指定服务器的数据文件夹\n`);
    expect(existsSync(join(dir, "typo"))).toBe(false);
    mkdirSync(join(dir, "a-folder"), { recursive: true });
    expect((await run(["backup", "a-folder", "--data", "source"], dir)).code).toBe(1);
    const restoreFolder = await run(["restore", "a-folder", "--data", "elsewhere"], dir);
    expect(restoreFolder.code).toBe(1);
    expect(restoreFolder.stderr).toBe("taizhang restore: a-folder is a directory, not a file\n");
  });
});
