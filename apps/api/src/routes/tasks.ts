import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { textMatches } from "@taizhang/app";
import { TaskIdSchema, ThemeIdSchema, type Unit } from "@taizhang/core";
import type { TaskFilter } from "@taizhang/store";
import { actorOf, type AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { resolveAsOf } from "../as-of.js";
import { callerOf, requireRole } from "../auth.js";
import { deadlineOf } from "../checklist-entry.js";
import { problemResponses } from "../problem.js";
import {
  AsOfQuery,
  BooleanQuery,
  ChecklistItemResponse,
  DeadlineSchema,
  IsoDateSchema,
  pageOf,
  PlanIdSchema,
  ProgressResponse,
  ProgressStatusSchema,
  TaskDetailResponse,
  TaskNumberParam,
  TaskResponse,
  UnitIdSchema,
  UnitRoleSchema,
  PlanIdParam,
} from "../schemas.js";

const tags = ["tasks"];

const TaskListQuery = z.object({
  planId: PlanIdSchema.optional(),
  part: z.coerce.number().int().min(1).optional().openapi({ description: "part number (1..n within the plan)", type: "integer" }),
  section: z.coerce.number().int().min(1).optional().openapi({ description: "section number (1..n across the plan)", type: "integer" }),
  unitId: UnitIdSchema.optional(),
  role: UnitRoleSchema.optional().openapi({ description: "with unitId: only tasks the unit leads (lead) or carries out (responsible)" }),
  status: ProgressStatusSchema.optional().openapi({ description: "tasks with at least one (item, unit) row in this status" }),
  overdue: BooleanQuery.optional().openapi({ description: "true: tasks with at least one overdue row as of asOf" }),
  asOf: AsOfQuery,
  dueBefore: IsoDateSchema.optional().openapi({ description: "tasks with an item due on or before this date" }),
  dueAfter: IsoDateSchema.optional().openapi({ description: "tasks with an item due on or after this date" }),
  guarantee: BooleanQuery.optional().openapi({ description: "true: only guarantee measures (保障措施); false: only main tasks" }),
  theme: ThemeIdSchema.optional().openapi({ description: "only tasks under this theme (GET /api/themes lists them)" }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "only tasks this search finds (GET /api/search's index and syntax: scripts, pinyin, aliases, \"phrases\", -exclusions), listed in the list's order" }),
  sort: z.enum(["number", "due"]).default("number").openapi({ description: "number: plan then task number; due: earliest due date first" }),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ type: "integer" }),
  cursor: z.string().min(1).max(500).optional().openapi({ description: "nextCursor of the previous page" }),
});

const TaskParams = z.object({ planId: PlanIdParam, number: TaskNumberParam });

const OrphanedRowsResponse = z
  .object({
    taskId: TaskIdSchema,
    items: z.array(
      z.object({ item: ChecklistItemResponse, unitId: UnitIdSchema, role: UnitRoleSchema, progress: ProgressResponse, deadline: DeadlineSchema }),
    ),
    asOf: z.string(),
  })
  .openapi("OrphanedRows");

