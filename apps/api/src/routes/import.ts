import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { applyImportCorrections, checkPlanLimits, decideReplacement, ImportCorrectionsSchema, type importPlan, JurisdictionSchema, PLAN_HEADING_FIELDS, planHeading, PlanIdSchema, type PlanHeading } from "@taizhang/core";
import { actorOf, type AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { callerOf, requireRole } from "../auth.js";
import { ApiError, problemResponses } from "../problem.js";
import { BooleanQuery, ImportWarningResponse, PlanHeadingResponse, PlanResponse } from "../schemas.js";
import { importPlanOffLoop } from "../workers/parse.js";
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
    jurisdiction: z.string().optional().describe("JSON {name, level, parent}: the jurisdiction the admin set or confirmed in the preview"),
  })
  .openapi("ImportForm");

const ImportJsonBody = z
  .object({
    text: z.string().min(1).describe("the plan's full text"),
    id: PlanIdSchema.optional().describe("plan id to use instead of <jurisdiction slug>-<start year>"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("file name recorded in the provenance"),
    jurisdiction: JurisdictionSchema.optional().describe(
      "the jurisdiction whose plan it is, as the admin set or confirmed it in the preview; scopes the unit ids and, without id, gives the plan id",
    ),
    corrections: ImportCorrectionsSchema.optional().describe("an admin's corrections (units per task, deadlines), applied before storing"),
  })
  .openapi("ImportRequest");

/** Warnings that mean the importer could not be sure whose plan it is: storing then needs the admin's jurisdiction. */
const UNSURE_JURISDICTION = new Set(["jurisdiction-unknown", "jurisdiction-ambiguous", "jurisdiction-guessed"]);

const ImportResponse = z
  .object({
    plan: PlanResponse,
    warnings: z.array(ImportWarningResponse),
    stored: z.boolean().describe("false for a dry run"),
    action: z.enum(["inserted", "updated", "unchanged"]).nullable().describe("what storing did; null for a dry run"),
    existing: PlanHeadingResponse.nullable().describe("the plan already stored under the id, to compare with before replacing; null when none"),
    differs: z.array(z.enum(PLAN_HEADING_FIELDS)).describe("what differs between the stored plan and this one (replacing then needs replaceDifferent=true)"),
    jurisdictionConfirmed: z
      .boolean()
      .describe("false when the importer was unsure whose plan it is (a warning says why): storing then needs the jurisdiction in the request"),
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
      "With dryRun=true nothing is stored and the answer is 200: the plan as it would be stored (id, jurisdiction, units), the plan " +
      "stored under that id if any, and what differs. A plan whose id is already stored is refused (409 plan-exists) unless " +
      "replace=true; replacing updates the plan's text and keeps every recorded progress, but a stored plan whose title, 文号 or " +
      "jurisdiction differ is refused (409 plan-differs, naming both) unless replaceDifferent=true as well. When the importer is " +
      "unsure whose plan it is (unknown, ambiguous or guessed jurisdiction), storing needs the jurisdiction in the JSON body (422 " +
      "jurisdiction-unconfirmed).",
    middleware: [requireRole("admin")],
    security: [{ bearer: [] }],
    request: {
      query: z.object({
        dryRun: BooleanQuery.default(false).openapi({ type: "string", enum: ["true", "false"] }),
        replace: BooleanQuery.default(false).openapi({ type: "string", enum: ["true", "false"] }),
        replaceDifferent: BooleanQuery.default(false).openapi({
          type: "string",
          enum: ["true", "false"],
          description: "with replace=true: also replace a stored plan whose title, 文号 or jurisdiction differ (another plan under the same id)",
        }),
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
      ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
    },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const input = await readImportRequest(c.req, () => c.req.valid("json"), query.id);
    // On a parse worker (workers/parse-pool.ts): a long text does not stall the event loop.
    const imported = await importPlanOffLoop(
      input.text,
      {
        ...(input.id ? { id: input.id } : {}),
        ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
        sourceName: input.sourceName,
        ...(input.sha256 ? { sha256: input.sha256 } : {}),
        ...(input.format ? { format: input.format } : {}),
      },
      { config: c.var.config },
    );
    const { plan, warnings } = input.corrections ? withCorrections(imported, input.corrections) : imported;
    // Every checklist read and export scales with the plan: one too large for them is refused before anything is stored.
    const tooLarge = checkPlanLimits(plan, c.var.config.planLimits);
    if (tooLarge) throw new ApiError("plan-too-large", tooLarge.message, { limit: { name: tooLarge.setting, value: tooLarge.max } });
    const stored = (await c.var.ledger.listPlans()).find((p) => p.id === plan.id);
    const existing: PlanHeading | null = stored ? planHeading(stored) : null;
    const decision = decideReplacement(existing, planHeading(plan), { replace: query.replace, replaceDifferent: query.replaceDifferent });
    const differs = decision.ok || existing === null ? [] : decision.differs;
    const unsure = warnings.find((w) => UNSURE_JURISDICTION.has(w.code));
    const jurisdictionConfirmed = input.jurisdiction !== undefined || unsure === undefined;
    const preview = { plan, warnings, existing, differs, jurisdictionConfirmed };
    if (query.dryRun) return c.json({ ...preview, stored: false, action: null }, 200);
    if (!jurisdictionConfirmed) {
      throw new ApiError(
        "jurisdiction-unconfirmed",
        `${unsure?.message ?? "the jurisdiction is not certain"}: send the jurisdiction ({name, level, parent}) with the text to store it`,
      );
    }
    if (!decision.ok) {
      throw new ApiError(decision.code, decision.message, { existing: decision.existing, incoming: decision.incoming, differs: decision.differs });
    }
    const caller = actorOf(callerOf(c));
    const { action } = await c.var.ledger.loadPlan(plan, { actor: { name: caller.name, source: caller.source } });
    return c.json({ ...preview, stored: true, action }, 201);
  },
);

/** The import with an admin's corrections applied: their `corrected` warnings join the importer's. */
function withCorrections(imported: ReturnType<typeof importPlan>, corrections: Parameters<typeof applyImportCorrections>[1]): ReturnType<typeof importPlan> {
  const corrected = applyImportCorrections(imported.plan, corrections);
  return { plan: corrected.plan, warnings: [...imported.warnings, ...corrected.warnings] };
}
