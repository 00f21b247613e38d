import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ChecklistItemIdSchema, type ChecklistItemId } from "@taizhang/core";
import { actorOf, type AppEnv } from "../app-env.js";
import { validationHook } from "../on-error.js";
import { callerOf, requireRole } from "../auth.js";
import { ApiError, problemResponses } from "../problem.js";
import {
  BulkUpdateRequest,
  BulkUpdateResponse,
  ItemKeyParam,
  PlanIdParam,
  ProgressChangeSchema,
  ProgressResponse,
  TaskNumberParam,
  UnitIdParam,
} from "../schemas.js";

const tags = ["progress"];

const ProgressParams = z.object({ planId: PlanIdParam, number: TaskNumberParam, item: ItemKeyParam, unitId: UnitIdParam });

const etagHeader = { ETag: { schema: { type: "string" as const }, description: 'the progress version, quoted: "3"' } };

const itemIdOf = (p: { planId: string; number: number; item: string }): ChecklistItemId =>
  ChecklistItemIdSchema.parse(`${p.planId}/${p.number}#${p.item}`);

const etag = (version: number) => `"${version}"`;

/** The version named by `If-Match`: `"3"`, `W/"3"` or `3`. */
function expectedVersion(header: string | undefined): number {
  if (header === undefined || header.trim() === "") {
    throw new ApiError(
      "precondition-required",
      'a progress change needs If-Match with the version it was based on, e.g. If-Match: "3" (the ETag of GET)',
    );
  }
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  const digits = match?.[1];
  if (digits === undefined) {
    throw new ApiError("validation-failed", `If-Match must be one version such as "3", not ${JSON.stringify(header.slice(0, 50))}`, {
      errors: [{ path: "header.if-match", message: "expected a quoted version number" }],
    });
  }
  return Number(digits);
}

/** Progress of one (checklist item, unit): read it, change it with If-Match, or change many at once. */
export const progressRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/{planId}/{number}/{item}/{unitId}",
      tags,
      summary: "The progress of one checklist item for one unit (its ETag is the version)",
      request: { params: ProgressParams },
      responses: {
        200: { description: "The progress", headers: etagHeader, content: { "application/json": { schema: ProgressResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const params = c.req.valid("param");
      const progress = await c.var.ledger.getProgress(itemIdOf(params), params.unitId);
      c.header("ETag", etag(progress.version));
      return c.json(progress, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{planId}/{number}/{item}/{unitId}",
      tags,
      summary: "Change the progress of one (item, unit); If-Match must name the version it was based on",
      description:
        "Admins may change any unit's progress, offices only their own unit's. Without If-Match: 428. " +
        "With a version that is no longer current: 412, and the body's `current` holds the progress as it now is.",
      middleware: [requireRole("admin", "office")],
      security: [{ bearer: [] }],
      request: {
        params: ProgressParams,
        headers: z.object({ "if-match": z.string().optional().openapi({ description: 'the version the change is based on, e.g. "3"' }) }),
        body: { required: true, content: { "application/json": { schema: ProgressChangeSchema } } },
      },
      responses: {
        200: { description: "The new progress", headers: etagHeader, content: { "application/json": { schema: ProgressResponse } } },
        ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422, 428),
      },
    }),
    async (c) => {
      const params = c.req.valid("param");
      const caller = callerOf(c);
      // An office is refused before anything else is looked at, so it learns nothing about other units' rows.
      if (caller.token.role === "office" && caller.token.unitId !== params.unitId) {
        throw new ApiError("forbidden", `this token may only change the progress of ${caller.token.unitId ?? "its own unit"}`);
      }
      const version = expectedVersion(c.req.valid("header")["if-match"]);
      const { comment, ...patch } = c.req.valid("json");
      const progress = await c.var.ledger.updateProgress(actorOf(caller), {
        itemId: itemIdOf(params),
        unitId: params.unitId,
        expectedVersion: version,
        patch,
        comment: comment ?? null,
      });
      c.header("ETag", etag(progress.version));
      return c.json(progress, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/bulk",
      tags,
      summary: "Change many (item, unit) rows in one transaction: all or nothing",
      description:
        "Every update names the version it was based on. If any update is refused, none is applied and the problem's " +
        "`results` says, per update, why it was refused or that it was not applied; the status is that of the first refusal " +
        "(403, 404, 412, 409 or 400).",
      middleware: [requireRole("admin", "office")],
      security: [{ bearer: [] }],
      request: { body: { required: true, content: { "application/json": { schema: BulkUpdateRequest } } } },
      responses: {
        200: { description: "Every update was applied", content: { "application/json": { schema: BulkUpdateResponse } } },
        ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415, 422),
      },
    }),
    async (c) => {
      const { updates } = c.req.valid("json");
      const result = await c.var.ledger.bulkUpdateProgress(
        actorOf(callerOf(c)),
        updates.map((u) => ({ itemId: u.itemId, unitId: u.unitId, expectedVersion: u.version, patch: u.patch, comment: u.comment ?? null })),
      );
      const applied = result.results.flatMap((r) => (r.progress ? [{ index: r.index, progress: r.progress }] : []));
      if (result.ok && applied.length === updates.length) return c.json({ ok: true as const, results: applied }, 200);
      // The store marks the updates it did not try as not_applied; the refusals are the others.
      const refusals = result.results.flatMap((r) => (r.error && r.error.code !== "not_applied" ? [{ ...r.error, code: r.error.code }] : []));
      const first = refusals[0];
      const status = { forbidden: 403, not_found: 404, stale_version: 412, conflict: 409, invalid: 400 }[first?.code ?? "conflict"];
      const refused = refusals.length;
      throw new ApiError(
        "bulk-rejected",
        `${refused || "some"} of ${updates.length} updates were refused, so none was applied${first ? `; first: ${first.message}` : ""}`,
        { results: result.results },
        status,
      );
    },
  );
