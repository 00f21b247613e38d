import { ProgressStatusSchema, UnitIdSchema, UnitRoleSchema } from "@taizhang/core";
import { z } from "zod";
import { ChecklistResponse, RollupSchema } from "./checklist.js";
import { AsOfQuery, BooleanQuery, integerQuery, PlanIdParam, PlanResponse, PlanSummaryResponse } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const REPORT_GROUPINGS = ["plan", "section", "unit", "task"] as const;

export const ReportResponse = z
  .object({
    asOf: z.string(),
    by: z.enum(REPORT_GROUPINGS),
    rows: z.array(z.object({ key: z.string(), label: z.string(), rollup: RollupSchema })),
  })
  .meta({ id: "ProgressReport" });

export const PlanListResponse = z.object({ items: z.array(PlanSummaryResponse) });

/** Filters of a checklist (a plan's or a unit's). */
export const checklistFilters = {
  role: UnitRoleSchema.optional(),
  status: ProgressStatusSchema.optional(),
  responsiblePerson: z.string().trim().min(1).max(50).optional().meta({ description: "only rows whose 责任人 has this name" }),
  overdue: BooleanQuery.optional().meta({ description: "true: only overdue rows as of asOf" }),
  dueWithin: integerQuery(0, 3660).optional().meta({ description: "only open rows due within N days from today, overdue ones not included; with overdue=true, the overdue rows and those due within N days" }),
  asOf: AsOfQuery,
  limit: integerQuery(1, 2000).default(500).meta({ description: "rows per page (default 500, at most 2000)" }),
  cursor: z.string().min(1).max(1000).optional().meta({ description: "nextCursor of the previous page" }),
};

const tags = ["plans"];

/** Plans: the list, one plan's document, its checklist and its progress report. */
export const planRoutes = {
  listPlans: defineRoute({
    operationId: "listPlans",
    method: "get",
    path: "/api/plans",
    tags,
    summary: "List the plans",
    responses: {
      200: { description: "Every plan, with counts", content: { "application/json": { schema: PlanListResponse } } },
      ...problemResponses(401),
    },
  }),
  getPlan: defineRoute({
    operationId: "getPlan",
    method: "get",
    path: "/api/plans/{planId}",
    tags,
    summary: "One plan with its parts, sections, tasks and units",
    request: { params: z.object({ planId: PlanIdParam }) },
    responses: {
      200: { description: "The plan", content: { "application/json": { schema: PlanResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
  planChecklist: defineRoute({
    operationId: "planChecklist",
    method: "get",
    path: "/api/plans/{planId}/checklist",
    tags,
    summary: "The plan's checklist: every (item, unit) row with progress and deadline state",
    request: { params: z.object({ planId: PlanIdParam }), query: z.object({ unitId: UnitIdSchema.optional(), ...checklistFilters }) },
    responses: {
      200: { description: "The rows, in plan order", content: { "application/json": { schema: ChecklistResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
  planReport: defineRoute({
    operationId: "planReport",
    method: "get",
    path: "/api/plans/{planId}/report",
    tags,
    summary: "The plan's progress rolled up by section (default), unit or task",
    request: {
      params: z.object({ planId: PlanIdParam }),
      query: z.object({ by: z.enum(REPORT_GROUPINGS).default("section"), asOf: AsOfQuery }),
    },
    responses: {
      200: { description: "One row per group", content: { "application/json": { schema: ReportResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
};
