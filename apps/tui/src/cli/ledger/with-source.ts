import type { CliIo } from "../command.js";
import { EXIT_CODES, exitCodeOf, type DataError, type DataResult } from "../../data/data-result.js";
import type { DataSource } from "../../data/data-source.js";
import { chooseSource, openLocal, type SourceChoice } from "../../data/open-data-source.js";

export interface SourceFlags {
  api?: string | undefined;
  token?: string | undefined;
  data?: string | undefined;
  local?: boolean | undefined;
}

/** Opens the data source the flags and environment choose. */
export async function openSource(flags: SourceFlags, io: CliIo, source: "tui" | "cli", probe?: SourceChoice["probe"]): Promise<DataResult<DataSource>> {
  const target = await chooseSource({ ...flags, source, env: process.env, cwd: io.cwd, ...(probe ? { probe } : {}) });
  if (target.kind === "local") return openLocal(target.dir, source);
  // The API client (and the API package behind it) is loaded only when a server is used: local starts stay quick.
  const { openRemote } = await import("../../data/open-remote.js");
  return openRemote(target.url, target.token);
}

/** Prints an error as one line on stderr and gives its exit code. */
export function reportError(io: CliIo, error: DataError): number {
  const extra = error.candidates && error.candidates.length > 0 ? `\n  candidates: ${error.candidates.join(", ")}` : "";
  io.stderr(`taizhang: ${error.message}${extra}\n`);
  return exitCodeOf(error);
}

export function usageError(io: CliIo, message: string, command: string): number {
  io.stderr(`taizhang ${command}: ${message}\nRun 'taizhang ${command} --help' for usage.\n`);
  return EXIT_CODES.usage;
}

/** Runs `work` on an opened data source and closes it, whatever happens. */
export async function withSource(flags: SourceFlags, io: CliIo, work: (ds: DataSource) => Promise<number>): Promise<number> {
  const opened = await openSource(flags, io, "cli");
  if (!opened.ok) return reportError(io, opened.error);
  try {
    return await work(opened.value);
  } finally {
    await opened.value.close();
  }
}

/** Unwraps a result, or reports it and gives the exit code. */
export function unwrap<T>(io: CliIo, result: DataResult<T>): { ok: true; value: T } | { ok: false; code: number } {
  return result.ok ? result : { ok: false, code: reportError(io, result.error) };
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
