import type { TaizhangApiError } from "@taizhang/client";

// Type-only imports of the client here: session.ts (and so this module) is in the entry chunk
// (main.tsx), which must not pull in the client and the contract's schemas. An API error is
// recognised by its shape: the client's TaizhangApiError (and ConflictError) carry a status and a problem.

/** Whether `error` is an error the API answered with (a TaizhangApiError). */
export function isApiError(error: unknown): error is TaizhangApiError {
  return error instanceof Error && typeof (error as Partial<TaizhangApiError>).status === "number" && typeof (error as Partial<TaizhangApiError>).problem === "object";
}

/** The words to show for a failed request: the problem's detail (or title) for an API error, the message otherwise. */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.problem.detail || error.problem.title;
  return error instanceof Error ? error.message : String(error);
}

/** Whether `error` is the API refusing with one of these statuses. */
export function isStatus(error: unknown, ...statuses: number[]): error is TaizhangApiError {
  return isApiError(error) && statuses.includes(error.status);
}