/** Tasks: filtered, sorted, paginated lists; one task with its units and every item's progress. */
export const taskRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List tasks with filters, sorting and cursor pagination",
      request: { query: TaskListQuery },
      responses: {
        200: { description: "One page of tasks", content: { "application/json": { schema: pageOf(TaskResponse).openapi("TaskPage") } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const filter: TaskFilter = {
        planId: q.planId,
        partNumber: q.part,
        sectionNumber: q.section,
        unitId: q.unitId,
        role: q.role,
        status: q.status,
        overdueAsOf: q.overdue === true ? resolveAsOf(q.asOf, c.var.clock) : undefined,
        dueBefore: q.dueBefore,
        dueAfter: q.dueAfter,
        guarantee: q.guarantee,
        theme: q.theme,
        taskIds: q.q === undefined ? undefined : textMatches(await c.var.catalog.view(), q.q, q.planId),
      };
      const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as TaskFilter;
      const page = await c.var.ledger.listTasks(defined, { limit: q.limit, cursor: q.cursor ?? null, sort: q.sort });
      return c.json(page, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{planId}/{number}",
      tags,
      summary: "One task with its milestones, targets, units, checklist items and their progress",
      request: { params: TaskParams, query: z.object({ asOf: AsOfQuery }) },
      responses: {
        200: { description: "The task", content: { "application/json": { schema: TaskDetailResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { planId, number } = c.req.valid("param");
      const asOf = resolveAsOf(c.req.valid("query").asOf, c.var.clock);
      const taskId = TaskIdSchema.parse(`${planId}/${number}`);
      const task = await c.var.ledger.getTask(taskId);
      const [rows, planUnits] = await Promise.all([c.var.ledger.checklist({ taskId }), c.var.ledger.listUnits({ planId })]);
      const byId = new Map(planUnits.map((u) => [u.id, u]));
      const units = [...new Set([...task.lead, ...task.responsible])]
        .map((id) => byId.get(id))
        .filter((u): u is Unit => u !== undefined);
      const items = new Map<string, z.infer<typeof TaskDetailResponse>["checklist"][number]>();
      for (const row of rows) {
        const entry = items.get(row.item.id) ?? { item: row.item, progress: [] };
        entry.progress.push({
          unitId: row.unitId,
          role: row.role,
          progress: row.progress,
          deadline: deadlineOf(row.item.due, row.progress.status, asOf),
        });
        items.set(row.item.id, entry);
      }
      return c.json({ task, units, checklist: [...items.values()], asOf: asOf.toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{planId}/{number}/orphaned",
      tags,
      summary: "Admin: the task's orphaned progress rows — of units removed from it, or of items its text no longer has — kept as they were",
      description:
        "Rows are never deleted when a unit leaves a task: they are kept (orphaned), read-only, and come back into the checklist with their " +
        "progress if the unit is assigned again. GET /api/history/assignments says which change orphaned them.",
      middleware: [requireRole("admin")],
      security: [{ bearer: [] }],
      request: { params: TaskParams, query: z.object({ asOf: AsOfQuery }) },
      responses: {
        200: { description: "The orphaned rows", content: { "application/json": { schema: OrphanedRowsResponse } } },
        ...problemResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { planId, number } = c.req.valid("param");
      const asOf = resolveAsOf(c.req.valid("query").asOf, c.var.clock);
      const taskId = TaskIdSchema.parse(`${planId}/${number}`);
      await c.var.ledger.getTask(taskId);
      const rows = await c.var.ledger.checklist({ taskId, orphaned: true });
      const items = rows.map((row) => ({
        item: row.item,
        unitId: row.unitId,
        role: row.role,
        progress: row.progress,
        deadline: deadlineOf(row.item.due, row.progress.status, asOf),
      }));
      return c.json({ taskId, items, asOf: asOf.toISOString() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/{planId}/{number}/units",
      tags,
      summary: "Admin: set a task's lead and responsible units",
      description:
        "For a task whose units the plan's text names, refused (409 units-named-by-plan) unless replace=true with a reason. Every change writes " +
        "an assignment history entry (GET /api/history/assignments); the progress of a unit removed is kept (orphaned, " +
        "GET …/orphaned) and restored if the unit is assigned again. Setting the units the task already has changes nothing.",
      middleware: [requireRole("admin")],
      security: [{ bearer: [] }],
      request: {
        params: TaskParams,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  lead: z.array(z.string().trim().min(1).max(200)).max(100).describe("unit ids, names or aliases"),
                  responsible: z.array(z.string().trim().min(1).max(200)).max(100),
                  replace: z.boolean().optional().describe("true to change units the plan's text names for this task (needs a reason)"),
                  reason: z.string().trim().min(1).max(500).optional().describe("why the units change; kept in the assignment history"),
                })
                .openapi("UnitAssignment"),
            },
          },
        },
      },
      responses: {
        200: { description: "The task with its new units", content: { "application/json": { schema: TaskResponse } } },
        ...problemResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const { planId, number } = c.req.valid("param");
      const task = await c.var.ledger.assignUnits(actorOf(callerOf(c)), TaskIdSchema.parse(`${planId}/${number}`), c.req.valid("json"));
      return c.json(task, 200);
    },
  );
