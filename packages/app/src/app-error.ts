import type { ProblemCode, ProblemExtensions } from "@taizhang/contract";

/**
 * The one error a use case throws: a problem code of the contract (which
 * the API turns into its status and `application/problem+json`, and the TUI
 * into a message of its catalogue), a detail for people, and the problem's
 * extra members. Callers switch on `code`, never on the text.
 */
export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
    /** Only for codes whose status depends on the case (bulk-rejected takes its first refusal's). */
    readonly status?: number,
  ) {
    super(detail);
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
