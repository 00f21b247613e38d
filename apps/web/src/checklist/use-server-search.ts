import type { UnitId } from "@taizhang/core";
import { useEffect, useState } from "react";
import { useApp } from "../app-context.js";

/** Task ids the API's search finds for `q` among the unit's tasks; empty while typing or on failure (local matching still applies). */
export function useServerSearch(unitId: UnitId, q: string): ReadonlySet<string> {
  const { api } = useApp();
  const [found, setFound] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setFound(new Set());
      return;
    }
    let live = true;
    // Wait for a pause in typing before asking the server.
    const timer = setTimeout(() => {
      api.tasks.list({ unitId, q: text, limit: 500 }).then(
        (page) => live && setFound(new Set(page.items.map((t) => t.id as string))),
        (error: unknown) => console.error("search failed; matching locally only", error),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, unitId, q]);
  return found;
}
