import { isAppError } from "@taizhang/app";
import { TaizhangApiError, TaizhangNetworkError } from "@taizhang/client";
import type { ProblemCode } from "@taizhang/contract";
import { ProgressSchema } from "@taizhang/core";
import { fail, type DataErrorKind, type DataResult } from "./data-result.js";
import type { DataOrigin } from "./data-source.js";
import type { Subject } from "./problem-messages.js";

/** What each problem of the contract means to a user of the TUI or CLI (and so its exit code). */
const KIND_OF: Record<ProblemCode, DataErrorKind> = {
  "malformed-json": "invalid",
  "validation-failed": "invalid",
  "invalid-request": "invalid",
  unauthorized: "forbidden",
  "invalid-token": "forbidden",
  forbidden: "forbidden",
  "cross-origin-write": "forbidden",
  "not-found": "not_found",
  conflict: "conflict",
  "plan-exists": "conflict",
  "plan-differs": "conflict",
  "units-named-by-plan": "conflict",
  "bulk-rejected": "conflict",
  "stale-version": "conflict",
  "payload-too-large": "invalid",
  "unsupported-media-type": "invalid",
  "import-failed": "invalid",
  "jurisdiction-unconfirmed": "invalid",
  "import-rejected": "conflict",
  "invalid-ledger-file": "invalid",
  "text-not-storable": "invalid",
  "progress-inconsistent": "invalid",
  "plan-too-large": "invalid",
  "misdirected-request": "forbidden",
  "headers-too-large": "invalid",
  "precondition-required": "conflict",
  "rate-limited": "unavailable",
  "internal-error": "unavailable",
  "not-ready": "unavailable",
  busy: "unavailable",
};

/** A status without a problem of ours (a proxy's answer), by its class. */
function kindOfStatus(status: number): DataErrorKind {
  if (status === 401 || status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409 || status === 412 || status === 428) return "conflict";
  if (status >= 500) return "unavailable";
  return "invalid";
}

/**
 * What a door threw, as a result: a use case's or the API's problem by its
 * code (never its text), with the stored progress of a conflict, the field
 * that failed and what was asked for (`subject`), for the catalogue to say;
 * an unreachable server or a failing store as `unavailable`.
 */
export function dataErrorOf<T>(error: unknown, door: { hasToken: boolean; origin: DataOrigin }, subject: Subject | null = null): DataResult<T> {
  const { hasToken, origin } = door;
  if (isAppError(error) || error instanceof TaizhangApiError) {
    const code = isAppError(error) ? error.code : error.code;
    const detail = isAppError(error) ? error.detail : error.problem.detail || error.problem.title;
    const extensions = isAppError(error) ? error.extensions : error.problem;
    const current = ProgressSchema.safeParse(extensions.current);
    const kind = code !== null ? KIND_OF[code] : kindOfStatus((error as TaizhangApiError).status);
    const field = extensions.field ?? extensions.errors?.[0]?.path ?? null;
    const version = current.success ? current.data.version : null;
    return fail(kind, detail, {
      ...(current.success ? { current: current.data } : {}),
      said: { key: "problem", code, subject, field, hasToken, version, detailCode: extensions.code ?? null },
    });
  }
  if (error instanceof TaizhangNetworkError) return fail("unavailable", error.message, { said: { key: "serverDown", url: origin.location } });
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return fail("unavailable", `the store failed: ${message}${cause}`, { said: { key: "storeFailed", dir: origin.location } });
}
