import { PlanIdSchema, UnitIdSchema } from "@taizhang/core";
import { z } from "zod";
import { ChecklistEntrySchema } from "./checklist.js";
import { AsOfQuery, integerQuery } from "./common.js";
import { REPORT_GROUPINGS, ReportResponse } from "./plans.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

/** Days ahead that count as "due soon" unless a request says otherwise. */
export const DUE_SOON_DAYS = 30;

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
  .meta({ id: "DeadlineReport" });

const tags = ["reports"];

/** Reports: progress rolled up by plan, section, unit or task; overdue and due-soon lists. */
export const reportRoutes = {
  progressReport: defineRoute({
    operationId: "progressReport",
    method: "get",
    path: "/api/reports/progress",
    tags,
    summary: "Progress rolled up by plan, section, unit or task (core's roll-up rule)",
    request: { query: z.object({ by: z.enum(REPORT_GROUPINGS).default("plan"), planId: PlanIdSchema.optional(), asOf: AsOfQuery }) },
    responses: {
      200: { description: "One row per group", content: { "application/json": { schema: ReportResponse } } },
      ...problemResponses(400, 401),
    },
  }),
  deadlineReport: defineRoute({
    operationId: "deadlineReport",
    method: "get",
    path: "/api/reports/deadlines",
    tags,
    summary: "Overdue and due-soon (item, unit) rows as of a date",
    request: {
      query: z.object({
        asOf: AsOfQuery,
        withinDays: integerQuery(0, 3660).default(DUE_SOON_DAYS),
        planId: PlanIdSchema.optional(),
        unitId: UnitIdSchema.optional(),
        limit: integerQuery(1, 2000).default(500).meta({ description: "at most this many rows in each list (default 500, at most 2000); the totals count them all" }),
      }),
    },
    responses: {
      200: {
        description: "Overdue rows (most overdue first) and rows due soon (soonest first)",
        content: { "application/json": { schema: DeadlineReportResponse } },
      },
      ...problemResponses(400, 401),
    },
  }),
};
