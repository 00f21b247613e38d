import type { Plan, Task } from "@taizhang/core";
import { useQueries } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { opQuery } from "../api/queries.js";
import { useApp } from "../app-context.js";
import { whenIdle } from "../ui/when-idle.js";

/** The tasks of the plans loaded so far, by id (one function, so the query cache keeps the map while its answers stay). */
function tasksOf(results: ReadonlyArray<{ data?: Plan | undefined; error: Error | null }>): ReadonlyMap<string, Task> {
  const map = new Map<string, Task>();
  for (const result of results) {
    if (result.error) console.error("could not load the plans behind the checklist", result.error);
    if (result.data) for (const task of result.data.tasks) map.set(task.id, task);
  }
  return map;
}

/**
 * Loads the plan documents behind the rows (for target wording and full-text
 * search) without holding up the list: asked for (through the query cache)
 * once the list's first frame is painted and the browser is idle (a plan
 * document can be a megabyte of JSON).
 */
export function usePlanTasks(planIds: readonly string[]): ReadonlyMap<string, Task> {
  const { api } = useApp();
  const [idle, setIdle] = useState(false);
  useEffect(() => whenIdle(() => setIdle(true)), []);
  return useQueries({ queries: planIds.map((planId) => ({ ...opQuery(api, "getPlan", { params: { planId } }), enabled: idle })), combine: tasksOf });
}
