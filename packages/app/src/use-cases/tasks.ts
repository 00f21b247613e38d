import { MAX_TASK_IDS, type CatalogView, type TaskFilter } from "@taizhang/store";
import { taskIdOf, type TaskDetail } from "@taizhang/contract";
import type { PlanId, TaskId, Unit } from "@taizhang/core";
import { actorOf } from "../caller.js";
import { deadlineOf, resolveAsOf } from "../as-of.js";
import type { AppDeps } from "../deps.js";
import { authorize } from "../policy.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";

/**
 * The tasks a text query finds, by core's search (the same index, folding,
 * pinyin, aliases and query syntax as GET /api/search), best first; at most
 * {@link MAX_TASK_IDS}.
 */
export function textMatches(view: CatalogView, text: string, planId?: PlanId): TaskId[] {
  const found = view.index.search(text, { limit: MAX_TASK_IDS, ...(planId !== undefined ? { planIds: [planId] } : {}) });
  return found.hits.map((hit) => hit.taskId);
}

/** Tasks: filtered, sorted, paginated lists; one task in full; units assigned to a task. */
export function taskUseCases({ ledger, catalog, clock }: AppDeps): UseCasesFor<"listTasks" | "getTask" | "assignTaskUnits" | "orphanedTaskRows"> {
  return {
    listTasks: async (_caller, { query: q }) => {
      const filter: TaskFilter = {
        ...(q.planId !== undefined ? { planId: q.planId } : {}),
        ...(q.part !== undefined ? { partNumber: q.part } : {}),
        ...(q.section !== undefined ? { sectionNumber: q.section } : {}),
        ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
        ...(q.role !== undefined ? { role: q.role } : {}),
        ...(q.status !== undefined ? { status: q.status } : {}),
        ...(q.overdue === true ? { overdueAsOf: resolveAsOf(q.asOf, clock) } : {}),
        ...(q.dueBefore !== undefined ? { dueBefore: q.dueBefore } : {}),
        ...(q.dueAfter !== undefined ? { dueAfter: q.dueAfter } : {}),
        ...(q.guarantee !== undefined ? { guarantee: q.guarantee } : {}),
        ...(q.theme !== undefined ? { theme: q.theme } : {}),
        ...(q.q !== undefined ? { taskIds: textMatches(await catalog.view(), q.q, q.planId) } : {}),
      };
      return fromStore(ledger.listTasks(filter, { limit: q.limit, cursor: q.cursor ?? null, sort: q.sort }));
    },
    getTask: async (_caller, { params, query }) => {
      const asOf = resolveAsOf(query.asOf, clock);
      const taskId = taskIdOf(params);
      const task = await fromStore(ledger.getTask(taskId));
      const [rows, planUnits] = await Promise.all([fromStore(ledger.checklist({ taskId })), fromStore(ledger.listUnits({ planId: params.planId }))]);
      const byId = new Map(planUnits.map((u) => [u.id, u]));
      const units = [...new Set([...task.lead, ...task.responsible])].map((id) => byId.get(id)).filter((u): u is Unit => u !== undefined);
      const items = new Map<string, TaskDetail["checklist"][number]>();
      for (const row of rows) {
        const entry = items.get(row.item.id) ?? { item: row.item, progress: [] };
        entry.progress.push({ unitId: row.unitId, role: row.role, progress: row.progress, deadline: deadlineOf(row.item.due, row.progress.status, asOf) });
        items.set(row.item.id, entry);
      }
      return { task, units, checklist: [...items.values()], asOf: asOf.toISOString() };
    },
    assignTaskUnits: async (caller, { params, json }) => {
      authorize(caller, "tasks.assign");
      return fromStore(ledger.assignUnits(actorOf(caller), taskIdOf(params), json));
    },
    orphanedTaskRows: async (caller, { params, query }) => {
      authorize(caller, "rows.orphaned");
      const asOf = resolveAsOf(query.asOf, clock);
      const taskId = taskIdOf(params);
      await fromStore(ledger.getTask(taskId));
      const rows = await fromStore(ledger.checklist({ taskId, orphaned: true }));
      const items = rows.map((row) => ({ item: row.item, unitId: row.unitId, role: row.role, progress: row.progress, deadline: deadlineOf(row.item.due, row.progress.status, asOf) }));
      return { taskId, items, asOf: asOf.toISOString() };
    },
  };
}
