import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { applyImportCorrections, ImportCorrectionsSchema, importPlan, PlanIdSchema } from "@taizhang/core";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { requireRole } from "../auth.js";
import { ApiError, problemResponses } from "../problem.js";
import { BooleanQuery, ImportWarningResponse, PlanResponse } from "../schemas.js";
import { PLAN_FILE_TYPES, readImportRequest } from "./import-upload.js";

const tags = ["import"];

const FileBody = z.any().openapi({ type: "string", format: "binary", description: "the plan's file itself: .docx, .pdf, .html/.htm, .xlsx, .doc/.wps or text (the format is read from its content)" });
/** Each raw file type the route takes (the bytes are read by readImportRequest). */
const PLAN_FILE_BODIES = Object.fromEntries(PLAN_FILE_TYPES.map((type) => [type, { schema: FileBody }])) as Record<(typeof PLAN_FILE_TYPES)[number], { schema: typeof FileBody }>;

const ImportFormBody = z
  .object({
    file: z.custom<File>((v) => v instanceof File, "the form's `file` part must be the plan's file").openapi({ type: "string", format: "binary", description: "the plan's file: .docx, .pdf, .html/.htm, .xlsx, .doc/.wps or text" }),
    id: PlanIdSchema.optional().describe("plan id to use instead of <jurisdiction slug>-<start year>"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("file name recorded in the provenance (the file's own name otherwise)"),
    corrections: z.string().optional().describe("JSON ImportCorrections (units per task, deadlines), applied before storing"),
  })
  .openapi("ImportForm");

const ImportJsonBody = z
  .object({
    text: z.string().min(1).describe("the plan's full text"),
    id: PlanIdSchema.optional().describe("plan id to use instead of <jurisdiction slug>-<start year>"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("file name recorded in the provenance"),
    corrections: ImportCorrectionsSchema.optional().describe("an admin's corrections (units per task, deadlines), applied before storing"),
  })
  .openapi("ImportRequest");

const ImportResponse = z
  .object({
    plan: PlanResponse,
    warnings: z.array(ImportWarningResponse),
    stored: z.boolean().describe("false for a dry run"),
    action: z.enum(["inserted", "updated", "unchanged"]).nullable().describe("what storing did; null for a dry run"),
  })
  .openapi("ImportResult");

/** Import: an admin sends a plan's text and gets the plan the importer read, with its warnings; stored unless a dry run. */
export const importRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    summary: "Admin: import a new plan from its text or its file (text/plain, JSON {text, id}, multipart `file`, or a .docx/.pdf/.html/.xlsx/.doc body)",
    description:
      "With dryRun=true nothing is stored and the answer is 200. A plan whose id is already stored is refused (409) " +
      "unless replace=true; replacing updates the plan's text and keeps every recorded progress.",
    middleware: [requireRole("admin")],
    security: [{ bearer: [] }],
    request: {
      query: z.object({
        dryRun: BooleanQuery.default(false).openapi({ type: "string", enum: ["true", "false"] }),
        replace: BooleanQuery.default(false).openapi({ type: "string", enum: ["true", "false"] }),
        id: PlanIdSchema.optional().openapi({ description: "plan id for a text/plain body" }),
      }),
      body: {
        required: false,
        content: {
          "application/json": { schema: ImportJsonBody },
          "text/plain": { schema: z.string().openapi({ description: "the plan's full text, UTF-8" }) },
          "multipart/form-data": { schema: ImportFormBody },
          ...PLAN_FILE_BODIES,
        },
      },
    },
    responses: {
      200: { description: "Dry run: what would be stored", content: { "application/json": { schema: ImportResponse } } },
      201: { description: "Imported and stored", content: { "application/json": { schema: ImportResponse } } },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422),
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const input = await readImportRequest(c.req, () => c.req.valid("json"), query.id);
    const imported = importPlan(input.text, {
      ...(input.id ? { id: input.id } : {}),
      sourceName: input.sourceName,
      ...(input.sha256 ? { sha256: input.sha256 } : {}),
      ...(input.format ? { format: input.format } : {}),
    });
    const { plan, warnings } = input.corrections ? withCorrections(imported, input.corrections) : imported;
    if (query.dryRun) return c.json({ plan, warnings, stored: false, action: null }, 200);
    const exists = (await c.var.ledger.listPlans()).some((p) => p.id === plan.id);
    if (exists && !query.replace) {
      throw new ApiError("plan-exists", `a plan ${plan.id} is already stored; pass replace=true to update its text (progress is kept) or give another id`);
    }
    const { action } = await c.var.ledger.loadPlan(plan);
    return c.json({ plan, warnings, stored: true, action }, 201);
  },
);

/** The import with an admin's corrections applied: their `corrected` warnings join the importer's. */
function withCorrections(imported: ReturnType<typeof importPlan>, corrections: Parameters<typeof applyImportCorrections>[1]): ReturnType<typeof importPlan> {
  const corrected = applyImportCorrections(imported.plan, corrections);
  return { plan: corrected.plan, warnings: [...imported.warnings, ...corrected.warnings] };
}
