import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { TokenRecord } from "@taizhang/store";
import { deleteCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { SESSION_COOKIE } from "../auth.js";
import { ApiError, problemResponses } from "../problem.js";
import { CallerSchema } from "@taizhang/contract";

const tags = ["session"];

const callerJson = (t: TokenRecord) => ({ tokenId: t.id, name: t.name, role: t.role, unitId: t.unitId });

/** The web app's sign-in: the token goes into an httpOnly cookie that the API accepts like a bearer token. */
export const sessionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Sign in with a token: sets the httpOnly session cookie",
      request: {
        body: { required: true, content: { "application/json": { schema: z.object({ token: z.string().min(1).max(200) }).openapi("SignIn") } } },
      },
      responses: {
        200: { description: "Who the token belongs to", content: { "application/json": { schema: CallerSchema } } },
        ...problemResponses(400, 401, 415),
      },
    }),
    async (c) => {
      const record = await c.var.ledger.authenticate(c.req.valid("json").token);
      if (!record) throw new ApiError("invalid-token", "the token is unknown or revoked");
      setCookie(c, SESSION_COOKIE, c.req.valid("json").token, {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        secure: new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https",
      });
      return c.json(callerJson(record), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Who am I: the caller of the session cookie or bearer token",
      responses: {
        200: { description: "The caller", content: { "application/json": { schema: CallerSchema } } },
        ...problemResponses(401),
      },
    }),
    (c) => {
      const caller = c.var.caller;
      if (caller === null) throw new ApiError("unauthorized", "not signed in");
      return c.json(callerJson(caller.token), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/",
      tags,
      summary: "Sign out: clears the session cookie",
      responses: { 204: { description: "Signed out" } },
    }),
    (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "Strict" });
      return c.body(null, 204);
    },
  );
