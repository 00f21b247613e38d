import type { UnitId } from "@taizhang/core";
import { useEffect, useMemo, useState } from "react";
import { useOp } from "../api/queries.js";

/**
 * Task ids the API's search finds for `q` among the unit's tasks — core's search, the same index,
 * folding, pinyin, aliases and query syntax (`-队伍`) as the header's search (GET /api/search).
 * Null while the answer is awaited (or typing goes on), and when the search failed (`failed`).
 */
export function useServerSearch(unitId: UnitId, q: string): { matches: ReadonlySet<string> | null; failed: boolean } {
  const [text, setText] = useState(q.trim());
  useEffect(() => {
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => setText(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useOp("listTasks", { query: { unitId, q: text, limit: 500 } }, { enabled: text !== "" && text === q.trim() });
  useEffect(() => {
    if (found.error) console.error("search failed", found.error);
  }, [found.error]);
  const data = q.trim() === "" || text !== q.trim() ? undefined : found.data;
  const matches = useMemo(() => (data ? new Set(data.items.map((t) => t.id as string)) : null), [data]);
  return { matches, failed: q.trim() !== "" && found.error !== null && found.error !== undefined };
}
