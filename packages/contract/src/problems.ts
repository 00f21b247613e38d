import { PLAN_HEADING_FIELDS, PlanHeadingSchema, ProgressSchema } from "@taizhang/core";
import { z } from "zod";
import { LedgerImportResultSchema } from "./ledger-import.js";

/** Every problem `type` is this base followed by the problem's slug. */
export const PROBLEM_BASE = "https://taizhang.dev/problems/";

/**
 * The problems the API answers with: stable slugs (the `code` callers switch
 * on), their status and title. docs/api.md lists them.
 */
export const PROBLEMS = {
  "malformed-json": { status: 400, title: "Malformed JSON" },
  "validation-failed": { status: 400, title: "Validation failed" },
  "invalid-request": { status: 400, title: "Invalid request" },
  unauthorized: { status: 401, title: "Authentication required" },
  "invalid-token": { status: 401, title: "Invalid token" },
  forbidden: { status: 403, title: "Forbidden" },
  "cross-origin-write": { status: 403, title: "Cross-origin write refused" },
  "not-found": { status: 404, title: "Not found" },
  "misdirected-request": { status: 421, title: "Host not served" },
  conflict: { status: 409, title: "Conflict" },
  "plan-exists": { status: 409, title: "Plan already exists" },
  "plan-differs": { status: 409, title: "Stored plan differs" },
  "units-named-by-plan": { status: 409, title: "Units named by the plan" },
  "bulk-rejected": { status: 409, title: "Bulk update rejected" },
  "stale-version": { status: 412, title: "Stale version" },
  "payload-too-large": { status: 413, title: "Payload too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "import-failed": { status: 422, title: "Import failed" },
  "plan-too-large": { status: 422, title: "Plan too large" },
  "jurisdiction-unconfirmed": { status: 422, title: "Jurisdiction not confirmed" },
  "import-rejected": { status: 409, title: "Import rejected" },
  "invalid-ledger-file": { status: 422, title: "Invalid ledger file" },
  "text-not-storable": { status: 422, title: "Text cannot be stored" },
  "progress-inconsistent": { status: 422, title: "Status and percent do not go together" },
  "precondition-required": { status: 428, title: "If-Match required" },
  "rate-limited": { status: 429, title: "Too many requests" },
  "headers-too-large": { status: 431, title: "Request headers too large" },
  "internal-error": { status: 500, title: "Internal error" },
  "not-ready": { status: 503, title: "Not ready" },
  busy: { status: 503, title: "Busy" },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemStatus = (typeof PROBLEMS)[ProblemCode]["status"];

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

export const problemType = (code: ProblemCode): string => `${PROBLEM_BASE}${code}`;

/** The slug of a problem `type` URI, when it is one of ours. */
export function problemCodeOf(type: string): ProblemCode | null {
  if (!type.startsWith(PROBLEM_BASE)) return null;
  const slug = type.slice(PROBLEM_BASE.length);
  return slug in PROBLEMS ? (slug as ProblemCode) : null;
}

export const FieldErrorSchema = z
  .object({
    path: z.string().describe("where: the input (path, query, header, body) and the field, e.g. body.percent"),
    message: z.string(),
    issue: z
      .string()
      .optional()
      .describe("what kind of failure, for callers to switch on (never on `message`): zod's issue code, e.g. invalid_format, too_big, too_small, invalid_type, invalid_value"),
    format: z.string().optional().describe("for invalid_format: the expected format, e.g. url, email, datetime"),
    maximum: z.number().optional().describe("for too_big: the largest length, count or value allowed"),
    minimum: z.number().optional().describe("for too_small: the smallest length, count or value allowed"),
    origin: z.string().optional().describe("for too_big and too_small: what was measured: string (its length), array (its entries), number"),
    expected: z.string().optional().describe("for invalid_type: the type expected, e.g. number, string"),
  })
  .meta({ id: "FieldError" });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** A failed zod check's issues as the field errors of a `validation-failed` problem, under `where` (body, query, path, header). */
export function fieldErrorsOf(error: z.ZodError, where: string): FieldError[] {
  return error.issues.map((issue) => {
    const out: FieldError = { path: [where, ...issue.path.map(String)].join("."), message: issue.message, issue: issue.code };
    if (issue.code === "invalid_format") out.format = issue.format;
    if (issue.code === "too_big" && typeof issue.maximum === "number") Object.assign(out, { maximum: issue.maximum, origin: issue.origin });
    if (issue.code === "too_small" && typeof issue.minimum === "number") Object.assign(out, { minimum: issue.minimum, origin: issue.origin });
    if (issue.code === "invalid_type") out.expected = issue.expected;
    return out;
  });
}

/**
 * Why one update of a bulk change was refused; `inconsistent`: its status and percent break core's rule
 * (docs/progress.md); `not_applied` marks the updates not tried because another was refused.
 */
export const BULK_REFUSALS = ["not_found", "stale_version", "forbidden", "conflict", "invalid", "inconsistent", "not_applied"] as const;

export const BulkItemResultSchema = z
  .object({
    index: z.number().int().min(0),
    progress: ProgressSchema.optional(),
    error: z
      .object({
        code: z.enum(BULK_REFUSALS),
        message: z.string(),
        current: ProgressSchema.optional(),
      })
      .optional(),
  })
  .meta({ id: "BulkItemResult" });
export type BulkItemResult = z.infer<typeof BulkItemResultSchema>;

/** RFC 9457 problem details, as every error of the API is written (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.url().describe("stable URI of the kind of problem, e.g. https://taizhang.dev/problems/stale-version"),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().describe("the request path"),
    requestId: z.string(),
    errors: z.array(FieldErrorSchema).optional().describe("for validation failures: the fields that failed"),
    current: ProgressSchema.optional().describe("for stale-version: the current progress, to redo the change on"),
    results: z.array(BulkItemResultSchema).optional().describe("for bulk-rejected: what happened to each update"),
    code: z.string().optional().describe("for import-failed: the importer's error code; for invalid-ledger-file: what is wrong with the file"),
    line: z.number().int().nullable().optional().describe("for import-failed: the line of the text concerned"),
    import: LedgerImportResultSchema.optional().describe("for import-rejected: the rows and why they were refused"),
    existing: PlanHeadingSchema.optional().describe("for plan-exists and plan-differs: the plan stored under the id"),
    incoming: PlanHeadingSchema.optional().describe("for plan-exists and plan-differs: the plan the text would store"),
    differs: z.array(z.enum(PLAN_HEADING_FIELDS)).optional().describe("for plan-exists and plan-differs: what differs between them"),
    field: z
      .string()
      .optional()
      .describe("for text-not-storable: the field whose text holds a character that cannot be stored, e.g. note or responsiblePerson.name; for progress-inconsistent: percent"),
    limit: z
      .object({ name: z.string().describe("the setting (environment variable) of the limit, e.g. TAIZHANG_UPLOAD_MAX_ROWS"), value: z.number().describe("its value") })
      .optional()
      .describe("for a refusal by a limit (413, 422): which limit, and its value"),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof ProblemSchema>;

/** The members a problem may carry beyond the RFC's own. */
export type ProblemExtensions = Partial<Pick<Problem, "errors" | "current" | "results" | "code" | "line" | "import" | "existing" | "incoming" | "differs" | "limit" | "field">>;

const PROBLEM_CONTENT = { "application/problem+json": { schema: ProblemSchema } } as const;

/** The OpenAPI response entries of a route's possible problems. */
export function problemResponses<const S extends readonly ProblemStatus[]>(...statuses: S) {
  const describe = (status: number) =>
    Object.values(PROBLEMS)
      .filter((p) => p.status === status)
      .map((p) => p.title)
      .join("; ");
  return Object.fromEntries(statuses.map((s) => [s, { description: describe(s), content: PROBLEM_CONTENT }])) as {
    [K in S[number]]: { description: string; content: typeof PROBLEM_CONTENT };
  };
}
