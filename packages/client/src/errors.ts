import { problemCodeOf, type Problem, type ProblemCode } from "@taizhang/contract";
import type { Progress } from "@taizhang/core";

/** The API answered with an error: its status and problem document (RFC 9457). */
export class TaizhangApiError extends Error {
  override readonly name: string = "TaizhangApiError";
  /** The problem's stable slug, to switch on (`stale-version`, `forbidden`, `not-found`…; docs/api.md); null when the server sent no problem of ours. */
  readonly code: ProblemCode | null;

  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`);
    this.code = problemCodeOf(problem.type);
  }

  /** The problem's slug, also for problems that are not ours (kept for earlier callers; prefer `code`). */
  get kind(): string {
    return this.problem.type.slice(this.problem.type.lastIndexOf("/") + 1);
  }
}

/** 412: someone changed the row after the version you wrote with. `current` is what is stored now. */
export class ConflictError extends TaizhangApiError {
  override readonly name = "ConflictError";
  constructor(
    status: number,
    problem: Problem,
    readonly current: Progress,
  ) {
    super(status, problem);
  }
}

/** The server could not be reached, or answered something that is not the API's JSON. */
export class TaizhangNetworkError extends Error {
  override readonly name = "TaizhangNetworkError";
}
