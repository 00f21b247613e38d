import { PROBLEMS, type ProblemCode, type ProblemExtensions } from "@taizhang/contract";

// The problems, their schema and their OpenAPI entries are the contract's (packages/contract/src/problems.ts).
export {
  PROBLEM_BASE,
  PROBLEMS,
  ProblemSchema,
  FieldErrorSchema,
  BulkItemResultSchema,
  problemResponses,
  problemType,
  type Problem,
  type ProblemExtensions,
  type ProblemStatus,
} from "@taizhang/contract";
export type ProblemKind = ProblemCode;

/**
 * The API's one error type: thrown anywhere, written by the app's `onError`
 * as `application/problem+json`.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;

  constructor(
    readonly kind: ProblemCode,
    readonly detail: string,
    readonly extensions: ProblemExtensions = {},
    /** Only for kinds whose status depends on the case (bulk-rejected). */
    status?: number,
  ) {
    super(detail);
    this.status = status ?? PROBLEMS[kind].status;
  }
}

