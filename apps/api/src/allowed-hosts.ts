import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";
import { ApiError } from "./problem.js";

/** Paths answered whatever the Host: health probes (an orchestrator asks by the pod's address), which reveal nothing. */
const ANY_HOST = new Set(["/healthz", "/readyz"]);

/** Whether `host` (a Host header: name or [address], optional :port) is one of `allowed` (an entry without a port allows every port). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.trim().toLowerCase();
  const name = h.startsWith("[") ? h.slice(0, h.indexOf("]") + 1) : h.replace(/:\d+$/, "");
  return allowed.some((entry) => entry === h || entry === name);
}

/**
 * Refuses a request whose Host is not on TAIZHANG_HOSTS with 421 (a DNS-rebinding page names its own host),
 * so the server's own origin — the CSRF check, links — always comes from an allowed host.
 */
export const allowedHosts = createMiddleware<AppEnv>(async (c, next) => {
  if (!ANY_HOST.has(c.req.path)) {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!hostAllowed(host, c.var.config.hosts)) {
      throw new ApiError("misdirected-request", `this server does not answer for the host ${JSON.stringify(host.slice(0, 100))}; add it to TAIZHANG_HOSTS`);
    }
  }
  await next();
});
