import type { StoreDialect } from "./store-dialect.js";

/** How long a write keeps retrying on a busy database before giving up. */
const RETRY_DEADLINE_MS = 30_000;

/**
 * True for errors that mean "try again": SQLite's database is locked by
 * another connection, PostgreSQL's serialization failure or deadlock.
 */
export function isTransient(dialect: StoreDialect, error: unknown): boolean {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return false;
  if (dialect === "sqlite") return error.code.startsWith("SQLITE_BUSY") || error.code.startsWith("SQLITE_LOCKED");
  return error.code === "40001" || error.code === "40P01";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` (a whole transaction, so a failed attempt left nothing behind)
 * until it succeeds, fails for a non-transient reason, or the deadline passes.
 * Backs off exponentially with jitter so competing processes spread out.
 */
export async function retryTransient<T>(dialect: StoreDialect, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let delay = 2;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(dialect, error) || Date.now() - started > RETRY_DEADLINE_MS) throw error;
      await sleep(delay / 2 + Math.random() * delay);
      delay = Math.min(delay * 2, 100);
    }
  }
}
