import { UnitIdSchema } from "@taizhang/core";
import { z } from "zod";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";
import { ROLES } from "./tokens.js";

export const CallerSchema = z
  .object({
    tokenId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    unitId: UnitIdSchema.nullable(),
  })
  .meta({ id: "Caller" });
export type CallerInfo = z.infer<typeof CallerSchema>;

/**
 * GET /api/session's answer: the caller, or `signedIn: false` for a visit
 * without a (live) session — a normal state, so a 200 and not a 401.
 */
export const SessionSchema = z
  .discriminatedUnion("signedIn", [
    CallerSchema.extend({ signedIn: z.literal(true) }),
    z.object({ signedIn: z.literal(false).describe("未登录 no session cookie or bearer token, or the session has ended") }),
  ])
  .meta({ id: "Session" });
export type Session = z.infer<typeof SessionSchema>;

const tags = ["session"];

/** The web app's sign-in: the token goes into an httpOnly session cookie. */
export const sessionRoutes = {
  signIn: defineRoute({
    operationId: "signIn",
    method: "post",
    path: "/api/session",
    tags,
    summary: "Sign in with a token: sets the httpOnly session cookie",
    request: { body: { required: true, content: { "application/json": { schema: z.strictObject({ token: z.string().min(1).max(200) }).meta({ id: "SignIn" }) } } } },
    responses: {
      200: { description: "Who the token belongs to", content: { "application/json": { schema: CallerSchema } } },
      ...problemResponses(400, 401, 415),
    },
  }),
  getSession: defineRoute({
    operationId: "getSession",
    method: "get",
    path: "/api/session",
    tags,
    summary: "Who am I: the caller of the session cookie or bearer token; `signedIn: false` without one",
    responses: {
      200: { description: "The caller, or that nobody is signed in", content: { "application/json": { schema: SessionSchema } } },
      ...problemResponses(401),
    },
  }),
  signOut: defineRoute({
    operationId: "signOut",
    method: "delete",
    path: "/api/session",
    tags,
    summary: "Sign out: clears the session cookie",
    responses: { 204: { description: "Signed out" } },
  }),
};
