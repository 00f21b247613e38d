import { TaizhangApiError } from "@taizhang/client";

/** The words to show for a failed request: the problem's detail (or title) for an API error, the message otherwise. */
export function errorText(error: unknown): string {
  if (error instanceof TaizhangApiError) return error.problem.detail || error.problem.title;
  return error instanceof Error ? error.message : String(error);
}

/** Whether `error` is the API refusing with one of these statuses. */
export function isStatus(error: unknown, ...statuses: number[]): error is TaizhangApiError {
  return error instanceof TaizhangApiError && statuses.includes(error.status);
}
