import type { Problem, Progress } from "./types.js";

/** An error response from the API, carrying its problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }

  /** The item's current state when a write was refused as stale (412). */
  get current(): Progress | null {
    return this.status === 412 && this.problem.current ? this.problem.current : null;
  }
}

/** Reads a failed response into an ApiError, whatever shape its body has. */
export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  let problem: Problem = { type: "about:blank", title: response.statusText || `HTTP ${response.status}`, status: response.status };
  if (text) {
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === "object") problem = { ...problem, ...(body as Partial<Problem>) };
    } catch {
      // A non-JSON error body (a proxy's HTML page, say) is kept as the detail.
      problem.detail = text.slice(0, 300);
    }
  }
  return new ApiError(response.status, problem);
}
