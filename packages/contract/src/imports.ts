import { ImportCorrectionsSchema, JurisdictionSchema, PLAN_HEADING_FIELDS, PlanHeadingSchema, PlanIdSchema } from "@taizhang/core";
import { z } from "zod";
import { BEARER, BooleanQuery, ImportWarningResponse, PlanResponse } from "./common.js";
import { LedgerImportResultSchema } from "./ledger-import.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The raw file types the plan import takes as the body itself (the format is read from the bytes). */
export const PLAN_FILE_TYPES = [
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  XLSX_TYPE,
  "application/pdf",
  "text/html",
  "application/xhtml+xml",
  "application/msword",
  "application/vnd.ms-works",
  "application/wps-office.doc",
] as const;

const PLAN_FILE = { type: "string" as const, format: "binary", description: "the plan's file itself: .docx, .pdf, .html/.htm, .xlsx, .doc/.wps or text (the format is read from its content)" };

export const ImportRequest = z
  .object({
    text: z.string().min(1).describe("the plan's full text"),
    id: PlanIdSchema.optional().describe("plan id to use instead of <jurisdiction slug>-<start year>"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("file name recorded in the provenance"),
    jurisdiction: JurisdictionSchema.optional().describe(
      "the jurisdiction whose plan it is, as the admin set or confirmed it in the preview; scopes the unit ids and, without id, gives the plan id",
    ),
    corrections: ImportCorrectionsSchema.optional().describe("an admin's corrections (units per task, deadlines), applied before storing"),
  })
  .strict()
  .meta({ id: "ImportRequest" });

export const ImportForm = z
  .object({
    file: z.custom<File>((v) => v instanceof File, "the form's `file` part must be the plan's file").meta({ type: "string", format: "binary", description: "the plan's file: .docx, .pdf, .html/.htm, .xlsx, .doc/.wps or text" }),
    id: PlanIdSchema.optional().describe("plan id to use instead of <jurisdiction slug>-<start year>"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("file name recorded in the provenance (the file's own name otherwise)"),
    corrections: z.string().optional().describe("JSON ImportCorrections (units per task, deadlines), applied before storing"),
    jurisdiction: z.string().optional().describe("JSON {name, level, parent}: the jurisdiction the admin set or confirmed in the preview"),
  })
  .meta({ id: "ImportForm" });

export const ImportResponse = z
  .object({
    plan: PlanResponse,
    warnings: z.array(ImportWarningResponse),
    stored: z.boolean().describe("false for a dry run"),
    action: z.enum(["inserted", "updated", "unchanged"]).nullable().describe("what storing did; null for a dry run"),
    existing: PlanHeadingSchema.nullable().describe("the plan already stored under the id; null when none"),
    differs: z.array(z.enum(PLAN_HEADING_FIELDS)).describe("what differs between the stored plan and this one (replacing then needs replaceDifferent=true)"),
    jurisdictionConfirmed: z.boolean().describe("false when the importer was unsure whose plan it is: storing then needs the jurisdiction in the body"),
  })
  .meta({ id: "ImportResult" });
export type ImportResult = z.infer<typeof ImportResponse>;

const toggle = (description: string) => BooleanQuery.default(false).meta({ type: "string", enum: ["true", "false"], description });

/** Imports: a plan's text (admins), and an edited ledger's progress (offices and admins). */
export const importRoutes = {
  importPlan: defineRoute({
    operationId: "importPlan",
    method: "post",
    path: "/api/import",
    tags: ["import"],
    summary: "Admin: import a new plan from its text or its file (text/plain, JSON {text, id}, multipart `file`, or a .docx/.pdf/.html/.xlsx/.doc body)",
    description:
      "With dryRun=true nothing is stored and the answer is 200: the plan as it would be stored (id, jurisdiction, units), the plan " +
      "stored under that id if any, and what differs. A plan whose id is already stored is refused (409 plan-exists) unless " +
      "replace=true; replacing updates the plan's text and keeps every recorded progress, but a stored plan whose title, 文号 or " +
      "jurisdiction differ is refused (409 plan-differs, naming both) unless replaceDifferent=true as well. When the importer is " +
      "unsure whose plan it is (unknown, ambiguous or guessed jurisdiction), storing needs the jurisdiction in the JSON body (422 " +
      "jurisdiction-unconfirmed).",
    security: BEARER,
    request: {
      query: z.object({
        dryRun: toggle("only read the plan; store nothing"),
        replace: toggle("update a stored plan of the same id"),
        replaceDifferent: toggle("with replace=true: also replace a stored plan whose title, 文号 or jurisdiction differ (another plan under the same id)"),
        id: PlanIdSchema.optional().meta({ description: "plan id for a text/plain body" }),
      }),
      body: {
        required: false,
        content: {
          "application/json": { schema: ImportRequest },
          "text/plain": { schema: { type: "string", description: "the plan's full text, UTF-8" } },
          "multipart/form-data": { schema: ImportForm },
          ...(Object.fromEntries(PLAN_FILE_TYPES.map((type) => [type, { schema: PLAN_FILE }])) as Record<(typeof PLAN_FILE_TYPES)[number], { schema: typeof PLAN_FILE }>),
        },
      },
    },
    responses: {
      200: { description: "Dry run: what would be stored", content: { "application/json": { schema: ImportResponse } } },
      201: { description: "Imported and stored", content: { "application/json": { schema: ImportResponse } } },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
    },
  }),
  importLedger: defineRoute({
    operationId: "importLedger",
    method: "post",
    path: "/api/imports/ledger",
    tags: ["exports"],
    summary: "Upload an edited ledger (.xlsx or CSV, as exported): preview what it would change row by row, or apply it",
    description:
      "Rows are matched by the hidden 事项编号/单位编号 columns (else 规划 + 任务序号 + 事项 + 单位). A row changes the fields whose cells differ " +
      "from the version it was exported at (版本); a row edited in the file that someone changed in the store since is refused as stale, " +
      "as are unknown rows, invalid cells, duplicates and (for an office token) other units' rows. With apply=true the changes are written " +
      "in one transaction with history source `import`: all of them, or none while any row is refused (unless skipRejected=true, which " +
      "writes the valid rows). A file that is not a spreadsheet, lacks the matching columns or holds formulas in read columns is refused whole (422), " +
      "as is one past an upload limit (rows, cells in a row, .xlsx entries and unpacked sizes; 413 for the file's size): `limit` names the setting and its value. " +
      "The file is read on a worker thread; when all are busy and the queue is full the answer is 503 `busy`.",
    security: BEARER,
    request: {
      query: z.object({
        apply: toggle("write the changes (default: only preview)"),
        skipRejected: toggle("with apply: write the valid rows even if some are refused"),
        fileName: z.string().trim().min(1).max(200).optional().meta({ description: "the file's name, kept in each history entry's note" }),
      }),
      body: {
        required: true,
        content: {
          [XLSX_TYPE]: { schema: { type: "string", format: "binary" } },
          "text/csv": { schema: { type: "string", description: "UTF-8 (with or without BOM) or GB18030" } },
          "multipart/form-data": {
            schema: { type: "object", properties: { file: { type: "string", format: "binary", description: "the edited ledger" } }, required: ["file"] },
          },
          "application/octet-stream": { schema: { type: "string", format: "binary", description: "the file's bytes; xlsx or CSV is told by its content" } },
        },
      },
    },
    responses: {
      200: { description: "The preview, or what was applied", content: { "application/json": { schema: LedgerImportResultSchema } } },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
    },
  }),
};
