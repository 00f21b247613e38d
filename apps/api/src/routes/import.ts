import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PlanIdSchema } from "@taizhang/core";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { requireRole } from "../auth.js";
import { ApiError, problemResponses } from "../problem.js";
import { BooleanQuery, ImportWarningResponse, PlanResponse } from "../schemas.js";
import { importPlanOffLoop } from "../workers/parse.js";

const tags = ["import"];

const ImportJsonBody = z
  .object({
    text: z.string().min(1).describe("the plan's full text"),
    id: PlanIdSchema.optional().describe("plan id to use instead of <jurisdiction slug>-<start year>"),
    sourceName: z.string().trim().min(1).max(200).optional().describe("file name recorded in the provenance"),
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
    summary: "Admin: import a new plan from its text (text/plain, or JSON {text, id})",
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
    const contentType = (c.req.header("content-type") ?? "").toLowerCase();
    let input: { text: string; id?: string; sourceName?: string };
    if (contentType.startsWith("text/plain")) {
      input = { text: await c.req.text(), ...(query.id ? { id: query.id } : {}) };
    } else if (contentType !== "") {
      const body = c.req.valid("json");
      input = typeof body === "string" ? { text: body } : body;
    } else {
      throw new ApiError("unsupported-media-type", "send the plan as text/plain, or as application/json {text, id}");
    }
    // On a parse worker (workers/parse-pool.ts): a long text does not stall the event loop.
    const { plan, warnings } = await importPlanOffLoop(
      input.text,
      {
        ...(input.id ?? query.id ? { id: input.id ?? query.id } : {}),
        sourceName: input.sourceName ?? "upload.txt",
      },
      { config: c.var.config },
    );
    if (query.dryRun) return c.json({ plan, warnings, stored: false, action: null }, 200);
    const exists = (await c.var.ledger.listPlans()).some((p) => p.id === plan.id);
    if (exists && !query.replace) {
      throw new ApiError("plan-exists", `a plan ${plan.id} is already stored; pass replace=true to update its text (progress is kept) or give another id`);
    }
    const { action } = await c.var.ledger.loadPlan(plan);
    return c.json({ plan, warnings, stored: true, action }, 201);
  },
);
