import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { types } from "node:util";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import { LedgerError } from "./ledger.js";

/** What storing a file did. */
export interface StoredEvidenceFile {
  sha256: string;
  size: number;
  /** False when the same bytes were already stored (one copy is kept). */
  created: boolean;
}

/**
 * Uploaded evidence files (佐证文件), content-addressed: a file is named by
 * the sha256 of its bytes, so the same scan uploaded by two offices is kept
 * once and a name can never point at other bytes. Files are only added:
 * removing evidence from a progress row keeps its file, which history still
 * names (docs/store.md, "Evidence files").
 */
export interface EvidenceFiles {
  /** Where the bytes live: `directory` (the embedded store's data folder) or `database`. */
  readonly kind: "directory" | "database";
  /** Stores the bytes under their sha256; whole or not at all. */
  put(bytes: Uint8Array): Promise<StoredEvidenceFile>;
  /** The file's bytes; null when no file of that hash is stored. */
  get(sha256: string): Promise<Uint8Array | null>;
  /** The stored file's size in bytes; null when none is stored. */
  size(sha256: string): Promise<number | null>;
}

const HASH = /^[0-9a-f]{64}$/;

export const sha256Of = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

function checkHash(sha256: string): void {
  if (!HASH.test(sha256)) throw new LedgerError("invalid", "an evidence file is named by its sha256: 64 lower-case hex digits");
}

/** Temporary files older than this are from uploads that never finished (a crash): removed when the store next writes one. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * The embedded store's files: `<data>/evidence/ab/cdef…` (the hash's first
 * two digits name the folder). Each is written to `<data>/evidence/tmp/`,
 * fsynced, then renamed into place and its folder fsynced, so a file under
 * its hash is never half-written, even after a power cut.
 */
export class DirectoryEvidenceFiles implements EvidenceFiles {
  readonly kind = "directory" as const;
  private swept = false;

  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    checkHash(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }

  async put(bytes: Uint8Array): Promise<StoredEvidenceFile> {
    const sha256 = sha256Of(bytes);
    const path = this.pathOf(sha256);
    if ((await this.size(sha256)) === bytes.length) return { sha256, size: bytes.length, created: false };
    const temp = join(this.root, "tmp");
    await mkdir(temp, { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    if (!this.swept) await this.sweep(temp);
    const part = join(temp, `${sha256}.${randomUUID()}.part`);
    try {
      const file = await open(part, "wx");
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      // Two uploads of the same bytes may race here: both renames put the same content in place.
      await rename(part, path);
    } catch (error) {
      await rm(part, { force: true });
      throw error;
    }
    await syncDirectory(dirname(path));
    return { sha256, size: bytes.length, created: true };
  }

  async get(sha256: string): Promise<Uint8Array | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    // A content-addressed file that no longer matches its name was damaged on disk: never served as if whole.
    if (sha256Of(bytes) !== sha256) throw new LedgerError("conflict", `the evidence file ${sha256} is damaged on disk (its bytes no longer match its sha256)`);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Removes temporary files left by uploads a crash interrupted. */
  private async sweep(temp: string): Promise<void> {
    this.swept = true;
    const now = Date.now();
    for (const name of await readdir(temp)) {
      const path = join(temp, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    }
  }
}

async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === "ENOENT";

/** Files in the `evidence_files` table (PostgreSQL; SQLite in memory): written in one statement, so whole or not at all. */
export class DatabaseEvidenceFiles implements EvidenceFiles {
  readonly kind = "database" as const;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async put(bytes: Uint8Array): Promise<StoredEvidenceFile> {
    const sha256 = sha256Of(bytes);
    const inserted = await this.db
      .insertInto("evidence_files")
      .values({ sha256, size: bytes.length, content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), created_at: this.clock().toISOString() })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .executeTakeFirst();
    return { sha256, size: bytes.length, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 };
  }

  async get(sha256: string): Promise<Uint8Array | null> {
    checkHash(sha256);
    const row = await this.db.selectFrom("evidence_files").select("content").where("sha256", "=", sha256).executeTakeFirst();
    if (!row) return null;
    // PostgreSQL answers a Buffer, SQLite (libsql) an ArrayBuffer.
    const content: unknown = row.content;
    // Checked by kind, not instanceof: a test under jsdom has another realm's ArrayBuffer.
    if (types.isArrayBuffer(content)) return new Uint8Array(content);
    if (types.isUint8Array(content)) return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
    throw new LedgerError("invalid", `the evidence file ${sha256} is not stored as bytes`);
  }

  async size(sha256: string): Promise<number | null> {
    checkHash(sha256);
    const row = await this.db.selectFrom("evidence_files").select("size").where("sha256", "=", sha256).executeTakeFirst();
    return row ? Number(row.size) : null;
  }
}
