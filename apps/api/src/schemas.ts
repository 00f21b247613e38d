import { z } from "@hono/zod-openapi";
import {
  AssignmentHistoryEntrySchema,
  ChecklistItemIdSchema,
  ChecklistItemSchema,
  HistoryEntrySchema,
  ImportWarningSchema,
  IsoDateSchema,
  PlanHeadingSchema,
  PlanIdSchema,
  PlanSchema,
  PlanSummarySchema,
  PROGRESS_STATUSES,
  ProgressFieldsSchema,
  ProgressPatchSchema,
  ProgressSchema,
  ProgressStatusSchema,
  TaskSchema,
  UnitIdSchema,
  UnitRoleSchema,
  UnitSchema,
} from "@taizhang/core";
import { withOpenApi } from "./with-openapi.js";

/*
 * The API's response and request schemas: core's model schemas, named for
 * the OpenAPI document, and the few shapes only the API has (pages, deadline
 * flags, reports). Tests parse every response through these.
 */

export const PlanSummaryResponse = withOpenApi(PlanSummarySchema, "PlanSummary");
export const PlanResponse = withOpenApi(PlanSchema, "Plan");
export const TaskResponse = withOpenApi(TaskSchema, "Task");
export const UnitResponse = withOpenApi(UnitSchema, "Unit");
export const ChecklistItemResponse = withOpenApi(ChecklistItemSchema, "ChecklistItem");
export const ProgressResponse = withOpenApi(ProgressSchema, "Progress");
export const HistoryEntryResponse = withOpenApi(HistoryEntrySchema, "HistoryEntry");
export const AssignmentHistoryEntryResponse = withOpenApi(AssignmentHistoryEntrySchema, "AssignmentHistoryEntry");
export const PlanHeadingResponse = withOpenApi(PlanHeadingSchema, "PlanHeading");
export const ImportWarningResponse = withOpenApi(ImportWarningSchema, "ImportWarning");

/** A page of a list with its keyset cursor. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last page"),
    total: z.number().int().min(0).describe("how many items match, over all pages"),
  });

export const DEADLINE_STATES = ["closed", "overdue", "due-soon", "open"] as const;

/** Where an (item, unit) row stands against its due date, as of the request's `asOf` (core's deadline rules). */
export const DeadlineSchema = z
  .object({
    due: IsoDateSchema,
    daysLeft: z.number().int().describe("days from asOf (China date) to the due date; negative when past"),
    state: z.enum(DEADLINE_STATES).describe("closed (done/not applicable), overdue, due-soon, open"),
    overdue: z.boolean(),
    dueSoon: z.boolean(),
  })
  .openapi("Deadline");

/** One ledger line: a checklist item for one unit, with its progress and deadline state. */
export const ChecklistEntrySchema = z
  .object({
    item: ChecklistItemResponse,
    unitId: UnitIdSchema,
    role: UnitRoleSchema,
    progress: ProgressResponse,
    taskNumber: z.number().int(),
    taskTitle: z.string(),
    sectionTitle: z.string().nullable(),
    partTitle: z.string(),
    deadline: DeadlineSchema,
  })
  .openapi("ChecklistEntry");
export type ChecklistEntry = z.infer<typeof ChecklistEntrySchema>;

export const ChecklistResponse = z
  .object({
    asOf: z.string().describe("the instant deadlines were judged at (ISO)"),
    items: z.array(ChecklistEntrySchema),
    nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last page"),
  })
  .openapi("Checklist");

/** The page of a checklist (a plan's or a unit's): `limit` rows after `cursor`. */
export const checklistPageQuery = {
  limit: z.coerce.number().int().min(1).max(2000).default(500).openapi({ description: "rows per page (default 500, at most 2000)", type: "integer" }),
  cursor: z.string().min(1).max(1000).optional().openapi({ description: "nextCursor of the previous page" }),
};

