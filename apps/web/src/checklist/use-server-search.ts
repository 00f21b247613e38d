import type { UnitId } from "@taizhang/core";
import { useEffect, useMemo, useState } from "react";
import { useOp } from "../api/queries.js";

const NONE: ReadonlySet<string> = new Set();

/** Task ids the API's search finds for `q` among the unit's tasks; empty while typing or on failure (local matching still applies). */
export function useServerSearch(unitId: UnitId, q: string): ReadonlySet<string> {
  const [text, setText] = useState(q.trim());
  useEffect(() => {
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => setText(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useOp("listTasks", { query: { unitId, q: text, limit: 500 } }, { enabled: text !== "" && text === q.trim() });
  useEffect(() => {
    if (found.error) console.error("search failed; matching locally only", found.error);
  }, [found.error]);
  const data = q.trim() === "" ? undefined : found.data;
  return useMemo(() => (data ? new Set(data.items.map((t) => t.id as string)) : NONE), [data]);
}
