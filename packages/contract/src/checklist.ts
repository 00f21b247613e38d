import { IsoDateSchema, PROGRESS_STATUSES, UnitIdSchema, UnitRoleSchema } from "@taizhang/core";
import { z } from "zod";
import { ChecklistItemResponse, ProgressResponse } from "./common.js";

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
  .meta({ id: "Deadline" });
export type Deadline = z.infer<typeof DeadlineSchema>;

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
  .meta({ id: "ChecklistEntry" });
export type ChecklistEntry = z.infer<typeof ChecklistEntrySchema>;

export const ChecklistResponse = z
  .object({
    asOf: z.string().describe("the instant deadlines were judged at (ISO)"),
    items: z.array(ChecklistEntrySchema),
    nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last page"),
  })
  .meta({ id: "Checklist" });
export type Checklist = z.infer<typeof ChecklistResponse>;

export const RollupSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.object(Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof PROGRESS_STATUSES)[number], z.ZodNumber>),
    percentComplete: z.number().describe("0..100, one decimal: done counts 100, not_applicable is left out"),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
  })
  .meta({ id: "Rollup" });
