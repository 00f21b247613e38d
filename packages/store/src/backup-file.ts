import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { backupLedger, restoreLedger, type BackupSummary, type RestoreOptions, type RestoreSummary } from "./backup.js";
import type { Ledger } from "./ledger.js";
import { LedgerError } from "./ledger.js";

/**
 * Writes a backup of the store to `path`, gzip-compressed when the name ends
 * in `.gz`. The file appears only once complete and flushed to disk (it is
 * written beside it under another name, then renamed), so an interrupted
 * backup never leaves a file that looks like one.
 */
export async function backupToFile(ledger: Ledger, path: string, options: { clock?: () => Date } = {}): Promise<BackupSummary> {
  const partial = `${path}.${process.pid}.partial`;
  const text = new PassThrough();
  const file = createWriteStream(partial, { flags: "wx" });
  const done = path.endsWith(".gz") ? pipeline(text, createGzip(), file) : pipeline(text, file);
  const write = async (chunk: string) => {
    if (!text.write(chunk, "utf8")) await once(text, "drain");
  };
  try {
    const summary = await backupLedger(ledger, write, options);
    text.end();
    await done;
    const handle = await open(partial, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, path);
    return summary;
  } catch (error) {
    text.destroy(error instanceof Error ? error : new Error(String(error)));
    // The pipeline fails with the same error; the one to report is the first.
    await done.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

/** Restores the backup in `path` (plain or gzip, told apart by its first bytes); see {@link restoreLedger}. */
export async function restoreFromFile(ledger: Ledger, path: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const gzip = await startsWithGzipMagic(path);
  return restoreLedger(ledger, () => backupFileLines(path, gzip), options);
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") throw new LedgerError("not_found", `no file ${path}`);
    throw error;
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The file's lines, without their "\n"; a damaged gzip stream is a LedgerError. */
async function* backupFileLines(path: string, gzip: boolean): AsyncGenerator<string> {
  const raw = createReadStream(path);
  const input: Readable = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on("error", (error) => input.destroy(error));
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("Z_")) {
      throw new LedgerError("invalid", `${path} is not an intact gzip file (${error.message}): the file is damaged or truncated`);
    }
    throw error;
  } finally {
    lines.close();
    input.destroy();
    raw.destroy();
  }
}
