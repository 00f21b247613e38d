import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { ApiError, problemResponses } from "../problem.js";

const tags = ["health"];

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store answers). */
export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/healthz",
      tags,
      summary: "Liveness: the process is up",
      responses: { 200: { description: "Up", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
    }),
    (c) => c.json({ status: "ok" as const }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/readyz",
      tags,
      summary: "Readiness: the store answers",
      responses: {
        200: {
          description: "Ready",
          content: { "application/json": { schema: z.object({ status: z.literal("ready"), plans: z.number().int() }) } },
        },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      let plans: number;
      try {
        plans = (await c.var.ledger.listPlans()).length;
      } catch (error) {
        c.var.logger.warn("readiness check failed", { requestId: c.var.requestId, error: error instanceof Error ? error.message : String(error) });
        throw new ApiError("not-ready", "the store does not answer");
      }
      return c.json({ status: "ready" as const, plans }, 200);
    },
  );
