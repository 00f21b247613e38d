import { ChecklistItemIdSchema, EDITABLE_LEDGER_COLUMNS, ProgressFieldsSchema, UnitIdSchema } from "@taizhang/core";
import { z } from "zod";

/** What an uploaded ledger would change (or changed): POST /api/imports/ledger, and the import-rejected problem. */
const FieldValue = z.union([
  ProgressFieldsSchema.shape.status,
  ProgressFieldsSchema.shape.percent,
  ProgressFieldsSchema.shape.note,
  ProgressFieldsSchema.shape.evidence,
  ProgressFieldsSchema.shape.measuredValue,
  ProgressFieldsSchema.shape.responsiblePerson,
]);

const FieldChange = z
  .object({
    field: z.enum(EDITABLE_LEDGER_COLUMNS),
    before: FieldValue.meta({ description: "the stored value" }),
    after: FieldValue.meta({ description: "the value in the file" }),
  })
  .meta({ id: "LedgerFieldChange" });

export const LEDGER_IMPORT_REFUSALS = ["unknown_row", "invalid_cell", "forbidden", "stale", "duplicate", "orphaned"] as const;

const RowPreview = z
  .object({
    line: z.number().int().describe("the row's number in the spreadsheet (1 is the header)"),
    outcome: z.enum(["change", "unchanged", "rejected"]),
    itemId: ChecklistItemIdSchema.nullable(),
    unitId: UnitIdSchema.nullable(),
    label: z.string().nullable().describe("task no. and title · item · unit"),
    changes: z.array(FieldChange),
    reason: z.enum(LEDGER_IMPORT_REFUSALS).nullable(),
    message: z.string().nullable().describe("why the row is refused, for people"),
  })
  .meta({ id: "LedgerImportRow" });

export const LedgerImportResultSchema = z
  .object({
    file: z.object({
      name: z.string().nullable(),
      format: z.enum(["xlsx", "csv"]),
      sheet: z.string().nullable(),
      ignoredHeaders: z.array(z.string()).describe("headers that name no ledger column; their cells were not read"),
    }),
    summary: z.object({ rows: z.number().int(), changes: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    rows: z.array(RowPreview).describe("rows that change or are refused, in file order; unchanged rows are only counted"),
    applied: z.boolean().describe("whether the changes were written (always false for a preview)"),
    written: z.number().int().describe("(item, unit) rows written"),
  })
  .meta({ id: "LedgerImportResult" });
export type LedgerImportResult = z.infer<typeof LedgerImportResultSchema>;
