import { UnitIdSchema } from "@taizhang/core";
import { z } from "zod";
import { BEARER } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

export const ROLES = ["admin", "office", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const TokenRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    unitId: UnitIdSchema.nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "TokenRecord" });
export type TokenRecord = z.infer<typeof TokenRecordSchema>;

export const CreateTokenRequest = z
  .object({
    role: z.enum(ROLES),
    unit: z.string().trim().min(1).max(200).optional().describe("for office tokens: the unit's id, name or alias"),
    jurisdiction: z.string().trim().min(1).max(100).optional().describe("to tell apart units of the same name"),
    name: z.string().trim().min(1).max(200).optional().describe("shown in history; default: the unit and role"),
  })
  .strict()
  .refine((b) => b.role !== "office" || b.unit !== undefined, { message: "an office token needs a unit", path: ["unit"] })
  .meta({ id: "CreateToken" });

export const CreatedTokenResponse = z.object({ token: z.string(), record: TokenRecordSchema }).meta({ id: "CreatedToken" });

const tags = ["tokens"];

/** Access tokens (admin only): create (the secret is shown once), list, revoke. */
export const tokenRoutes = {
  createToken: defineRoute({
    operationId: "createToken",
    method: "post",
    path: "/api/tokens",
    tags,
    summary: "Admin: create a token; its secret is in this response and nowhere else",
    security: BEARER,
    request: { body: { required: true, content: { "application/json": { schema: CreateTokenRequest } } } },
    responses: {
      201: { description: "The new token", content: { "application/json": { schema: CreatedTokenResponse } } },
      ...problemResponses(400, 401, 403, 404, 409, 415, 422),
    },
  }),
  listTokens: defineRoute({
    operationId: "listTokens",
    method: "get",
    path: "/api/tokens",
    tags,
    summary: "Admin: list tokens (never their secrets)",
    security: BEARER,
    responses: {
      200: { description: "Every token", content: { "application/json": { schema: z.object({ items: z.array(TokenRecordSchema) }) } } },
      ...problemResponses(401, 403),
    },
  }),
  revokeToken: defineRoute({
    operationId: "revokeToken",
    method: "delete",
    path: "/api/tokens/{id}",
    tags,
    summary: "Admin: revoke a token (it stops working at once)",
    security: BEARER,
    request: { params: z.object({ id: z.string().min(1).max(100).meta({ param: { name: "id", in: "path" } }) }) },
    responses: {
      200: { description: "The revoked token", content: { "application/json": { schema: TokenRecordSchema } } },
      ...problemResponses(401, 403, 404),
    },
  }),
};
