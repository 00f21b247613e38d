import { OpenAPIHono } from "@hono/zod-openapi";
import type { TokenRecord } from "@taizhang/store";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.js";
import { SESSION_COOKIE } from "../auth.js";
import { ApiError } from "../problem.js";
import { routes } from "@taizhang/contract";
import { serveRoute } from "../use-case-routes.js";

const callerJson = (t: TokenRecord) => ({ tokenId: t.id, name: t.name, role: t.role, unitId: t.unitId });

/**
 * The web app's sign-in: a server-side session (its random id in an httpOnly cookie, its hash in the store,
 * expiring after TAIZHANG_SESSION_HOURS) that the API accepts like the token it was opened with. The routes are
 * the contract's (signIn, getSession, signOut); they answer with cookies, so they are served here.
 */
export const sessionRoutes = new OpenAPIHono<AppEnv>()
  .route(
    "/",
    serveRoute(routes.signIn, async (c, { json }) => {
      const record = await c.var.ledger.authenticate(json.token);
      if (!record) throw new ApiError("invalid-token", "the token is unknown or revoked");
      // A server-side session: the cookie holds a random id the store keeps only the hash of, never the token.
      const lifetimeMs = Math.round(c.var.config.sessionHours * 3_600_000);
      const session = await c.var.ledger.createSession(record.id, lifetimeMs);
      setCookie(c, SESSION_COOKIE, session.sessionId, {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        maxAge: Math.floor(lifetimeMs / 1000),
        secure: new URL(c.req.url).protocol === "https:" || (c.var.config.trustProxy && c.req.header("x-forwarded-proto") === "https"),
      });
      return c.json(callerJson(record), 200);
    }),
  )
  .route(
    "/",
    serveRoute(routes.getSession, (c) => {
      // Nobody signed in is a state, not an error: a signed-out page load logs no failed request.
      // (A bad bearer token is still a 401, from the authenticate middleware.)
      const caller = c.var.caller;
      if (caller === null) return c.json({ signedIn: false as const }, 200);
      return c.json({ signedIn: true as const, ...callerJson(caller.token) }, 200);
    }),
  )
  .route(
    "/",
    serveRoute(routes.signOut, async (c) => {
      // Sign-out really signs out: the session is deleted, so the old cookie value is refused from now on.
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie !== undefined && cookie !== "") await c.var.ledger.deleteSession(cookie);
      deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Strict" });
      return c.body(null, 204);
    }),
  );
