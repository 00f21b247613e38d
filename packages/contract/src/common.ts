import {
  ChecklistItemSchema,
  HistoryEntrySchema,
  ImportWarningSchema,
  IsoDateSchema,
  PlanIdSchema,
  PlanSchema,
  PlanSummarySchema,
  ProgressSchema,
  TaskSchema,
  UnitIdSchema,
  UnitSchema,
} from "@taizhang/core";
import { z } from "zod";

/*
 * Core's model schemas named for the OpenAPI document, and the small shapes
 * every resource shares: pages, `asOf`, booleans in queries, path parameters.
 */

export const PlanSummaryResponse = PlanSummarySchema.meta({ id: "PlanSummary" });
export const PlanResponse = PlanSchema.meta({ id: "Plan" });
export const TaskResponse = TaskSchema.meta({ id: "Task" });
export const UnitResponse = UnitSchema.meta({ id: "Unit" });
export const ChecklistItemResponse = ChecklistItemSchema.meta({ id: "ChecklistItem" });
export const ProgressResponse = ProgressSchema.meta({ id: "Progress" });
export const HistoryEntryResponse = HistoryEntrySchema.meta({ id: "HistoryEntry" });
export const ImportWarningResponse = ImportWarningSchema.meta({ id: "ImportWarning" });

/** A page of a list with its keyset cursor. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last page"),
    total: z.number().int().min(0).describe("how many items match, over all pages"),
  });

/** `asOf`: a date (YYYY-MM-DD, a day in China) or an ISO instant; now when absent. */
export const AsOfQuery = z
  .union([IsoDateSchema, z.iso.datetime({ offset: true })])
  .optional()
  .meta({ description: "judge deadlines as of this date (YYYY-MM-DD, China) or ISO instant; default now", example: "2020-06-30" });

/** A boolean in a query string: `true` or `false`. */
export const BooleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

/** A whole number in a query string, e.g. `limit=50`. */
export const integerQuery = (min: number, max?: number) => {
  const schema = z.coerce.number().int().min(min);
  return (max === undefined ? schema : schema.max(max)).meta({ type: "integer" });
};

export const PlanIdParam = PlanIdSchema.meta({ param: { name: "planId", in: "path" }, example: "chengdu-2015" });
export const TaskNumberParam = z.coerce
  .number()
  .int()
  .min(1)
  .meta({ param: { name: "number", in: "path" }, example: 12, type: "integer" });
export const ItemKeyParam = z
  .string()
  .regex(/^(?:task|m[1-9][0-9]*)$/, "an item is `task` (the task as a whole) or `m<k>` (its k-th milestone)")
  .meta({ param: { name: "item", in: "path" }, example: "m1" });
export const UnitIdParam = UnitIdSchema.meta({ param: { name: "unitId", in: "path" }, example: "成都市:市政府法制办" });

/** The parameters of routes about one task: `/{planId}/{number}`. */
export const TaskParams = z.object({ planId: PlanIdParam, number: TaskNumberParam });
/** The parameters of routes about one checklist item: `/{planId}/{number}/{item}`. */
export const ItemParams = z.object({ planId: PlanIdParam, number: TaskNumberParam, item: ItemKeyParam });

/** Routes that need a token. */
export const BEARER = [{ bearer: [] }];
