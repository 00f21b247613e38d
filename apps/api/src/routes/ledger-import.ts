import { routes, XLSX_TYPE } from "@taizhang/contract";
import { applyProgressImport, previewProgressImport } from "@taizhang/store";
import { actorOf } from "../app-env.js";
import { callerOf, requireRole } from "../auth.js";
import { uploadedFile, type UploadRules } from "../uploaded-file.js";
import { serveRoute } from "../use-case-routes.js";
import { ApiError } from "../problem.js";
import { readUploadedLedger } from "../workers/parse.js";

const FILE_TYPES = [XLSX_TYPE, "text/csv", "application/vnd.ms-excel", "application/octet-stream", "text/plain", "text/tab-separated-values"];

/** An edited ledger: the raw body (xlsx or CSV), or a form's `file` part. */
const LEDGER_UPLOAD: UploadRules = {
  what: "the edited ledger",
  takesRaw: (type) => FILE_TYPES.includes(type),
  rawHint: `the body (.xlsx: ${XLSX_TYPE}; CSV: text/csv)`,
  missingPart: "invalid-request",
};

/** Progress import from an edited ledger (docs/exchange.md): preview by default, apply on request. */
export const ledgerImportRoutes = serveRoute(
  routes.importLedger,
  async (c, input) => {
    const q = input.query;
    const actor = actorOf(callerOf(c));
    const upload = await uploadedFile(c, q.fileName, LEDGER_UPLOAD);
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
  [requireRole("office", "admin")],
);
