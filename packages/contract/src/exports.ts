import { HistoryRowSchema, LedgerRowSchema, PlanIdSchema, ProgressStatusSchema, UnitIdSchema } from "@taizhang/core";
import { z } from "zod";
import { AsOfQuery } from "./common.js";
import { XLSX_TYPE } from "./imports.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const EXPORT_FORMATS = ["xlsx", "csv", "json", "ics"] as const;

export const LedgerExportQuery = z.object({
  planId: PlanIdSchema.optional().meta({ description: "a plan's ledger" }),
  unitId: UnitIdSchema.optional().meta({ description: "a unit's checklist (with planId: within that plan)" }),
  status: ProgressStatusSchema.optional(),
  responsiblePerson: z.string().trim().min(1).max(50).optional().meta({ description: "only rows of this 责任人" }),
  format: z.enum(EXPORT_FORMATS).default("xlsx"),
  lang: z.enum(["zh", "en"]).default("zh").meta({ description: "headers and labels: Chinese (default) or English" }),
  history: z.enum(["none", "include", "only"]).default("none").meta({
    description:
      "the change history (变更记录) of the plan or unit: include = a 变更记录 sheet in the xlsx or a `history` array in the JSON; only = the history alone as its own file (xlsx, csv or json)",
  }),
  asOf: AsOfQuery,
});
export type LedgerExportQuery = z.infer<typeof LedgerExportQuery>;

export const LedgerExportJson = z.object({
  asOf: z.string(),
  rows: z.array(LedgerRowSchema.meta({ id: "LedgerRow" })).optional().meta({ description: "absent with history=only" }),
  history: z.array(HistoryRowSchema.meta({ id: "HistoryRow" })).optional().meta({ description: "with history=include or only: newest first" }),
});

/** Exports: a plan's ledger, a unit's checklist, or a filtered set of rows, as xlsx, CSV, JSON or a calendar (docs/api.md). */
export const exportRoutes = {
  exportLedger: defineRoute({
    operationId: "exportLedger",
    method: "get",
    path: "/api/exports/ledger",
    tags: ["exports"],
    summary: "The ledger (台账) as .xlsx, CSV (UTF-8 with BOM), JSON, or an iCalendar feed of its due dates: one row per (checklist item, unit)",
    request: { query: LedgerExportQuery },
    responses: {
      200: {
        description: "The file (Content-Disposition: attachment)",
        content: {
          [XLSX_TYPE]: { schema: { type: "string", format: "binary" } },
          "text/csv": { schema: { type: "string" } },
          "text/calendar": { schema: { type: "string", description: "format=ics: one all-day event per (item, unit) on its due date; stable UIDs" } },
          "application/json": { schema: LedgerExportJson },
        },
      },
      ...problemResponses(400, 401, 404),
    },
  }),
};
