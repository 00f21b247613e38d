import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { applyProgressImport, previewProgressImport } from "@taizhang/store";
import { actorOf, type AppEnv } from "../app-env.js";
import { callerOf, requireRole } from "../auth.js";
import { validationHook } from "../on-error.js";
import { ApiError, problemResponses } from "../problem.js";
import { LedgerImportResult } from "../ledger-import-schemas.js";
import { BooleanQuery } from "../schemas.js";
import { readUploadedLedger } from "../workers/parse.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const FILE_TYPES = [XLSX_TYPE, "text/csv", "application/vnd.ms-excel", "application/octet-stream", "text/plain", "text/tab-separated-values"];

/** The uploaded file: the raw body (xlsx or CSV), or the `file` part of a multipart form. */
async function uploadedFile(c: { req: { header(name: string): string | undefined; arrayBuffer(): Promise<ArrayBuffer>; parseBody(): Promise<Record<string, unknown>> } }, named: string | undefined): Promise<{ bytes: Uint8Array; name: string | null }> {
  const type = (c.req.header("content-type") ?? "").toLowerCase().split(";")[0]?.trim() ?? "";
  if (type === "multipart/form-data") {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new ApiError("invalid-request", "the multipart/form-data body cannot be read: send the edited ledger as a `file` part");
    }
    const file = body["file"];
    if (!(file instanceof File)) throw new ApiError("invalid-request", "the form has no `file` part holding the edited ledger");
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: named ?? (file.name || null) };
  }
  if (!FILE_TYPES.includes(type)) {
    throw new ApiError("unsupported-media-type", `send the edited ledger as the body (.xlsx: ${XLSX_TYPE}; CSV: text/csv) or as multipart/form-data with a \`file\` part, not ${type || "no Content-Type"}`);
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), name: named ?? null };
}

/** Progress import from an edited ledger (docs/exchange.md): preview by default, apply on request. */
export const ledgerImportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "post",
    path: "/ledger",
    tags: ["exports"],
    summary: "Upload an edited ledger (.xlsx or CSV, as exported): preview what it would change row by row, or apply it",
    description:
      "Rows are matched by the hidden 事项编号/单位编号 columns (else 规划 + 任务序号 + 事项 + 单位). A row changes the fields whose cells differ " +
      "from the version it was exported at (版本); a row edited in the file that someone changed in the store since is refused as stale, " +
      "as are unknown rows, invalid cells, duplicates and (for an office token) other units' rows. With apply=true the changes are written " +
      "in one transaction with history source `import`: all of them, or none while any row is refused (unless skipRejected=true, which " +
      "writes the valid rows). A file that is not a spreadsheet, lacks the matching columns or holds formulas in read columns is refused whole (422), " +
      "as is one past an upload limit (rows, cells in a row, .xlsx entries and unpacked sizes; 413 for the file's size): `limit` names the setting and its value. " +
      "The file is read on a worker thread; when all are busy and the queue is full the answer is 503 `busy`.",
    middleware: [requireRole("office", "admin")],
    security: [{ bearer: [] }],
    request: {
      query: z.object({
        apply: BooleanQuery.default(false).openapi({ type: "string", enum: ["true", "false"], description: "write the changes (default: only preview)" }),
        skipRejected: BooleanQuery.default(false).openapi({ type: "string", enum: ["true", "false"], description: "with apply: write the valid rows even if some are refused" }),
        fileName: z.string().trim().min(1).max(200).optional().openapi({ description: "the file's name, kept in each history entry's note" }),
      }),
      body: {
        required: true,
        content: {
          [XLSX_TYPE]: { schema: { type: "string", format: "binary" } },
          "text/csv": { schema: { type: "string", description: "UTF-8 (with or without BOM) or GB18030" } },
          // Plain OpenAPI schemas, not zod: the handler reads the body itself and answers a wrong type with the types it takes.
          "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary", description: "the edited ledger" } }, required: ["file"] } },
          "application/octet-stream": { schema: { type: "string", format: "binary", description: "the file's bytes; xlsx or CSV is told by its content" } },
        },
      },
    },
    responses: {
      200: { description: "The preview, or what was applied", content: { "application/json": { schema: LedgerImportResult } } },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const actor = actorOf(callerOf(c));
    const upload = await uploadedFile(c, q.fileName);
    // Read on a parse worker (workers/parse-pool.ts), within the upload limits: the event loop keeps answering meanwhile.
    const file = await readUploadedLedger(upload.bytes, { config: c.var.config, logger: c.var.logger, requestId: c.var.requestId });
    const fileInfo = { name: upload.name, format: file.format, sheet: file.sheet, ignoredHeaders: file.ignoredHeaders };
    if (!q.apply) {
      const preview = await previewProgressImport(c.var.ledger, actor, file.rows);
      return c.json({ file: fileInfo, ...preview, applied: false, written: 0 }, 200);
    }
    const result = await applyProgressImport(c.var.ledger, actor, file.rows, { skipRejected: q.skipRejected, fileName: upload.name });
    if (!result.applied) {
      const { rejected } = result.summary;
      throw new ApiError("import-rejected", `${rejected} row${rejected === 1 ? " was" : "s were"} refused, so nothing was applied; fix them, or apply with skipRejected=true to write the other rows`, {
        import: { file: fileInfo, ...result },
      });
    }
    return c.json({ file: fileInfo, ...result }, 200);
  },
);
