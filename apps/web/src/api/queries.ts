import type { Operations } from "@taizhang/client";
import { taskPathParams, type Checklist, type TaskDetail } from "@taizhang/contract";
import type { Progress } from "@taizhang/core";
import { queryOptions, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useApp } from "../app-context.js";
import type { ApiClient } from "./client.js";
import { CHECKLIST_PAGE } from "./paging.js";

/** A route of the contract, by operationId. */
export type Op = keyof Operations;
export type OpInput<K extends Op> = Parameters<Operations[K]>[0];
export type OpOutput<K extends Op> = Awaited<ReturnType<Operations[K]>>;

/** The cache key of one route with one input: `[operationId, input]`. */
export const opKey = <K extends Op>(name: K, input?: OpInput<K>) => [name, input ?? {}] as const;


/** Checklists are paged; the pages the web shows hold all of a checklist's rows, read page by page. */
const PAGED: ReadonlySet<Op> = new Set<Op>(["unitChecklist", "planChecklist"]);

/**
 * A whole checklist: `first` (a page already answered, if any) followed by
 * every further page its `nextCursor` names, as one answer.
 */
export async function wholeChecklist(read: (cursor: string | undefined) => Promise<Checklist>, first?: Checklist): Promise<Checklist> {
  let page = first ?? (await read(undefined));
  const items = [...page.items];
  while (page.nextCursor) {
    page = await read(page.nextCursor);
    items.push(...page.items);
  }
  return { ...page, items, nextCursor: null };
}

/** Query options of a GET route: keyed per route and input, answered by the client's `op.<operationId>`. */
export function opQuery<K extends Op>(api: ApiClient, name: K, input?: OpInput<K>) {
  const call = (api.op[name] as (input: unknown, call: { signal: AbortSignal }) => Promise<OpOutput<K>>).bind(api.op);
  return queryOptions({
    queryKey: opKey(name, input),
    queryFn: ({ signal }) => {
      if (!PAGED.has(name)) return call(input ?? {}, { signal });
      const base = (input ?? {}) as { query?: Record<string, unknown> };
      const read = (cursor: string | undefined) =>
        call({ ...base, query: { ...base.query, limit: CHECKLIST_PAGE, ...(cursor !== undefined ? { cursor } : {}) } }, { signal }) as Promise<Checklist>;
      return wholeChecklist(read) as Promise<OpOutput<K>>;
    },
  });
}

/** Reads a GET route through the query cache. */
export function useOp<K extends Op>(name: K, input?: OpInput<K>, options: { enabled?: boolean } = {}) {
  const { api } = useApp();
  return useQuery({ ...opQuery(api, name, input), ...(options.enabled === false ? { enabled: false } : {}) });
}

/** The one hook that reads a unit's checklist (我的任务): all of it, page by page (opQuery). */
export function useUnitChecklist(unitId: string) {
  return useOp("unitChecklist", { params: { unitId } });
}

/** What a change of progress makes stale: every read that shows progress, deadline state, history or counts. */
const PROGRESS_READS: ReadonlySet<string> = new Set<Op>([
  "unitChecklist",
  "planChecklist",
  "getTask",
  "getProgress",
  "listHistory",
  "taskHistory",
  "itemHistory",
  "unitHistory",
  "planHistory",
  "progressReport",
  "deadlineReport",
  "planReport",
  "regionalReport",
  "themeMatrix",
  "orphanedTaskRows",
]);

/** What a change of a task's units makes stale, besides progress: the plan documents, tasks and their history. */
const ASSIGNMENT_READS: ReadonlySet<string> = new Set<Op>([...(PROGRESS_READS as Set<Op>), "getPlan", "listPlans", "listTasks", "listUnits", "getUnit", "assignmentHistory", "counterparts", "search"]);

export type Change = "progress" | "assignment" | "import" | "tokens";

/** Marks stale what a save changed, so every view shows the API's fresh state (and deadline flags) again. */
export function invalidateAfter(queryClient: QueryClient, change: Change): Promise<void> {
  switch (change) {
    case "progress":
      return queryClient.invalidateQueries({ predicate: (q) => PROGRESS_READS.has(String(q.queryKey[0])) });
    case "assignment":
      return queryClient.invalidateQueries({ predicate: (q) => ASSIGNMENT_READS.has(String(q.queryKey[0])) });
    case "tokens":
      return queryClient.invalidateQueries({ queryKey: ["listTokens"] });
    case "import":
      // A stored plan can change anything a page reads.
      return queryClient.invalidateQueries();
  }
}

/**
 * Puts a saved (or, after a conflict, the newer stored) progress into every
 * cached read that shows that (item, unit) at once, then refetches them, so
 * the deadline state comes from the API again rather than from the browser
 * (the promise settles once the fresh answers are in).
 */
export function useProgressChanged(): (changed: Array<{ itemId: string; unitId: string; progress: Progress }>) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    (changed) => {
      const byKey = new Map(changed.map((c) => [`${c.itemId}\u0000${c.unitId}`, c.progress]));
      const newer = (itemId: string, unitId: string, progress: Progress) => byKey.get(`${itemId}\u0000${unitId}`) ?? progress;
      const patchChecklist = (data: Checklist | undefined) =>
        data && { ...data, items: data.items.map((r) => ({ ...r, progress: newer(r.item.id, r.unitId, r.progress) })) };
      queryClient.setQueriesData<Checklist>({ queryKey: ["unitChecklist"] }, patchChecklist);
      queryClient.setQueriesData<Checklist>({ queryKey: ["planChecklist"] }, patchChecklist);
      queryClient.setQueriesData<TaskDetail>({ queryKey: ["getTask"] }, (data) =>
        data && {
          ...data,
          checklist: data.checklist.map((line) => ({ ...line, progress: line.progress.map((p) => ({ ...p, progress: newer(line.item.id, p.unitId, p.progress) })) })),
        },
      );
      return invalidateAfter(queryClient, "progress");
    },
    [queryClient],
  );
}

/** A task id (`chengdu-2015/12`) as the task routes' path parameters, always in the same shape (it is part of cache keys). */
export function taskParams(taskId: string): { planId: string; number: number } {
  const { planId, number } = taskPathParams(taskId);
  return { planId, number };
}
