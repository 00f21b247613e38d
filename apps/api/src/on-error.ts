import { isAppError, toAppError } from "@taizhang/app";
import { fieldErrorsOf } from "@taizhang/contract";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "./app-env.js";
import { ApiError, PROBLEMS, problemType, type Problem } from "./problem.js";

/** Writes a problem as the response, with the request's id. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const body: Problem = {
    type: problemType(error.kind),
    title: PROBLEMS[error.kind].title,
    status: error.status,
    detail: error.detail,
    instance: c.req.path,
    requestId: c.var.requestId,
    ...error.extensions,
  };
  return c.body(JSON.stringify(body), error.status as 400, { "Content-Type": "application/problem+json; charset=utf-8" });
}

/** Turns what a handler, a validator or the store threw into the API's one error type. */
export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  // The application layer's refusals, and the store's and the importer's errors it names (packages/app).
  const appError = toAppError(error);
  if (isAppError(appError)) return new ApiError(appError.code, appError.detail, appError.extensions, appError.status);
  if (error instanceof HTTPException) {
    switch (error.status) {
      case 400:
        return /json/i.test(error.message)
          ? new ApiError("malformed-json", "the request body is not valid JSON")
          : new ApiError("invalid-request", error.message || "the request is not valid");
      case 401:
        return new ApiError("unauthorized", error.message || "a bearer token is required");
      case 413:
        return new ApiError("payload-too-large", error.message || "the request body is too large");
      case 415:
        return new ApiError("unsupported-media-type", "the request body's content type is not one this route accepts");
      default:
        return null;
    }
  }
  return null;
}

/** The app's `onError`: every error becomes `application/problem+json`; only our own faults are 500s. */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  const known = toApiError(error);
  if (known) return problemResponse(c, known);
  c.var.logger.error("unhandled error", {
    requestId: c.var.requestId,
    method: c.req.method,
    path: c.req.path,
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return problemResponse(c, new ApiError("internal-error", "the server failed to answer this request; the request id is in the logs"));
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(c, new ApiError("not-found", `nothing is served at ${c.req.method} ${c.req.path}`));

const TARGET_NAMES: Record<string, string> = { json: "body", param: "path", query: "query", header: "header", cookie: "cookie", form: "body" };

/** The OpenAPI validation hook: a failed zod check becomes a 400 listing the fields. */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target?: string },
): void {
  if (result.success) return;
  const target = TARGET_NAMES[result.target ?? ""] ?? result.target ?? "input";
  const errors = fieldErrorsOf(result.error, target);
  const first = errors[0];
  throw new ApiError(
    "validation-failed",
    first ? `${first.path}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}` : "the request is not valid",
    { errors },
  );
}
