import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { PassThrough, Readable } from "node:stream";
import { chinaDate, historyRows, HistoryRowSchema, ledgerRows, LedgerRowSchema, type HistoryRow, type LedgerRow, type Plan, type PlanId } from "@taizhang/core";
import { historyCsv, ledgerCsvChunks, ledgerIcsChunks, ledgerJsonChunks, ledgerXlsxStream } from "@taizhang/exchange";
import { historyEntries, type ChecklistPage } from "@taizhang/store";
import type { AppEnv } from "../app-env.js";
import { resolveAsOf } from "@taizhang/app";
import { streamedBody } from "../compression.js";
import { validationHook } from "../on-error.js";
import { ApiError, problemResponses } from "../problem.js";
import { AsOfQuery } from "@taizhang/contract";
import { PlanIdSchema, ProgressStatusSchema, UnitIdSchema } from "@taizhang/core";
import { withOpenApi } from "../with-openapi.js";

const FORMATS = ["xlsx", "csv", "json", "ics"] as const;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `filename*=UTF-8''…` so Chinese file names survive. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Checklist rows an export reads from the store at a time. */
const EXPORT_PAGE = 1000;

/** Text chunks as a byte stream, pulled as the client reads (so a slow reader holds back the store reads). */
function textStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return streamedBody(new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await it.return?.();
    },
  }));
}

/** Most history rows an export holds (newest first); a longer history is cut, and the file says so by its row count. */
const MAX_HISTORY_ROWS = 100_000;

/** Exports: a plan's ledger, a unit's checklist, or a filtered set of rows, as xlsx, CSV or JSON (docs/api.md). */
export const exportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: "get",
    path: "/ledger",
    tags: ["exports"],
    summary: "The ledger (台账) as .xlsx, CSV (UTF-8 with BOM), JSON, or an iCalendar feed of its due dates: one row per (checklist item, unit)",
    request: {
      query: z.object({
        planId: PlanIdSchema.optional().openapi({ description: "a plan's ledger" }),
        unitId: UnitIdSchema.optional().openapi({ description: "a unit's checklist (with planId: within that plan)" }),
        status: ProgressStatusSchema.optional(),
        responsiblePerson: z.string().trim().min(1).max(50).optional().openapi({ description: "only rows of this 责任人" }),
        format: z.enum(FORMATS).default("xlsx"),
        lang: z.enum(["zh", "en"]).default("zh").openapi({ description: "headers and labels: Chinese (default) or English" }),
        history: z.enum(["none", "include", "only"]).default("none").openapi({
          description: "the change history (变更记录) of the plan or unit: include = a 变更记录 sheet in the xlsx or a `history` array in the JSON; only = the history alone as its own file (xlsx, csv or json)",
        }),
        asOf: AsOfQuery,
      }),
    },
    responses: {
      200: {
        description: "The file (Content-Disposition: attachment)",
        content: {
          [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) },
          "text/csv": { schema: z.string() },
          "text/calendar": { schema: z.string().openapi({ description: "format=ics: one all-day event per (item, unit) on its due date; stable UIDs" }) },
          "application/json": {
            schema: z.object({
              asOf: z.string(),
              rows: z.array(withOpenApi(LedgerRowSchema, "LedgerRow")).optional().openapi({ description: "absent with history=only" }),
              history: z.array(withOpenApi(HistoryRowSchema, "HistoryRow")).optional().openapi({ description: "with history=include or only: newest first" }),
            }),
          },
        },
      },
      ...problemResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    if (q.planId === undefined && q.unitId === undefined) throw new ApiError("invalid-request", "name what to export: planId (a plan's ledger) and/or unitId (a unit's checklist)");
    if (q.history !== "none" && q.format === "ics") throw new ApiError("invalid-request", "a calendar feed has no history: use history with format xlsx, csv or json");
    if (q.history === "include" && q.format === "csv") throw new ApiError("invalid-request", "a CSV file holds one table: ask for the history as its own file with history=only");
    const asOf = resolveAsOf(q.asOf, c.var.clock);
    const ledger = c.var.ledger;
    if (q.planId !== undefined && !(await ledger.listPlans()).some((p) => p.id === q.planId)) throw new ApiError("not-found", `no plan ${q.planId}`);
    const filter = {
      ...(q.planId ? { planId: q.planId } : {}),
      ...(q.unitId ? { unitId: q.unitId } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.responsiblePerson ? { responsiblePerson: q.responsiblePerson } : {}),
    };
    const plans = new Map<string, Plan>();
    const planOf = async (id: string) => {
      let plan = plans.get(id);
      if (!plan) plans.set(id, (plan = await ledger.getPlan(id as PlanId)));
      return plan;
    };
    if (q.planId) await planOf(q.planId);
    const day = chinaDate(asOf);
    const what = q.unitId ? q.unitId.slice(q.unitId.indexOf(":") + 1) : (plans.get(q.planId ?? "")?.title ?? q.planId ?? "ledger");
    const base = `${q.lang === "zh" ? (q.history === "only" ? "变更记录" : "台账") : q.history === "only" ? "history" : "ledger"}-${q.planId ?? what}-${day}`;
    let history: HistoryRow[] | null = null;
    if (q.history !== "none") {
      const entries = await historyEntries(ledger, { ...(q.planId ? { planId: q.planId } : {}), ...(q.unitId ? { unitId: q.unitId } : {}) }, MAX_HISTORY_ROWS);
      for (const id of new Set(entries.map((e) => e.itemId.slice(0, e.itemId.indexOf("/"))))) await planOf(id);
      history = historyRows([...plans.values()], entries, q.lang);
    }
    /** The ledger rows in pages read from the store, numbered across pages; the event loop turns between pages. */
    async function* pages(): AsyncGenerator<LedgerRow[]> {
      let cursor: string | null = null;
      let seq = 0;
      do {
        const page: ChecklistPage = await ledger.checklistPage(filter, { limit: EXPORT_PAGE, cursor });
        for (const id of new Set(page.items.map((r) => r.item.planId))) await planOf(id);
        const rows = ledgerRows([...plans.values()], page.items, asOf).map((row) => ({ ...row, seq: ++seq }));
        cursor = page.nextCursor;
        yield rows;
        await new Promise((resolve) => setImmediate(resolve));
      } while (cursor !== null);
    }
    if (q.format === "json") {
      return c.body(textStream(ledgerJsonChunks(asOf.toISOString(), q.history === "only" ? null : pages(), history)), 200, {
        "Content-Type": "application/json",
        "Content-Disposition": disposition(`${base}.json`),
      });
    }
    if (q.format === "ics") {
      // A feed to subscribe to: served inline, so calendars can poll the URL.
      return c.body(textStream(ledgerIcsChunks(pages(), { name: `${what} · 台账`, now: c.var.clock() })), 200, { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(`${base}.ics`)}` });
    }
    if (q.format === "csv") {
      if (history) return c.body(historyCsv(history, q.lang), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition(`${base}.csv`) });
      return c.body(textStream(ledgerCsvChunks(pages(), q.lang)), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition(`${base}.csv`) });
    }
    const out = new PassThrough();
    async function* none(): AsyncGenerator<LedgerRow[]> {}
    ledgerXlsxStream(q.history === "only" ? none() : pages(), { lang: q.lang, title: what, asOf: day, ...(history ? { history } : {}) }, out).catch((error: unknown) => {
      c.var.logger.error("xlsx export failed mid-stream", { requestId: c.var.requestId, error: error instanceof Error ? error.message : String(error) });
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, { "Content-Type": XLSX_TYPE, "Content-Disposition": disposition(`${base}.xlsx`) });
  },
);
