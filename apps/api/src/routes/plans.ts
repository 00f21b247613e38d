import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { checklistOf } from "@taizhang/app";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { resolveAsOf } from "../as-of.js";
import { ApiError, problemResponses } from "../problem.js";
import {
  AsOfQuery,
  BooleanQuery,
  ChecklistResponse,
  checklistPageQuery,
  PlanIdParam,
  PlanResponse,
  PlanSummaryResponse,
  ProgressStatusSchema,
  REPORT_GROUPINGS,
  ReportResponse,
  UnitIdSchema,
  UnitRoleSchema,
} from "../schemas.js";

const tags = ["plans"];

const ChecklistQuery = z.object({
  unitId: UnitIdSchema.optional(),
  role: UnitRoleSchema.optional(),
  status: ProgressStatusSchema.optional(),
  responsiblePerson: z.string().trim().min(1).max(50).optional().openapi({ description: "only rows whose 责任人 has this name" }),
  overdue: BooleanQuery.optional().openapi({ description: "true: only overdue rows as of asOf" }),
  dueWithin: z.coerce.number().int().min(0).max(3660).optional().openapi({ description: "only open rows due within N days (overdue ones included)" }),
  asOf: AsOfQuery,
  ...checklistPageQuery,
});

async function requirePlan(c: { var: AppEnv["Variables"] }, planId: string): Promise<void> {
  const plans = await c.var.ledger.listPlans();
  if (!plans.some((p) => p.id === planId)) throw new ApiError("not-found", `no plan ${planId}`);
}

/** Plans: the list, one plan's document, its checklist and its progress report. */
export const planRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List the plans",
      responses: {
        200: { description: "Every plan, with counts", content: { "application/json": { schema: z.object({ items: z.array(PlanSummaryResponse) }) } } },
        ...problemResponses(401),
      },
    }),
    async (c) => c.json({ items: await c.var.ledger.listPlans() }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{planId}",
      tags,
      summary: "One plan with its parts, sections, tasks and units",
      request: { params: z.object({ planId: PlanIdParam }) },
      responses: {
        200: { description: "The plan", content: { "application/json": { schema: PlanResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => c.json(await c.var.ledger.getPlan(c.req.valid("param").planId), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{planId}/checklist",
      tags,
      summary: "The plan's checklist: every (item, unit) row with progress and deadline state",
      request: { params: z.object({ planId: PlanIdParam }), query: ChecklistQuery },
      responses: {
        200: { description: "The rows, in plan order", content: { "application/json": { schema: ChecklistResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { planId } = c.req.valid("param");
      const query = c.req.valid("query");
      await requirePlan(c, planId);
      return c.json(await checklistOf(c.var, { ...query, planId }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{planId}/report",
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
    async (c) => {
      const { planId } = c.req.valid("param");
      const { by, asOf: asOfText } = c.req.valid("query");
      await requirePlan(c, planId);
      const asOf = resolveAsOf(asOfText, c.var.clock);
      const rows = await c.var.ledger.report(by, asOf, { planId });
      return c.json({ asOf: asOf.toISOString(), by, rows }, 200);
    },
  );
