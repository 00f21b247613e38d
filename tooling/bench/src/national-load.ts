import { statSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "@taizhang/core";
import { SQLITE_FILE_NAME, type Ledger } from "@taizhang/store";
import { BENCH_ACTOR, type ProgressRow } from "./progress-writers.js";

export interface LoadOptions {
  /** History rows to aim at: ~1,000,000 for the national corpus. */
  historyTarget: number;
  /** Updates per `bulkUpdateProgress` call (one transaction). */
  batchSize: number;
  /** Batches in flight at once (PostgreSQL has a pool; SQLite serialises them anyway). */
  concurrency: number;
  /** No new batch starts after this long in the history phase; the rest is extrapolated. */
  historyBudgetMs: number;
  /** Called now and then with a line of progress for the console. */
  log: (line: string) => void;
}

export interface LoadResult {
  plans: number;
  planMs: number;
  progressRows: number;
  historyRows: number;
  historyMs: number;
  /** Whether the history phase reached `historyTarget` within its budget. */
  complete: boolean;
  rows: ProgressRow[];
}

/**
 * Loads plans through the store's `loadPlan`, then makes history the way
 * offices do, through `bulkUpdateProgress`: pass 1 reports every (item, unit)
 * row as in progress, pass 2 marks rows done, and so on until the history
 * target is reached. Each pass touches each row at most once, so every
 * update knows its row's version.
 */
export async function loadNational(ledger: Ledger, plans: Iterable<Plan>, options: LoadOptions): Promise<LoadResult> {
  let started = performance.now();
  const rows: ProgressRow[] = [];
  let count = 0;
  for (const plan of plans) {
    await ledger.loadPlan(plan);
    for (const row of await ledger.checklist({ planId: plan.id })) rows.push({ itemId: row.item.id, unitId: row.unitId });
    if (++count % 250 === 0) options.log(`loaded ${count} plans, ${rows.length.toLocaleString("en")} progress rows`);
  }
  const planMs = performance.now() - started;

  started = performance.now();
  let history = 0;
  let complete = true;
  for (let pass = 0; rows.length > 0 && history < options.historyTarget; pass++) {
    const passRows = rows.slice(0, Math.min(rows.length, options.historyTarget - history));
    const batches: ProgressRow[][] = [];
    for (let i = 0; i < passRows.length; i += options.batchSize) batches.push(passRows.slice(i, i + options.batchSize));
    let next = 0;
    const worker = async () => {
      for (;;) {
        if (performance.now() - started > options.historyBudgetMs) {
          complete = false;
          return;
        }
        const batch = batches[next++];
        if (!batch) return;
        const status = pass === 0 ? "in_progress" : "done";
        const result = await ledger.bulkUpdateProgress(
          BENCH_ACTOR,
          batch.map((row, i) => ({
            itemId: row.itemId,
            unitId: row.unitId,
            expectedVersion: pass,
            patch: { status, percent: status === "done" ? 100 : 10 + ((i * 7) % 80), note: `第${pass + 1}次报送:已按计划推进。` },
          })),
        );
        if (!result.ok) throw new Error(`a bulk update was refused: ${JSON.stringify(result.results.find((r) => r.error))}`);
        history += batch.length;
        if (history % 50_000 < batch.length) options.log(`${history.toLocaleString("en")} history rows`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    if (!complete) break;
  }
  return { plans: count, planMs, progressRows: rows.length, historyRows: history, historyMs: performance.now() - started, complete, rows };
}

export { rowCounts as countRows } from "@taizhang/store";

/** Bytes on disk: the SQLite file and its WAL. */
export function sqliteBytes(dataDir: string): number {
  const size = (name: string) => {
    try {
      return statSync(join(dataDir, name)).size;
    } catch {
      return 0;
    }
  };
  return size(SQLITE_FILE_NAME) + size(`${SQLITE_FILE_NAME}-wal`);
}

export { postgresSchemaBytes as postgresBytes, dropPostgresSchema as dropSchema } from "@taizhang/store";
