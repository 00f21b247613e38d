import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { Role } from "@taizhang/store";
import type { AppEnv, Caller } from "./app-env.js";
import { ApiError } from "./problem.js";

/** The web app's session cookie: holds a random session id (never the token), httpOnly, never readable by scripts. */
export const SESSION_COOKIE = "taizhang_session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Requests allowed without a token even when reading requires one. */
const OPEN_ROUTES = [
  { method: "POST", path: "/api/session" },
  // "Am I signed in?" answers `signedIn: false` rather than a 401, even when reading needs a token.
  { method: "GET", path: "/api/session" },
];

/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session
 * cookie. A bad bearer token is a 401 at once; a stale cookie just makes the
 * request anonymous. Cookie-authenticated writes must come from our own
 * origin (or a configured one), so another site cannot ride the cookie.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  let caller: Caller | null = null;
  if (header !== undefined) {
    const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
    const token = match?.[1];
    if (token === undefined) throw new ApiError("invalid-token", "the Authorization header must be `Bearer <token>`");
    const record = await c.var.ledger.authenticate(token);
    if (!record) throw new ApiError("invalid-token", "the bearer token is unknown or revoked");
    caller = { token: record, via: "bearer" };
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie !== undefined && cookie !== "") {
      const record = await c.var.ledger.authenticateSession(cookie);
      if (record) caller = { token: record, via: "cookie" };
    }
  }
  if (caller?.via === "cookie" && !SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header("origin");
    const own = new URL(c.req.url).origin;
    if (c.req.header("sec-fetch-site") === "cross-site" || (origin !== undefined && origin !== own && !c.var.config.corsOrigins.includes(origin))) {
      throw new ApiError("cross-origin-write", "a write with the session cookie must come from the ledger's own pages");
    }
  }
  c.set("caller", caller);
  const open = OPEN_ROUTES.some((r) => r.method === c.req.method && r.path === c.req.path);
  if (caller === null && c.var.config.readRequiresToken && !open) {
    throw new ApiError("unauthorized", "this server requires a token for every request (TAIZHANG_READ_REQUIRES_TOKEN)");
  }
  await next();
});

/** Lets the request through only for a caller with one of `roles`: 401 without a token, 403 with another role. */
export const requireRole = (...roles: Role[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const caller = c.var.caller;
    if (caller === null) throw new ApiError("unauthorized", "this request needs a bearer token");
    if (!roles.includes(caller.token.role)) {
      throw new ApiError("forbidden", `a ${caller.token.role} token may not do this; it needs ${roles.join(" or ")}`);
    }
    await next();
  });

/** The caller of a route guarded by {@link requireRole}. */
export function callerOf(c: { var: AppEnv["Variables"] }): Caller {
  const caller = c.var.caller;
  if (caller === null) throw new ApiError("unauthorized", "this request needs a bearer token");
  return caller;
}
