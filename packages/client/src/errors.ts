import type { Progress } from "@taizhang/core";

/** An RFC 9457 problem document, as every error of the API is. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  /** For validation problems: where (e.g. `body.percent`) and what. */
  errors?: Array<{ path: string; message: string }>;
  [extension: string]: unknown;
}

/** The API answered with an error: its status and problem document. */
export class TaizhangApiError extends Error {
  override readonly name: string = "TaizhangApiError";
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`);
  }

  /** The problem's slug: `stale-version`, `forbidden`, `not-found`, `rate-limited`… (docs/api.md). */
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
