import { PlanIdSchema } from "@taizhang/core";
import { z } from "zod";
import { ChecklistResponse } from "./checklist.js";
import { UnitIdParam, UnitResponse } from "./common.js";
import { checklistFilters } from "./plans.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const UnitListResponse = z.object({ items: z.array(UnitResponse) });

const tags = ["units"];

/** Units (offices) with their aliases, and each unit's checklist across all plans (我的任务). */
export const unitRoutes = {
  listUnits: defineRoute({
    operationId: "listUnits",
    method: "get",
    path: "/api/units",
    tags,
    summary: "List units with their aliases",
    request: {
      query: z.object({
        planId: PlanIdSchema.optional(),
        jurisdiction: z.string().trim().min(1).max(100).optional(),
        name: z.string().trim().min(1).max(200).optional().meta({ description: "only units with this id, name or alias" }),
      }),
    },
    responses: {
      200: { description: "The units", content: { "application/json": { schema: UnitListResponse } } },
      ...problemResponses(400, 401),
    },
  }),
  getUnit: defineRoute({
    operationId: "getUnit",
    method: "get",
    path: "/api/units/{unitId}",
    tags,
    summary: "One unit",
    request: { params: z.object({ unitId: UnitIdParam }) },
    responses: {
      200: { description: "The unit", content: { "application/json": { schema: UnitResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
  unitChecklist: defineRoute({
    operationId: "unitChecklist",
    method: "get",
    path: "/api/units/{unitId}/checklist",
    tags,
    summary: "我的任务: the unit's checklist across all plans, with progress and deadline state",
    request: {
      params: z.object({ unitId: UnitIdParam }),
      query: z.object({ planId: PlanIdSchema.optional(), ...checklistFilters }),
    },
    responses: {
      200: { description: "The rows, plan by plan", content: { "application/json": { schema: ChecklistResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
};
