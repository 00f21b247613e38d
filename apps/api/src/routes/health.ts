import { routes } from "@taizhang/contract";
import { ApiError } from "../problem.js";
import { serveRoute } from "../use-case-routes.js";

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the store answers). */
export const healthRoutes = serveRoute(routes.healthz, (c) => c.json({ status: "ok" as const }, 200)).route(
  "/",
  serveRoute(routes.readyz, async (c) => {
    let plans: number;
    try {
      plans = (await c.var.ledger.listPlans()).length;
    } catch (error) {
      c.var.logger.warn("readiness check failed", { requestId: c.var.requestId, error: error instanceof Error ? error.message : String(error) });
      throw new ApiError("not-ready", "the store does not answer");
    }
    return c.json({ status: "ready" as const, plans }, 200);
  }),
);
