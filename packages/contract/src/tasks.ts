import { IsoDateSchema, PlanIdSchema, ProgressStatusSchema, TaskIdSchema, ThemeIdSchema, UnitIdSchema, UnitRoleSchema } from "@taizhang/core";
import { z } from "zod";
import { DeadlineSchema } from "./checklist.js";
import { AsOfQuery, BEARER, BooleanQuery, ChecklistItemResponse, integerQuery, pageOf, ProgressResponse, TaskParams, TaskResponse, UnitResponse } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const TaskListQuery = z.object({
  planId: PlanIdSchema.optional(),
  part: integerQuery(1).optional().meta({ description: "part number (1..n within the plan)" }),
  section: integerQuery(1).optional().meta({ description: "section number (1..n across the plan)" }),
  unitId: UnitIdSchema.optional(),
  role: UnitRoleSchema.optional().meta({ description: "with unitId: only tasks the unit leads (lead) or carries out (responsible)" }),
  status: ProgressStatusSchema.optional().meta({ description: "tasks with at least one (item, unit) row in this status" }),
  overdue: BooleanQuery.optional().meta({ description: "true: tasks with at least one overdue row as of asOf" }),
  asOf: AsOfQuery,
  dueBefore: IsoDateSchema.optional().meta({ description: "tasks with an item due on or before this date" }),
  dueAfter: IsoDateSchema.optional().meta({ description: "tasks with an item due on or after this date" }),
  guarantee: BooleanQuery.optional().meta({ description: "true: only guarantee measures (保障措施); false: only main tasks" }),
  theme: ThemeIdSchema.optional().meta({ description: "only tasks under this theme (GET /api/themes lists them)" }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'only tasks this search finds (GET /api/search\'s index and syntax: scripts, pinyin, aliases, "phrases", -exclusions), listed in the list\'s order' }),
  sort: z.enum(["number", "due"]).default("number").meta({ description: "number: plan then task number; due: earliest due date first" }),
  limit: integerQuery(1, 500).default(50),
  cursor: z.string().min(1).max(500).optional().meta({ description: "nextCursor of the previous page" }),
});

export const TaskPage = pageOf(TaskResponse).meta({ id: "TaskPage" });

/** One task with its units and every checklist item's progress per unit. */
export const TaskDetailResponse = z
  .object({
    task: TaskResponse,
    units: z.array(UnitResponse).describe("the lead and responsible units, lead first"),
    checklist: z.array(
      z.object({
        item: ChecklistItemResponse,
        progress: z.array(z.object({ unitId: UnitIdSchema, role: UnitRoleSchema, progress: ProgressResponse, deadline: DeadlineSchema })),
      }),
    ),
    asOf: z.string(),
  })
  .meta({ id: "TaskDetail" });
export type TaskDetail = z.infer<typeof TaskDetailResponse>;

export const AssignUnitsRequest = z
  .object({
    lead: z.array(z.string().trim().min(1).max(200)).max(100).describe("unit ids, names or aliases"),
    responsible: z.array(z.string().trim().min(1).max(200)).max(100),
    replace: z.boolean().optional().describe("true to change units the plan's text names for this task (needs a reason)"),
    reason: z.string().trim().min(1).max(500).optional().describe("why the units change; kept in the assignment history"),
  })
  .strict()
  .meta({ id: "AssignUnits" });

/** A task's orphaned progress rows: of units removed from it, kept as they were. */
export const OrphanedRowsResponse = z
  .object({
    taskId: TaskIdSchema,
    items: z.array(z.object({ item: ChecklistItemResponse, unitId: UnitIdSchema, role: UnitRoleSchema, progress: ProgressResponse, deadline: DeadlineSchema })),
    asOf: z.string(),
  })
  .meta({ id: "OrphanedRows" });

const tags = ["tasks"];

/** Tasks: filtered, sorted, paginated lists; one task with its units and every item's progress. */
export const taskRoutes = {
  listTasks: defineRoute({
    operationId: "listTasks",
    method: "get",
    path: "/api/tasks",
    tags,
    summary: "List tasks with filters, sorting and cursor pagination",
    request: { query: TaskListQuery },
    responses: {
      200: { description: "One page of tasks", content: { "application/json": { schema: TaskPage } } },
      ...problemResponses(400, 401),
    },
  }),
  getTask: defineRoute({
    operationId: "getTask",
    method: "get",
    path: "/api/tasks/{planId}/{number}",
    tags,
    summary: "One task with its milestones, targets, units, checklist items and their progress",
    request: { params: TaskParams, query: z.object({ asOf: AsOfQuery }) },
    responses: {
      200: { description: "The task", content: { "application/json": { schema: TaskDetailResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
  assignTaskUnits: defineRoute({
    operationId: "assignTaskUnits",
    method: "put",
    path: "/api/tasks/{planId}/{number}/units",
    tags,
    summary: "Admin: set a task's lead and responsible units (replace with a reason for units the plan's text names)",
    security: BEARER,
    request: { params: TaskParams, body: { required: true, content: { "application/json": { schema: AssignUnitsRequest } } } },
    responses: {
      200: { description: "The task with its new units", content: { "application/json": { schema: TaskResponse } } },
      ...problemResponses(400, 401, 403, 404, 409, 415, 422),
    },
  }),
  orphanedTaskRows: defineRoute({
    operationId: "orphanedTaskRows",
    method: "get",
    path: "/api/tasks/{planId}/{number}/orphaned",
    tags,
    summary: "Admin: the task's orphaned progress rows (units removed from it), kept as they were",
    security: BEARER,
    request: { params: TaskParams, query: z.object({ asOf: AsOfQuery }) },
    responses: {
      200: { description: "The orphaned rows", content: { "application/json": { schema: OrphanedRowsResponse } } },
      ...problemResponses(400, 401, 403, 404),
    },
  }),
};
