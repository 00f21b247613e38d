import { LedgerError } from "@taizhang/store";
import { ProgressSchema } from "@taizhang/core";
import { fail, type DataResult } from "./data-result.js";

/**
 * Turns what the store throws into a result: its typed errors keep their
 * meaning; anything else (a locked or unreadable database file) means the
 * store is unavailable.
 */
export function fromLedgerError<T>(error: unknown): DataResult<T> {
  if (error instanceof LedgerError) {
    switch (error.code) {
      case "not_found":
        return fail("not_found", error.message);
      case "forbidden":
        return fail("forbidden", error.message);
      case "invalid":
        return fail("invalid", error.message);
      case "stale_version":
      case "conflict": {
        const details = error.details as { current?: unknown } | undefined;
        const current = ProgressSchema.safeParse(details?.current);
        return fail("conflict", error.message, current.success ? { current: current.data } : {});
      }
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return fail("unavailable", `the store failed: ${message}${cause}`);
}
