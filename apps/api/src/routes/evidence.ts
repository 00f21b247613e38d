import { OpenAPIHono } from "@hono/zod-openapi";
import { evidenceUseCases } from "@taizhang/app";
import { routes } from "@taizhang/contract";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { ApiError } from "../problem.js";
import { appCaller, serveRoute } from "../use-case-routes.js";

/** Types a browser may show itself; anything else is offered as a download. */
const INLINE_TYPES = new Set(["application/pdf", "image/jpeg", "image/png", "image/webp"]);

/** Content-Disposition with the uploaded name: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The uploaded file: the `file` part of a multipart form, or the raw body (named by `?name=`). */
async function uploadedFile(c: Context<AppEnv>, named: string | undefined): Promise<{ bytes: Uint8Array; name: string | null; declaredType: string | null }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
  if (type === "multipart/form-data") {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new ApiError("invalid-request", "the multipart/form-data body cannot be read: send the evidence file as a `file` part");
    }
    const file = body["file"];
    if (!(file instanceof File)) throw new ApiError("validation-failed", "the form has no `file` part holding the evidence file", { errors: [{ path: "body.file", message: "required" }] });
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: named ?? (file.name || null), declaredType: file.type || null };
  }
  if (type === "" || type === "application/json" || type.startsWith("text/")) {
    throw new ApiError("unsupported-media-type", `send the evidence file as multipart/form-data with a \`file\` part, or as the body with its own type, not ${type || "no Content-Type"}`);
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), name: named ?? null, declaredType: type };
}

const evidenceOf = (c: Context<AppEnv>) => evidenceUseCases(c.var.ledger, c.var.config.evidence);

/** Evidence files of one (item, unit): upload (multipart or raw) and read back (docs/api.md, Evidence files). */
export const evidenceRoutes = new OpenAPIHono<AppEnv>()
  .route(
    "/",
    serveRoute(routes.uploadEvidenceFile, async (c, input) => {
      // The use case checks who may upload before it reads the body: a refused caller's bytes are never parsed or stored.
      const result = await evidenceOf(c).uploadEvidenceFile(appCaller(c), { params: input.params, upload: () => uploadedFile(c, input.query.name) });
      return c.json(result, 201);
    }),
  )
  .route(
    "/",
    serveRoute(routes.getEvidenceFile, async (c, input) => {
      const { sha256, ...params } = input.params;
      const found = await evidenceOf(c).getEvidenceFile(appCaller(c), { params, sha256 });
      const etag = `"${found.file.sha256}"`;
      // Whoever may read the row may keep a copy; revalidated each time, since reading may need a token.
      c.header("Cache-Control", "private, no-cache");
      c.header("ETag", etag);
      c.header("X-Content-Type-Options", "nosniff");
      const matches = (input.headers["if-none-match"] ?? "").split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
      if (matches) return c.body(null, 304);
      const { bytes, mediaType } = await found.read();
      const type = mediaType ?? "application/octet-stream";
      c.header("Content-Type", type);
      c.header("Content-Disposition", contentDisposition(INLINE_TYPES.has(type) ? "inline" : "attachment", found.file.name));
      // A file is shown as itself: no script of its own, no page around it.
      c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
    }),
  );
