import { itemIdOf, taskIdOf } from "@taizhang/contract";
import type { ChecklistItemId, PlanId, TaskId, UnitId } from "@taizhang/core";
import type { HistoryFilter } from "@taizhang/store";
import type { AppDeps } from "../deps.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";

interface Window {
  since?: string | undefined;
  until?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

function filterOf(scope: { planId?: PlanId; unitId?: UnitId; taskId?: TaskId; itemId?: ChecklistItemId }, q: Window): HistoryFilter {
  return { ...scope, ...(q.since !== undefined ? { since: q.since } : {}), ...(q.until !== undefined ? { until: q.until } : {}), limit: q.limit, cursor: q.cursor ?? null };
}

/** The audit trail: every accepted change, never edited; by plan, unit, task or item, within a time window. */
export function historyUseCases({ ledger }: AppDeps): UseCasesFor<"assignmentHistory" | "listHistory" | "planHistory" | "unitHistory" | "taskHistory" | "itemHistory"> {
  return {
    assignmentHistory: (_caller, { query }) => {
      const { planId, taskId, limit, cursor } = query;
      return fromStore(ledger.assignmentHistory({ ...(planId ? { planId } : {}), ...(taskId ? { taskId } : {}), limit, cursor: cursor ?? null }));
    },
    listHistory: (_caller, { query }) => {
      const { planId, unitId, taskId, itemId, ...window } = query;
      const scope = { ...(planId ? { planId } : {}), ...(unitId ? { unitId } : {}), ...(taskId ? { taskId } : {}), ...(itemId ? { itemId } : {}) };
      return fromStore(ledger.history(filterOf(scope, window)));
    },
    planHistory: (_caller, { params, query }) => fromStore(ledger.history(filterOf({ planId: params.planId }, query))),
    unitHistory: (_caller, { params, query }) => fromStore(ledger.history(filterOf({ unitId: params.unitId }, query))),
    taskHistory: (_caller, { params, query }) => fromStore(ledger.history(filterOf({ taskId: taskIdOf(params) }, query))),
    itemHistory: (_caller, { params, query }) => fromStore(ledger.history(filterOf({ itemId: itemIdOf(params) }, query))),
  };
}
