import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { backupLedger, restoreLedger } from "./backup.js";
import { DirectoryEvidenceFiles, sha256Of } from "./evidence-files.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { linesOf } from "./test-support/backup-seed.js";
import { testBackends } from "./test-support/backends.js";

const backends = await testBackends();
const scan = new TextEncoder().encode("%PDF-1.4\n扫描件\n%%EOF\n");

describe.each(backends)("evidence files on $name", (backend) => {
  let ledger: KyselyLedger;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  it("stores a file under its sha256, keeps one copy of the same bytes, and answers its bytes and size", async () => {
    ledger = await backend.open();
    const files = ledger.evidenceFiles;
    const sha256 = sha256Of(scan);
    expect(await files.size(sha256)).toBeNull();
    expect(await files.get(sha256)).toBeNull();
    expect(await files.put(scan)).toEqual({ sha256, size: scan.length, created: true });
    expect(await files.put(scan.slice())).toEqual({ sha256, size: scan.length, created: false });
    expect(await files.size(sha256)).toBe(scan.length);
    expect(Buffer.from((await files.get(sha256)) ?? []).equals(Buffer.from(scan))).toBe(true);
    const other = new TextEncoder().encode("%PDF-1.4\n另一份\n");
    expect((await files.put(other)).sha256).not.toBe(sha256);
    expect(await files.size(sha256Of(other))).toBe(other.length);
  });

  it("refuses a name that is no sha256 (no path can be smuggled in)", async () => {
    ledger = await backend.open();
    await expect(ledger.evidenceFiles.get("../taizhang.db")).rejects.toThrow(/sha256/);
    await expect(ledger.evidenceFiles.size("A".repeat(64))).rejects.toThrow(/sha256/);
  });

  it("keeps where the store keeps its files: a folder beside the SQLite file, otherwise the database, which backups carry", async () => {
    ledger = await backend.open();
    const { sha256 } = await ledger.evidenceFiles.put(scan);
    const rows = await ledger.db.selectFrom("evidence_files").select(["sha256", "size"]).execute();
    if (backend.name === "sqlite (file)") {
      expect(ledger.evidenceFiles.kind).toBe("directory");
      expect(rows).toEqual([]);
      return;
    }
    expect(ledger.evidenceFiles.kind).toBe("database");
    expect(rows).toEqual([{ sha256, size: scan.length }]);
    let text = "";
    await backupLedger(ledger, (t) => void (text += t));
    expect(text).toContain(Buffer.from(scan).toString("base64"));
    await ledger.close();
    ledger = await backend.open();
    expect(await ledger.evidenceFiles.get(sha256)).toBeNull();
    await restoreLedger(ledger, linesOf(text));
    expect(Buffer.from((await ledger.evidenceFiles.get(sha256)) ?? []).equals(Buffer.from(scan))).toBe(true);
  });
});

describe("evidence files in the data folder", () => {
  const backend = backends.find((b) => b.name === "sqlite (file)");
  let ledger: KyselyLedger;
  afterAll(() => backend?.tearDown());

  it("writes data/evidence/ab/cdef… through a temporary file that never stays behind, and refuses a file damaged on disk", async () => {
    if (!backend) throw new Error("the file backend is always there");
    ledger = await backend.open();
    const files = ledger.evidenceFiles;
    if (!(files instanceof DirectoryEvidenceFiles)) throw new Error("the embedded store keeps its files in a folder");
    const { sha256 } = await files.put(scan);
    const path = files.pathOf(sha256);
    expect(path).toBe(join(files.root, sha256.slice(0, 2), sha256.slice(2)));
    expect(files.root.endsWith(join("evidence"))).toBe(true);
    expect(existsSync(path)).toBe(true);
    expect(readdirSync(join(files.root, "tmp"))).toEqual([]);
    writeFileSync(path, "%PDF-1.4 changed");
    await expect(files.get(sha256)).rejects.toThrow(/damaged/);
    await ledger.close();
  });
});
