import type { CliIo } from "../command.js";
import { EXIT_CODES, exitCodeOf, fail, type DataError, type DataResult } from "../../data/data-result.js";
import type { DataSource, Identity } from "../../data/data-source.js";
import type { SourceChoice } from "../../data/open-data-source.js";
import { problemText } from "../../data/problem-messages.js";
import { missingStoreFolder } from "./store-options.js";

// Light on purpose: the store and the API client are imported only when a command opens its data source.

export interface SourceFlags {
  api?: string | undefined;
  token?: string | undefined;
  data?: string | undefined;
  local?: boolean | undefined;
}

/**
 * Opens the data source the flags and environment choose. An embedded store
 * is opened only in a directory that exists: a mistyped --data, or ./data
 * when run from another folder, is refused instead of becoming a new empty
 * store (the server and `taizhang restore` create stores; docs/cli.md).
 */
export async function openSource(flags: SourceFlags, io: CliIo, source: "tui" | "cli", probe?: SourceChoice["probe"]): Promise<DataResult<DataSource>> {
  const { chooseSource, DEFAULT_API, openLocal } = await import("../../data/open-data-source.js");
  const target = await chooseSource({ ...flags, source, env: process.env, cwd: io.cwd, ...(probe ? { probe } : {}) });
  if (target.kind === "remote") {
    const { openRemote } = await import("../../data/open-remote.js");
    return openRemote(target.url, target.token);
  }
  const probed = flags.data === undefined && flags.local !== true;
  const missing = missingStoreFolder(target.dir, probed ? { kind: "api", url: DEFAULT_API } : null);
  if (missing !== null) return fail("unavailable", `no store in ${target.dir}`, { said: missing });
  return openLocal(target.dir, source);
}

/** Prints an error as one line on stderr, in words from the catalogue (in the language of --lang), and gives its exit code. */
export function reportError(io: CliIo, error: DataError, command?: string): number {
  io.stderr(`taizhang${command ? ` ${command}` : ""}: ${problemText(error, io.lang ?? "zh")}\n`);
  return exitCodeOf(error);
}

/** Prints a usage error as one line on stderr; gives exit 1. */
export function usageError(io: CliIo, message: string, command: string): number {
  io.stderr(`taizhang ${command}: ${message} (see taizhang ${command} --help)\n`);
  return EXIT_CODES.usage;
}

/** Runs `work` on an opened data source and closes it, whatever happens. */
export async function withSource(flags: SourceFlags, io: CliIo, command: string, work: (ds: DataSource) => Promise<number>): Promise<number> {
  const opened = await openSource(flags, io, "cli");
  if (!opened.ok) return reportError(io, opened.error, command);
  try {
    return await work(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** Unwraps a result, or reports it (one line, naming the command) and gives the exit code. */
export function unwrap<T>(io: CliIo, result: DataResult<T>, command: string): { ok: true; value: T } | { ok: false; code: number } {
  return result.ok ? result : { ok: false, code: reportError(io, result.error, command) };
}

/**
 * The unit a command is about: the one given with --unit, else the caller's
 * own (an office token's unit); a usage error when neither names one.
 */
export async function unitOrOwn(io: CliIo, ds: DataSource, given: string | undefined, command: string): Promise<{ ok: true; value: string } | { ok: false; code: number }> {
  if (given !== undefined && given !== "") return { ok: true, value: given };
  const who = unwrap<Identity>(io, await ds.whoami(), command);
  if (!who.ok) return who;
  if (who.value.unitId !== null) return { ok: true, value: who.value.unitId };
  const why = who.value.kind === "local" ? "the embedded store has no unit of its own" : who.value.role === "anonymous" ? "no --token was given" : `${who.value.role === "admin" ? "an admin" : "a viewer"} token has no unit`;
  return { ok: false, code: usageError(io, `--unit NAME is required: ${why} (an office token's own unit is the default)`, command) };
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
