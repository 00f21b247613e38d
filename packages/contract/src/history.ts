import { AssignmentHistoryEntrySchema, ChecklistItemIdSchema, IsoDateSchema, PlanIdSchema, TaskIdSchema, UnitIdSchema } from "@taizhang/core";
import { z } from "zod";
import { HistoryEntryResponse, integerQuery, ItemParams, pageOf, PlanIdParam, TaskParams, UnitIdParam } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

const TimeBound = z.union([IsoDateSchema, z.iso.datetime({ offset: true })]);

/** The time window and page of every history route. */
export const HistoryWindowQuery = z.object({
  since: TimeBound.optional().meta({ description: "changes at or after this date (00:00 UTC) or instant" }),
  until: TimeBound.optional().meta({ description: "changes at or before this date (00:00 UTC) or instant" }),
  limit: integerQuery(1, 500).default(50),
  cursor: z.string().min(1).max(500).optional(),
});

export const HistoryPage = pageOf(HistoryEntryResponse).meta({ id: "HistoryPage" });
export const AssignmentHistoryPage = pageOf(AssignmentHistoryEntrySchema.meta({ id: "AssignmentHistoryEntry" })).meta({ id: "AssignmentHistoryPage" });

const responses = {
  200: { description: "Changes, newest first", content: { "application/json": { schema: HistoryPage } } },
  ...problemResponses(400, 401),
};

const tags = ["history"];

/** The audit trail: every accepted change, never edited; by plan, unit, task or item, within a time window. */
export const historyRoutes = {
  assignmentHistory: defineRoute({
    operationId: "assignmentHistory",
    method: "get",
    path: "/api/history/assignments",
    tags,
    summary: "分工变更记录: changes of tasks' units, newest first, with the rows each orphaned or restored",
    request: {
      query: z.object({
        planId: PlanIdSchema.optional(),
        taskId: TaskIdSchema.optional().meta({ description: "one task, e.g. chengdu-2015/1" }),
        limit: integerQuery(1, 500).default(50),
        cursor: z.string().min(1).max(500).optional(),
      }),
    },
    responses: {
      200: { description: "Changes, newest first", content: { "application/json": { schema: AssignmentHistoryPage } } },
      ...problemResponses(400, 401),
    },
  }),
  listHistory: defineRoute({
    operationId: "listHistory",
    method: "get",
    path: "/api/history",
    tags,
    summary: "History of changes, optionally by plan, unit and item, within a time window",
    request: {
      query: HistoryWindowQuery.extend({
        planId: PlanIdSchema.optional(),
        unitId: UnitIdSchema.optional(),
        taskId: TaskIdSchema.optional().meta({ description: "every item of one task, e.g. chengdu-2015/12" }),
        itemId: ChecklistItemIdSchema.optional().meta({ description: "e.g. chengdu-2015/12#m1" }),
      }),
    },
    responses,
  }),
  planHistory: defineRoute({
    operationId: "planHistory",
    method: "get",
    path: "/api/history/plans/{planId}",
    tags,
    summary: "History of one plan",
    request: { params: z.object({ planId: PlanIdParam }), query: HistoryWindowQuery },
    responses,
  }),
  unitHistory: defineRoute({
    operationId: "unitHistory",
    method: "get",
    path: "/api/history/units/{unitId}",
    tags,
    summary: "History of one unit's progress",
    request: { params: z.object({ unitId: UnitIdParam }), query: HistoryWindowQuery },
    responses,
  }),
  taskHistory: defineRoute({
    operationId: "taskHistory",
    method: "get",
    path: "/api/history/tasks/{planId}/{number}",
    tags,
    summary: "History of one task: every checklist item, every unit",
    request: { params: TaskParams, query: HistoryWindowQuery },
    responses,
  }),
  itemHistory: defineRoute({
    operationId: "itemHistory",
    method: "get",
    path: "/api/history/items/{planId}/{number}/{item}",
    tags,
    summary: "History of one checklist item, every unit",
    request: { params: ItemParams, query: HistoryWindowQuery },
    responses,
  }),
};
