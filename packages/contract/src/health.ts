import { z } from "zod";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

const tags = ["health"];

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store answers). */
export const healthRoutes = {
  healthz: defineRoute({
    operationId: "healthz",
    method: "get",
    path: "/healthz",
    tags,
    summary: "Liveness: the process is up",
    responses: { 200: { description: "Up", content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } } } },
  }),
  readyz: defineRoute({
    operationId: "readyz",
    method: "get",
    path: "/readyz",
    tags,
    summary: "Readiness: the store answers",
    responses: {
      200: { description: "Ready", content: { "application/json": { schema: z.object({ status: z.literal("ready"), plans: z.number().int() }) } } },
      ...problemResponses(503),
    },
  }),
};
