import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { UnitId } from "@taizhang/core";
import type { AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { requireRole } from "../auth.js";
import { ApiError, problemResponses } from "../problem.js";
import { ROLES, TokenRecordSchema } from "../schemas.js";

const tags = ["tokens"];

const CreateTokenBody = z
  .object({
    role: z.enum(ROLES),
    unit: z.string().trim().min(1).max(200).optional().describe("for office tokens: the unit's id, name or alias"),
    jurisdiction: z.string().trim().min(1).max(100).optional().describe("to tell apart units of the same name"),
    name: z.string().trim().min(1).max(200).optional().describe("shown in history; default: the unit and role"),
  })
  .refine((b) => b.role !== "office" || b.unit !== undefined, { message: "an office token needs a unit", path: ["unit"] })
  .openapi("CreateToken");

/** Access tokens (admin only): create (the secret is shown once), list, revoke. */
export const tokenRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Admin: create a token; its secret is in this response and nowhere else",
      middleware: [requireRole("admin")],
      security: [{ bearer: [] }],
      request: { body: { required: true, content: { "application/json": { schema: CreateTokenBody } } } },
      responses: {
        201: {
          description: "The new token",
          content: { "application/json": { schema: z.object({ token: z.string(), record: TokenRecordSchema }).openapi("CreatedToken") } },
        },
        ...problemResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      let unitId: UnitId | null = null;
      let unitName = "";
      if (body.unit !== undefined) {
        const found = await c.var.ledger.resolveUnit(body.unit, body.jurisdiction);
        const [unit] = found;
        if (!unit) throw new ApiError("not-found", `no unit ${body.unit}${body.jurisdiction ? ` in ${body.jurisdiction}` : ""}`);
        if (found.length > 1) {
          throw new ApiError("conflict", `${body.unit} names ${found.length} units (${found.map((u) => u.id).join(", ")}); give the id or a jurisdiction`);
        }
        unitId = unit.id;
        unitName = unit.name;
      }
      const name = body.name ?? (unitId ? `${unitName} ${body.role}` : body.role);
      const created = await c.var.ledger.createToken({ name, role: body.role, unitId });
      return c.json(created, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "Admin: list tokens (never their secrets)",
      middleware: [requireRole("admin")],
      security: [{ bearer: [] }],
      responses: {
        200: { description: "Every token", content: { "application/json": { schema: z.object({ items: z.array(TokenRecordSchema) }) } } },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await c.var.ledger.listTokens() }, 200),
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags,
      summary: "Admin: revoke a token (it stops working at once)",
      middleware: [requireRole("admin")],
      security: [{ bearer: [] }],
      request: { params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: "id", in: "path" } }) }) },
      responses: {
        200: { description: "The revoked token", content: { "application/json": { schema: TokenRecordSchema } } },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json(await c.var.ledger.revokeToken(c.req.valid("param").id), 200),
  );
