import { PassThrough } from "node:stream";
import { XLSX_TYPE, type LedgerExportQuery } from "@taizhang/contract";
import { chinaDate, historyRows, ledgerRows, type HistoryRow, type LedgerRow, type Plan, type PlanId } from "@taizhang/core";
import { historyCsv, ledgerCsvChunks, ledgerIcsChunks, ledgerJsonChunks, ledgerXlsxStream } from "@taizhang/exchange";
import { historyEntries, type ChecklistFilter } from "@taizhang/store";
import { AppError } from "../app-error.js";
import { resolveAsOf } from "../as-of.js";
import type { Caller } from "../caller.js";
import type { AppDeps } from "../deps.js";

/**
 * Checklist rows an export reads from the store at a time: the event loop turns between pages, so a page is
 * as much work as other requests wait for (a row of a plan naming 200 units is ~4 KB of CSV).
 */
export const EXPORT_PAGE = 250;

/** Most history rows an export holds (newest first); a longer history is cut, and the file says so by its row count. */
export const MAX_EXPORT_HISTORY = 100_000;

/** A ledger export as it is made: its name and type, and its bytes read from the store page by page. */
export interface ExportedFile {
  /** The file's name, e.g. 台账-chengdu-2015-2021-01-05.xlsx. */
  name: string;
  contentType: string;
  /** A calendar feed to subscribe to, served inline; every other export is a download. */
  inline: boolean;
  /** The bytes, made as they are read: a slow reader holds back the store reads. */
  body: AsyncIterable<Uint8Array>;
  /** Ledger rows and history rows written so far (all of them once `body` is read to its end). */
  written(): { rows: number; changes: number };
}

/**
 * The ledger (台账) of a plan, a unit, or both, filtered, as .xlsx, CSV, JSON
 * or an iCalendar feed, with or without its change history. The API's export
 * route and the CLI's `taizhang export` both write what this makes.
 */
export async function exportLedger({ ledger, clock }: AppDeps, _caller: Caller, q: LedgerExportQuery): Promise<ExportedFile> {
  if (q.planId === undefined && q.unitId === undefined) throw new AppError("invalid-request", "name what to export: planId (a plan's ledger) and/or unitId (a unit's checklist)");
  if (q.history !== "none" && q.format === "ics") throw new AppError("invalid-request", "a calendar feed has no history: use history with format xlsx, csv or json");
  if (q.history === "include" && q.format === "csv") throw new AppError("invalid-request", "a CSV file holds one table: ask for the history as its own file with history=only");
  const asOf = resolveAsOf(q.asOf, clock);
  if (q.planId !== undefined && !(await ledger.listPlans()).some((p) => p.id === q.planId)) throw new AppError("not-found", `no plan ${q.planId}`);
  const filter: ChecklistFilter = {
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
    const entries = await historyEntries(ledger, { ...(q.planId ? { planId: q.planId } : {}), ...(q.unitId ? { unitId: q.unitId } : {}) }, MAX_EXPORT_HISTORY);
    for (const id of new Set(entries.map((e) => e.itemId.slice(0, e.itemId.indexOf("/"))))) await planOf(id);
    history = historyRows([...plans.values()], entries, q.lang);
  }
  let rowsWritten = 0;
  /** The ledger rows in pages read from the store, numbered across pages; the event loop turns between pages. */
  async function* pages(): AsyncGenerator<LedgerRow[]> {
    if (q.history === "only") return;
    let cursor: string | null = null;
    do {
      const page = await ledger.checklistPage(filter, { limit: EXPORT_PAGE, cursor });
      for (const id of new Set(page.items.map((r) => r.item.planId))) await planOf(id);
      const rows = ledgerRows([...plans.values()], page.items, asOf).map((row) => ({ ...row, seq: ++rowsWritten }));
      cursor = page.nextCursor;
      yield rows;
      await new Promise((resolve) => setImmediate(resolve));
    } while (cursor !== null);
  }
  const file = (name: string, contentType: string, body: AsyncIterable<Uint8Array>, inline = false): ExportedFile => ({
    name,
    contentType,
    inline,
    body,
    written: () => ({ rows: rowsWritten, changes: history?.length ?? 0 }),
  });
  switch (q.format) {
    case "json":
      return file(`${base}.json`, "application/json", encoded(ledgerJsonChunks(asOf.toISOString(), q.history === "only" ? null : pages(), history)));
    case "ics":
      return file(`${base}.ics`, "text/calendar; charset=utf-8", encoded(ledgerIcsChunks(pages(), { name: `${what} · 台账`, now: clock() })), true);
    case "csv":
      return file(`${base}.csv`, "text/csv; charset=utf-8", encoded(history ? once(historyCsv(history, q.lang)) : ledgerCsvChunks(pages(), q.lang)));
    case "xlsx":
      return file(`${base}.xlsx`, XLSX_TYPE, xlsxBytes(pages(), { lang: q.lang, title: what, asOf: day, ...(history ? { history } : {}) }));
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

async function* encoded(chunks: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield encoder.encode(chunk);
}

/** The streaming workbook writer's output as chunks; a failure mid-way ends the iteration with that error. */
async function* xlsxBytes(pages: AsyncIterable<readonly LedgerRow[]>, options: Parameters<typeof ledgerXlsxStream>[1]): AsyncGenerator<Uint8Array> {
  const out = new PassThrough();
  const writing = ledgerXlsxStream(pages, options, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  // A Buffer is a Uint8Array: handed on as it is, not copied.
  for await (const chunk of out) yield chunk as Buffer;
  await writing;
}
