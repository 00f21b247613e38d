import { constants } from "node:fs";
import { access, open, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { CliError } from "./cli-error.js";
import type { CliIo } from "./command.js";
import { EXIT } from "./exit-codes.js";

// The file errors of every command, one way (docs/cli.md): an input that is
// missing or unreadable exits 2, a folder given as a file 1, an output that
// cannot be created or written 73; each as one line naming the path and why.

/** `-o -` (or FILE `-`): standard output instead of a file. */
export const STDOUT = "-";

const codeOf = (error: unknown): string => (error instanceof Error && "code" in error ? String(error.code) : "");

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EISDIR: "it is a directory",
  ENAMETOOLONG: "the name is too long",
};

/** Why the file system refused, in words (the error's own message when the code is not one of the usual). */
function reasonOf(error: unknown): string {
  return REASONS[codeOf(error)] ?? (error instanceof Error ? (error.message.split("\n")[0] ?? error.message) : String(error));
}

/** The one-line error for a file that could not be read, or null when `error` is not a file-system refusal. */
export function inputFileError(error: unknown, shown: string): CliError | null {
  const code = codeOf(error);
  if (code === "ENOENT" || code === "ENOTDIR") return new CliError(EXIT.notFound, `${shown}: no such file`);
  if (code === "EISDIR") return new CliError(EXIT.usage, `${shown} is a directory, not a file`);
  if (code === "EACCES" || code === "EPERM") return new CliError(EXIT.notFound, `${shown}: permission denied`);
  return null;
}

/** Checks that `path` is a file this process may read; gives its size in bytes. */
export async function checkInputFile(path: string, shown: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(EXIT.usage, `${shown} is a directory, not a file`);
    await access(path, constants.R_OK);
    return info.size;
  } catch (error) {
    throw inputFileError(error, shown) ?? error;
  }
}

const SQLITE_MAGIC = "SQLite format 3\u0000";

/**
 * Checks, before any work is done, that an output file can be written at
 * `path`: its folder exists and may be written, it is not a directory, and
 * it is not a SQLite database (a store) that writing would destroy.
 */
export async function checkOutputFile(path: string, shown: string): Promise<void> {
  if (path === STDOUT) return;
  const folder = dirname(path);
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new CliError(EXIT.cantCreate, `cannot write ${shown}: ${folder} is not a folder`);
    await access(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = codeOf(error);
    throw new CliError(EXIT.cantCreate, `cannot write ${shown}: ${code === "ENOENT" || code === "ENOTDIR" ? `no such folder ${folder}` : reasonOf(error)}`);
  }
  let existing;
  try {
    existing = await stat(path);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return;
    throw new CliError(EXIT.cantCreate, `cannot write ${shown}: ${reasonOf(error)}`);
  }
  if (existing.isDirectory()) throw new CliError(EXIT.usage, `${shown} is a directory, not a file`);
  if (await startsWith(path, SQLITE_MAGIC)) throw new CliError(EXIT.cantCreate, `${shown} is a SQLite database (a Taizhang store?): not overwriting it`);
}

async function startsWith(path: string, magic: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch {
    // Unreadable but present: writing it is what will fail (or succeed), and say why.
    return false;
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(magic.length), 0, magic.length, 0);
    return bytesRead === magic.length && buffer.toString("latin1") === magic;
  } finally {
    await handle.close();
  }
}

/** The one-line error for an output that could not be written. */
export function outputFileError(error: unknown, shown: string, path: string): CliError {
  const code = codeOf(error);
  return new CliError(EXIT.cantCreate, `cannot write ${shown}: ${code === "ENOENT" || code === "ENOTDIR" ? `no such folder ${dirname(path)}` : reasonOf(error)}`);
}

/**
 * Writes `content` to `path`, or to standard output for `-`. A file appears
 * only whole: it is written beside its place under another name and renamed,
 * so a full disk leaves no half-written ledger behind.
 */
export async function writeOutput(io: CliIo, path: string, shown: string, content: string | Uint8Array): Promise<void> {
  if (path === STDOUT) {
    io.stdout(content);
    return;
  }
  const partial = `${path}.${process.pid}.partial`;
  try {
    await writeFile(partial, content, { flag: "wx" });
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw outputFileError(error, shown, path);
  }
}

/**
 * Writes `chunks` as they come to `path`, or to standard output for `-`; the
 * file appears only whole, as with {@link writeOutput}. Gives the bytes written.
 */
export async function writeOutputChunks(io: CliIo, path: string, shown: string, chunks: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  if (path === STDOUT) {
    for await (const chunk of chunks) {
      io.stdout(chunk);
      bytes += chunk.byteLength;
    }
    return bytes;
  }
  const partial = `${path}.${process.pid}.partial`;
  let handle;
  try {
    handle = await open(partial, "wx");
  } catch (error) {
    throw outputFileError(error, shown, path);
  }
  try {
    try {
      for await (const chunk of chunks) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, path);
    return bytes;
  } catch (error) {
    await rm(partial, { force: true });
    // A failure of the export itself (the store) is not the file's: it is thrown as it is.
    if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("E")) throw outputFileError(error, shown, path);
    throw error;
  }
}
