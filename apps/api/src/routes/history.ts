import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ChecklistItemIdSchema, TaskIdSchema, type ChecklistItemId, type PlanId, type TaskId, type UnitId } from "@taizhang/core";
import type { HistoryFilter } from "@taizhang/store";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { problemResponses } from "../problem.js";
import {
  AssignmentHistoryEntryResponse,
  HistoryEntryResponse,
  IsoDateSchema,
  ItemKeyParam,
  pageOf,
  PlanIdParam,
  PlanIdSchema,
  TaskNumberParam,
  UnitIdParam,
  UnitIdSchema,
} from "../schemas.js";

const tags = ["history"];

const TimeBound = z.union([IsoDateSchema, z.iso.datetime({ offset: true })]);

const WindowQuery = z.object({
  since: TimeBound.optional().openapi({ description: "changes at or after this date (00:00 UTC) or instant" }),
  until: TimeBound.optional().openapi({ description: "changes at or before this date (00:00 UTC) or instant" }),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ type: "integer" }),
  cursor: z.string().min(1).max(500).optional(),
});

const HistoryPage = pageOf(HistoryEntryResponse).openapi("HistoryPage");
const AssignmentHistoryPage = pageOf(AssignmentHistoryEntryResponse).openapi("AssignmentHistoryPage");

const historyResponses = {
  200: { description: "Changes, newest first", content: { "application/json": { schema: HistoryPage } } },
  ...problemResponses(400, 401),
};

function filterOf(scope: { planId?: PlanId; unitId?: UnitId; taskId?: TaskId; itemId?: ChecklistItemId }, q: z.infer<typeof WindowQuery>): HistoryFilter {
  return {
    ...scope,
    ...(q.since !== undefined ? { since: q.since } : {}),
    ...(q.until !== undefined ? { until: q.until } : {}),
    limit: q.limit,
    cursor: q.cursor ?? null,
  };
}

/** The audit trail: every accepted change, never edited; by plan, unit or item, within a time window. */
export const historyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "History of changes, optionally by plan, unit and item, within a time window",
      request: {
        query: WindowQuery.extend({
          planId: PlanIdSchema.optional(),
          unitId: UnitIdSchema.optional(),
          taskId: TaskIdSchema.optional().openapi({ description: "every item of one task, e.g. chengdu-2015/12" }),
          itemId: ChecklistItemIdSchema.optional().openapi({ description: "e.g. chengdu-2015/12#m1" }),
        }),
      },
      responses: historyResponses,
    }),
    async (c) => {
      const { planId, unitId, taskId, itemId, ...window } = c.req.valid("query");
      const scope = { ...(planId ? { planId } : {}), ...(unitId ? { unitId } : {}), ...(taskId ? { taskId } : {}), ...(itemId ? { itemId } : {}) };
      return c.json(await c.var.ledger.history(filterOf(scope, window)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/assignments",
      tags,
      summary: "分工变更记录: changes of tasks' units (assigned, removed, replaced, changed by a re-import), newest first",
      description:
        "Each entry names who changed which task's units, when and why, the units before and after, and the progress rows the change " +
        "orphaned (kept, read-only) or restored. Progress changes are in the other history routes.",
      request: {
        query: z.object({
          planId: PlanIdSchema.optional(),
          taskId: TaskIdSchema.optional().openapi({ description: "one task, e.g. chengdu-2015/1" }),
          limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ type: "integer" }),
          cursor: z.string().min(1).max(500).optional(),
        }),
      },
      responses: {
        200: { description: "Changes, newest first", content: { "application/json": { schema: AssignmentHistoryPage } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { planId, taskId, limit, cursor } = c.req.valid("query");
      return c.json(
        await c.var.ledger.assignmentHistory({ ...(planId ? { planId } : {}), ...(taskId ? { taskId } : {}), limit, cursor: cursor ?? null }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/plans/{planId}",
      tags,
      summary: "History of one plan",
      request: { params: z.object({ planId: PlanIdParam }), query: WindowQuery },
      responses: historyResponses,
    }),
    async (c) => c.json(await c.var.ledger.history(filterOf({ planId: c.req.valid("param").planId }, c.req.valid("query"))), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/units/{unitId}",
      tags,
      summary: "History of one unit's progress",
      request: { params: z.object({ unitId: UnitIdParam }), query: WindowQuery },
      responses: historyResponses,
    }),
    async (c) => c.json(await c.var.ledger.history(filterOf({ unitId: c.req.valid("param").unitId }, c.req.valid("query"))), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/tasks/{planId}/{number}",
      tags,
      summary: "History of one task: every checklist item, every unit",
      request: { params: z.object({ planId: PlanIdParam, number: TaskNumberParam }), query: WindowQuery },
      responses: historyResponses,
    }),
    async (c) => {
      const { planId, number } = c.req.valid("param");
      return c.json(await c.var.ledger.history(filterOf({ taskId: TaskIdSchema.parse(`${planId}/${number}`) }, c.req.valid("query"))), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/items/{planId}/{number}/{item}",
      tags,
      summary: "History of one checklist item, every unit",
      request: { params: z.object({ planId: PlanIdParam, number: TaskNumberParam, item: ItemKeyParam }), query: WindowQuery },
      responses: historyResponses,
    }),
    async (c) => {
      const { planId, number, item } = c.req.valid("param");
      const itemId = ChecklistItemIdSchema.parse(`${planId}/${number}#${item}`);
      return c.json(await c.var.ledger.history(filterOf({ itemId }, c.req.valid("query"))), 200);
    },
  );
