import { appCaller, serveRoute } from "../use-case-routes.js";
import { exportLedger } from "@taizhang/app";
import { routes } from "@taizhang/contract";
import { streamedBody } from "../compression.js";
import { contentDisposition } from "../uploaded-file.js";


/** Exports: the application layer makes the file page by page; this writes it as the client reads (docs/api.md). */
export const exportRoutes = serveRoute(routes.exportLedger, async (c, { query }) => {
  const file = await exportLedger({ ledger: c.var.ledger, catalog: c.var.catalog, clock: c.var.clock }, appCaller(c), query);
  const chunks = file.body[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        c.var.logger.error("export failed mid-stream", { requestId: c.var.requestId, error: error instanceof Error ? error.message : String(error) });
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return?.();
    },
  });
  // A feed to subscribe to is served inline, so calendars can poll the URL.
  const disposition = contentDisposition(file.inline ? "inline" : "attachment", file.name);
  return c.body(file.contentType.startsWith("text/") || file.contentType === "application/json" ? streamedBody(body) : body, 200, {
    "Content-Type": file.contentType,
    "Content-Disposition": disposition,
  });
});
