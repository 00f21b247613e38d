import type { Progress } from "@taizhang/core";
import type { Said } from "./problem-messages.js";

/**
 * Why a data source could not answer. Every failure the screens and
 * subcommands can meet is one of these; none is thrown.
 */
export type DataErrorKind =
  /** No such plan, task, item or unit. */
  | "not_found"
  /** No token, a bad token, or a token whose role or unit may not do this. */
  | "forbidden"
  /** The input was refused (a bad status, an ambiguous unit name, …). */
  | "invalid"
  /** Someone else changed the progress first; `current` holds what is stored now. */
  | "conflict"
  /** The server, the network or the store could not be reached or failed. */
  | "unavailable";

export interface DataError {
  kind: DataErrorKind;
  /** The source's own words (English, technical): for a developer, never shown; what is shown is `said`, from the catalogue. */
  message: string;
  /** What went wrong, for the catalogue (data/problem-messages.ts) to say in the user's language. */
  said?: Said;
  /** For conflicts: the progress as it is stored now. */
  current?: Progress;
  /** For ambiguous names: the candidates. */
  candidates?: string[];
}

export type DataResult<T> = { ok: true; value: T } | { ok: false; error: DataError };

export const ok = <T>(value: T): DataResult<T> => ({ ok: true, value });

export const fail = <T = never>(kind: DataErrorKind, message: string, extra: Omit<DataError, "kind" | "message"> = {}): DataResult<T> => ({
  ok: false,
  error: { kind, message, ...extra },
});

/** Exit codes of the subcommands; docs/cli.md lists them. */
export const EXIT_CODES = {
  ok: 0,
  usage: 1,
  not_found: 2,
  forbidden: 3,
  invalid: 4,
  conflict: 5,
  unavailable: 6,
} as const satisfies Record<"ok" | "usage" | DataErrorKind, number>;

export function exitCodeOf(error: DataError): number {
  return EXIT_CODES[error.kind];
}
