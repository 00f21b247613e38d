import { OpenAPIHono } from "@hono/zod-openapi";
import { evidenceUseCases } from "@taizhang/app";
import { routes } from "@taizhang/contract";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { contentDisposition, uploadedFile, type UploadRules } from "../uploaded-file.js";
import { appCaller, serveRoute } from "../use-case-routes.js";

/** Types a browser may show itself; anything else is offered as a download. */
const INLINE_TYPES = new Set(["application/pdf", "image/jpeg", "image/png", "image/webp"]);

/** An evidence file: a form's `file` part, or the raw body with its own type. */
const EVIDENCE_UPLOAD: UploadRules = {
  what: "the evidence file",
  takesRaw: (type) => !(type === "" || type === "application/json" || type.startsWith("text/")),
  rawHint: "the body with its own type",
  missingPart: "validation-failed",
};

const evidenceOf = (c: Context<AppEnv>) => evidenceUseCases(c.var.ledger, c.var.config.evidence);

/** Evidence files of one (item, unit): upload (multipart or raw) and read back (docs/api.md, Evidence files). */
export const evidenceRoutes = new OpenAPIHono<AppEnv>()
  .route(
    "/",
    serveRoute(routes.uploadEvidenceFile, async (c, input) => {
      // The use case checks who may upload before it reads the body: a refused caller's bytes are never parsed or stored.
      const result = await evidenceOf(c).uploadEvidenceFile(appCaller(c), { params: input.params, upload: () => uploadedFile(c, input.query.name, EVIDENCE_UPLOAD) });
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
