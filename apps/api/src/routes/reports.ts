import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { addDays, chinaDate } from "@taizhang/core";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { resolveAsOf } from "../as-of.js";
import { checklistEntry, DUE_SOON_DAYS } from "../checklist-entry.js";
import { problemResponses } from "../problem.js";
import { AsOfQuery, DeadlineReportResponse, PlanIdSchema, REPORT_GROUPINGS, ReportResponse, UnitIdSchema } from "../schemas.js";

const tags = ["reports"];

/** Reports: progress rolled up by plan, section, unit or task; overdue and due-soon lists. */
export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/progress",
      tags,
      summary: "Progress rolled up by plan, section, unit or task (core's roll-up rule)",
      request: {
        query: z.object({ by: z.enum(REPORT_GROUPINGS).default("plan"), planId: PlanIdSchema.optional(), asOf: AsOfQuery }),
      },
      responses: {
        200: { description: "One row per group", content: { "application/json": { schema: ReportResponse } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { by, planId, asOf: asOfText } = c.req.valid("query");
      const asOf = resolveAsOf(asOfText, c.var.clock);
      const rows = await c.var.ledger.report(by, asOf, planId !== undefined ? { planId } : {});
      return c.json({ asOf: asOf.toISOString(), by, rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/deadlines",
      tags,
      summary: "Overdue and due-soon (item, unit) rows as of a date",
      request: {
        query: z.object({
          asOf: AsOfQuery,
          withinDays: z.coerce.number().int().min(0).max(3660).default(DUE_SOON_DAYS).openapi({ type: "integer" }),
          planId: PlanIdSchema.optional(),
          unitId: UnitIdSchema.optional(),
          limit: z.coerce.number().int().min(1).max(2000).default(500).openapi({ type: "integer", description: "at most this many rows in each list (default 500, at most 2000); the totals count them all" }),
        }),
      },
      responses: {
        200: { description: "Overdue rows (most overdue first) and rows due soon (soonest first)", content: { "application/json": { schema: DeadlineReportResponse } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { asOf: asOfText, withinDays, planId, unitId, limit } = c.req.valid("query");
      const asOf = resolveAsOf(asOfText, c.var.clock);
      const scope = { ...(planId ? { planId } : {}), ...(unitId ? { unitId } : {}) };
      const today = chinaDate(asOf);
      // Bounded: the first `limit` rows of each list, soonest due first, with the counts of all of them.
      const [overdue, dueSoon] = await Promise.all([
        c.var.ledger.checklistDueFirst({ ...scope, openDueBefore: today }, limit),
        c.var.ledger.checklistDueFirst({ ...scope, openDueFrom: today, openDueBefore: addDays(today, withinDays + 1) }, limit),
      ]);
      return c.json(
        {
          asOf: asOf.toISOString(),
          withinDays,
          overdue: overdue.items.map((row) => checklistEntry(row, asOf, withinDays)),
          dueSoon: dueSoon.items.map((row) => checklistEntry(row, asOf, withinDays)),
          overdueTotal: overdue.total,
          dueSoonTotal: dueSoon.total,
          truncated: overdue.total > overdue.items.length || dueSoon.total > dueSoon.items.length,
        },
        200,
      );
    },
  );
