import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Unit } from "@taizhang/core";
import { checklistOf } from "@taizhang/app";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { ApiError, problemResponses } from "../problem.js";
import {
  AsOfQuery,
  BooleanQuery,
  ChecklistResponse,
  checklistPageQuery,
  PlanIdSchema,
  ProgressStatusSchema,
  UnitIdParam,
  UnitResponse,
  UnitRoleSchema,
} from "../schemas.js";

const tags = ["units"];

async function findUnit(c: { var: AppEnv["Variables"] }, unitId: string): Promise<Unit> {
  const [unit] = (await c.var.ledger.resolveUnit(unitId)).filter((u) => u.id === unitId);
  if (!unit) throw new ApiError("not-found", `no unit ${unitId}`);
  return unit;
}

/** Units (offices) with their aliases, and each unit's checklist across all plans (我的任务). */
export const unitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List units with their aliases",
      request: {
        query: z.object({
          planId: PlanIdSchema.optional(),
          jurisdiction: z.string().trim().min(1).max(100).optional(),
          name: z.string().trim().min(1).max(200).optional().openapi({ description: "only units with this id, name or alias" }),
        }),
      },
      responses: {
        200: { description: "The units", content: { "application/json": { schema: z.object({ items: z.array(UnitResponse) }) } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { planId, jurisdiction, name } = c.req.valid("query");
      if (name !== undefined) {
        const found = await c.var.ledger.resolveUnit(name, jurisdiction);
        const inPlan = planId === undefined ? null : new Set((await c.var.ledger.listUnits({ planId })).map((u) => u.id));
        return c.json({ items: found.filter((u) => inPlan === null || inPlan.has(u.id)) }, 200);
      }
      const filter = { ...(planId !== undefined ? { planId } : {}), ...(jurisdiction !== undefined ? { jurisdiction } : {}) };
      return c.json({ items: await c.var.ledger.listUnits(filter) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{unitId}",
      tags,
      summary: "One unit",
      request: { params: z.object({ unitId: UnitIdParam }) },
      responses: {
        200: { description: "The unit", content: { "application/json": { schema: UnitResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => c.json(await findUnit(c, c.req.valid("param").unitId), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{unitId}/checklist",
      tags,
      summary: "我的任务: the unit's checklist across all plans, with progress and deadline state",
      request: {
        params: z.object({ unitId: UnitIdParam }),
        query: z.object({
          planId: PlanIdSchema.optional(),
          role: UnitRoleSchema.optional(),
          status: ProgressStatusSchema.optional(),
          responsiblePerson: z.string().trim().min(1).max(50).optional().openapi({ description: "only rows whose 责任人 has this name (\"the items I am responsible for\")" }),
          overdue: BooleanQuery.optional().openapi({ description: "true: only overdue rows as of asOf" }),
          dueWithin: z.coerce
            .number()
            .int()
            .min(0)
            .max(3660)
            .optional()
            .openapi({ description: "only open rows due within N days (overdue ones included)", type: "integer" }),
          asOf: AsOfQuery,
          ...checklistPageQuery,
        }),
      },
      responses: {
        200: { description: "The rows, plan by plan", content: { "application/json": { schema: ChecklistResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { unitId } = c.req.valid("param");
      const query = c.req.valid("query");
      await findUnit(c, unitId);
      return c.json(await checklistOf(c.var, { ...query, unitId }), 200);
    },
  );
