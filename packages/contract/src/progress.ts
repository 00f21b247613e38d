import { ChecklistItemIdSchema, ProgressFieldsSchema, ProgressPatchSchema, UnitIdSchema } from "@taizhang/core";
import { z } from "zod";
import { BEARER, ItemKeyParam, PlanIdParam, ProgressResponse, TaskNumberParam, UnitIdParam } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

/** A change to one (item, unit): any of the progress fields, and a note on the change for history. */
export const ProgressChangeSchema = ProgressFieldsSchema.partial()
  .extend({ comment: z.string().max(1000).nullable().optional().describe("备注 a note on the change, kept in history") })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== "comment"), "a progress change must set at least one field")
  .meta({ id: "ProgressChange" });
export type ProgressChange = z.infer<typeof ProgressChangeSchema>;

export const BULK_MAX = 500;

export const BulkUpdateRequest = z
  .object({
    updates: z
      .array(
        z.object({
          itemId: ChecklistItemIdSchema,
          unitId: UnitIdSchema,
          version: z.number().int().min(0).describe("the version the writer last saw"),
          patch: ProgressPatchSchema,
          comment: z.string().max(1000).nullable().optional(),
        }).strict(),
      )
      .min(1)
      .max(BULK_MAX),
  })
  .strict()
  .meta({ id: "BulkUpdate" });
export type BulkUpdate = z.infer<typeof BulkUpdateRequest>;

export const BulkUpdateResponse = z
  .object({ ok: z.literal(true), results: z.array(z.object({ index: z.number().int(), progress: ProgressResponse })) })
  .meta({ id: "BulkUpdateResult" });

/**
 * The version an `If-Match` header names: `"3"`, `W/"3"` or `3`. Throws a
 * {@link TypeError} for anything else; undefined when the header is absent.
 */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === "") return undefined;
  const digits = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header)?.[1];
  if (digits === undefined) throw new TypeError(`If-Match must be one version such as "3", not ${JSON.stringify(header.slice(0, 50))}`);
  return Number(digits);
}

/** The ETag of a progress version: `"3"`. */
export const etagOf = (version: number): string => `"${version}"`;

export const ProgressParams = z.object({ planId: PlanIdParam, number: TaskNumberParam, item: ItemKeyParam, unitId: UnitIdParam });

const ETAG_HEADER = { ETag: { schema: { type: "string" }, description: 'the progress version, quoted: "3"' } };

const tags = ["progress"];

/** Progress of one (checklist item, unit): read it, change it with If-Match, or change many at once. */
export const progressRoutes = {
  getProgress: defineRoute({
    operationId: "getProgress",
    method: "get",
    path: "/api/progress/{planId}/{number}/{item}/{unitId}",
    tags,
    summary: "The progress of one checklist item for one unit (its ETag is the version)",
    request: { params: ProgressParams },
    responses: {
      200: { description: "The progress", headers: ETAG_HEADER, content: { "application/json": { schema: ProgressResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
  updateProgress: defineRoute({
    operationId: "updateProgress",
    method: "patch",
    path: "/api/progress/{planId}/{number}/{item}/{unitId}",
    tags,
    summary: "Change the progress of one (item, unit); If-Match must name the version it was based on",
    description:
      "Admins may change any unit's progress, offices only their own unit's. Without If-Match: 428. " +
      "With a version that is no longer current: 412, and the body's `current` holds the progress as it now is. " +
      "A status and percent that do not go together after the change (未开始 0 %, 进行中 0–99 %, 已完成 100 %): 422 progress-inconsistent.",
    security: BEARER,
    request: {
      params: ProgressParams,
      headers: z.object({ "if-match": z.string().optional().meta({ description: 'the version the change is based on, e.g. "3"' }) }),
      body: { required: true, content: { "application/json": { schema: ProgressChangeSchema } } },
    },
    responses: {
      200: { description: "The new progress", headers: ETAG_HEADER, content: { "application/json": { schema: ProgressResponse } } },
      ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
    },
  }),
  bulkUpdateProgress: defineRoute({
    operationId: "bulkUpdateProgress",
    method: "post",
    path: "/api/progress/bulk",
    tags,
    summary: "Change many (item, unit) rows in one transaction: all or nothing",
    description:
      "Every update names the version it was based on. If any update is refused, none is applied and the problem's " +
      "`results` says, per update, why it was refused or that it was not applied; the status is that of the first refusal " +
      "(403, 404, 412, 409, 400, or 422 when a row's status and percent do not go together: code `inconsistent`).",
    security: BEARER,
    request: { body: { required: true, content: { "application/json": { schema: BulkUpdateRequest } } } },
    responses: {
      200: { description: "Every update was applied", content: { "application/json": { schema: BulkUpdateResponse } } },
      ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
  }),
};
