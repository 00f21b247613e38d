import type { HistoryEntry } from "@taizhang/core";
import type { HistoryFilter, Ledger } from "./ledger.js";

/** Every history entry matching `filter`, newest first, page by page, at most `max` (exports, the CLI). */
export async function historyEntries(ledger: Pick<Ledger, "history">, filter: Omit<HistoryFilter, "limit" | "cursor">, max: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await ledger.history({ ...filter, limit: 500, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && out.length < max);
  return out.slice(0, max);
}
