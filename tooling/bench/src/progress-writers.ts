import type { ChecklistItemId, Progress, UnitId } from "@taizhang/core";
import { LedgerError, rawNoteUpdate, type Actor, type Ledger } from "@taizhang/store";
import { random } from "./corpus.js";

/** One (checklist item, unit) progress row that writers update. */
export interface ProgressRow {
  itemId: ChecklistItemId;
  unitId: UnitId;
}

export interface WriterOptions {
  /** Concurrent async writers (8, 32…). */
  writers: number;
  /** Accepted updates to make in all, shared among the writers. */
  updates: number;
  /** Share of updates that go to the few contended rows every writer touches. */
  hotShare: number;
  /** How many contended rows. */
  hotRows: number;
  seed: number;
}

export interface WriterResult {
  /** Latency of each call in ms, sorted. */
  latencies: number[];
  /** Accepted updates per second over the whole run. */
  throughput: number;
  /** Calls refused as stale (412 over HTTP) and retried with the current version. */
  stale: number;
  wallMs: number;
}

export const BENCH_ACTOR: Actor = { name: "bench", role: "admin", unitId: null, source: "api" };

/**
 * Plans which row each update goes to: each writer has its own rows (an
 * office working through its checklist) and, with probability `hotShare`,
 * picks one of a few rows all writers share, so that some writes contend.
 */
function assignRows(rows: readonly ProgressRow[], options: WriterOptions): ProgressRow[][] {
  if (rows.length < options.hotRows + options.writers) throw new Error(`need at least ${options.hotRows + options.writers} progress rows, have ${rows.length}`);
  const rand = random(options.seed);
  const hot = rows.slice(0, options.hotRows);
  const own = rows.slice(options.hotRows);
  const perWriter = Math.floor(own.length / options.writers);
  return Array.from({ length: options.writers }, (_, w) => {
    const mine = own.slice(w * perWriter, (w + 1) * perWriter);
    const count = Math.ceil(options.updates / options.writers);
    return Array.from({ length: count }, (_, i) => (rand() < options.hotShare ? hot[Math.floor(rand() * hot.length)] : mine[i % mine.length]) as ProgressRow);
  });
}

const keyOf = (row: ProgressRow): string => `${row.itemId}\u0000${row.unitId}`;

async function runWriters(plan: ProgressRow[][], write: (row: ProgressRow, n: number) => Promise<"ok" | "stale">): Promise<WriterResult> {
  const latencies: number[] = [];
  let stale = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    plan.map(async (rows) => {
      for (const [n, row] of rows.entries()) {
        for (;;) {
          const t = performance.now();
          const outcome = await write(row, n);
          latencies.push(performance.now() - t);
          if (outcome === "ok") break;
          stale++;
        }
        accepted++;
      }
    }),
  );
  const wallMs = performance.now() - started;
  return { latencies: latencies.sort((a, b) => a - b), throughput: (accepted / wallMs) * 1000, stale, wallMs };
}

/**
 * Concurrent writers through the store's `updateProgress`, each sending the
 * version it last saw; a stale answer (another writer got there first)
 * brings the current version, and the writer tries again with it, as the
 * web app does after a 412.
 */
export async function storeWriters(ledger: Ledger, rows: readonly ProgressRow[], options: WriterOptions): Promise<WriterResult> {
  const versions = new Map<string, number>();
  for (const row of rows) versions.set(keyOf(row), (await ledger.getProgress(row.itemId, row.unitId)).version);
  return runWriters(assignRows(rows, options), async (row, n) => {
    const key = keyOf(row);
    try {
      const written = await ledger.updateProgress(BENCH_ACTOR, {
        itemId: row.itemId,
        unitId: row.unitId,
        expectedVersion: versions.get(key) ?? 0,
        patch: { note: `进展 ${n}`, percent: n % 101 },
      });
      versions.set(key, written.version);
      return "ok";
    } catch (error) {
      const current = error instanceof LedgerError && error.code === "stale_version" ? (error.details as { current?: Progress } | undefined)?.current : undefined;
      if (!current) throw error;
      versions.set(key, current.version);
      return "stale";
    }
  });
}

/** The same writers, each sending a plain single-row UPDATE through the same driver and table: the floor for a write. */
export async function rawWriters(ledger: Ledger, rows: readonly ProgressRow[], options: WriterOptions): Promise<WriterResult> {
  return runWriters(assignRows(rows, options), async (row, n) => {
    await rawNoteUpdate(ledger, row, `进展 ${n}`);
    return "ok";
  });
}