export const RollupSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.object(Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, z.number().int()])) as Record<
      (typeof PROGRESS_STATUSES)[number],
      z.ZodNumber
    >),
    percentComplete: z.number().describe("0..100, one decimal: done counts 100, not_applicable is left out"),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
  })
  .openapi("Rollup");

export const REPORT_GROUPINGS = ["plan", "section", "unit", "task"] as const;

export const ReportResponse = z
  .object({
    asOf: z.string(),
    by: z.enum(REPORT_GROUPINGS),
    rows: z.array(z.object({ key: z.string(), label: z.string(), rollup: RollupSchema })),
  })
  .openapi("ProgressReport");

export const DeadlineReportResponse = z
  .object({
    asOf: z.string(),
    withinDays: z.number().int(),
    overdue: z.array(ChecklistEntrySchema).describe("most overdue first; at most `limit` rows"),
    dueSoon: z.array(ChecklistEntrySchema).describe("soonest first; at most `limit` rows"),
    overdueTotal: z.number().int().describe("overdue rows in all"),
    dueSoonTotal: z.number().int().describe("rows due soon in all"),
    truncated: z.boolean().describe("true when a list holds fewer rows than its total (raise limit, or page the checklist with overdue/dueWithin)"),
  })
  .openapi("DeadlineReport");

/** One task with its units and every checklist item's progress per unit. */
export const TaskDetailResponse = z
  .object({
    task: TaskResponse,
    units: z.array(UnitResponse).describe("the lead and responsible units, lead first"),
    checklist: z.array(
      z.object({
        item: ChecklistItemResponse,
        progress: z.array(
          z.object({ unitId: UnitIdSchema, role: UnitRoleSchema, progress: ProgressResponse, deadline: DeadlineSchema }),
        ),
      }),
    ),
    asOf: z.string(),
  })
  .openapi("TaskDetail");

/** A change to one (item, unit): any of the progress fields, and a note on the change for history. */
export const ProgressChangeSchema = ProgressFieldsSchema.partial()
  .extend({ comment: z.string().max(1000).nullable().optional().describe("备注 a note on the change, kept in history") })
  .strict()
  .refine((p) => Object.keys(p).some((k) => k !== "comment"), "a progress change must set at least one field")
  .openapi("ProgressChange");

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
        }),
      )
      .min(1)
      .max(BULK_MAX),
  })
  .openapi("BulkUpdate");

export const BulkUpdateResponse = z
  .object({ ok: z.literal(true), results: z.array(z.object({ index: z.number().int(), progress: ProgressResponse })) })
  .openapi("BulkUpdateResult");

export const ROLES = ["admin", "office", "viewer"] as const;

export const TokenRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    unitId: UnitIdSchema.nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("TokenRecord");

export const CallerSchema = z
  .object({
    tokenId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    unitId: UnitIdSchema.nullable(),
  })
  .openapi("Caller");

/** `asOf`: a date (YYYY-MM-DD, a day in China) or an ISO instant; now when absent. */
export const AsOfQuery = z
  .union([IsoDateSchema, z.iso.datetime({ offset: true })])
  .optional()
  .openapi({ description: "judge deadlines as of this date (YYYY-MM-DD, China) or ISO instant; default now", example: "2020-06-30" });

export const BooleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const PlanIdParam = withOpenApi(PlanIdSchema, { param: { name: "planId", in: "path" }, example: "chengdu-2015" });
export const TaskNumberParam = z.coerce
  .number()
  .int()
  .min(1)
  .openapi({ param: { name: "number", in: "path" }, example: 12, type: "integer" });
export const ItemKeyParam = z
  .string()
  .regex(/^(?:task|m[1-9][0-9]*)$/, "an item is `task` (the task as a whole) or `m<k>` (its k-th milestone)")
  .openapi({ param: { name: "item", in: "path" }, example: "m1" });
export const UnitIdParam = withOpenApi(UnitIdSchema, { param: { name: "unitId", in: "path" }, example: "成都市:市政府法制办" });

export { ProgressStatusSchema, UnitIdSchema, UnitRoleSchema, IsoDateSchema, PlanIdSchema };
