import { FieldErrorSchema, PROBLEMS, type ProblemCode } from "@taizhang/contract";
import { ImportError, ProgressSchema } from "@taizhang/core";
import { LedgerError } from "@taizhang/store";
import { AppError } from "./app-error.js";

const STORE_PROBLEMS: Record<LedgerError["code"], ProblemCode> = {
  not_found: "not-found",
  stale_version: "stale-version",
  forbidden: "forbidden",
  conflict: "conflict",
  invalid: "invalid-request",
};

/** The store's and the importer's errors as the app's one error; anything else is left as it is (an internal fault). */
export function toAppError(error: unknown): unknown {
  if (error instanceof LedgerError) {
    const current = ProgressSchema.safeParse((error.details as { current?: unknown } | undefined)?.current);
    const details = error.details as { problem?: unknown; field?: unknown; errors?: unknown } | undefined;
    const errors = FieldErrorSchema.array().safeParse(details?.errors);
    // A refusal the store names more precisely than its code (text-not-storable for an invalid change).
    const named = details?.problem;
    const code = typeof named === "string" && named in PROBLEMS ? (named as ProblemCode) : STORE_PROBLEMS[error.code];
    return new AppError(code, error.message, {
      ...(current.success ? { current: current.data } : {}),
      ...(typeof details?.field === "string" ? { field: details.field } : {}),
      ...(errors.success ? { errors: errors.data } : {}),
    });
  }
  if (error instanceof ImportError) return new AppError("import-failed", error.message, { code: error.code, line: error.line });
  return error;
}

/** Runs store work, turning its refusals into {@link AppError}s. */
export async function fromStore<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw toAppError(error);
  }
}
