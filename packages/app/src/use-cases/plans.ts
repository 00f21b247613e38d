import { DUE_SOON_DAYS } from "@taizhang/contract";
import { addDays, chinaDate, type PlanId, type UnitId, type UnitRole, type ProgressStatus } from "@taizhang/core";
import type { ChecklistFilter, Ledger } from "@taizhang/store";
import { AppError } from "../app-error.js";
import { checklistEntry, resolveAsOf } from "../as-of.js";
import type { AppDeps } from "../deps.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";

/** Refuses a plan id nothing is stored under. */
export async function requirePlan(ledger: Ledger, planId: PlanId): Promise<void> {
  const plans = await fromStore(ledger.listPlans());
  if (!plans.some((p) => p.id === planId)) throw new AppError("not-found", `no plan ${planId}`);
}

/** The filters a checklist (a plan's or a unit's) takes, and its page. */
export interface ChecklistQuery {
  planId?: PlanId;
  unitId?: UnitId;
  role?: UnitRole;
  status?: ProgressStatus;
  responsiblePerson?: string;
  overdue?: boolean;
  dueWithin?: number;
  asOf?: string;
  /** Rows per page (1..2000; default 500). */
  limit?: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
}

/** Rows of a checklist page when the query names no limit. */
export const DEFAULT_CHECKLIST_PAGE = 500;

/**
 * The store's filter for a checklist query: overdue and due-within are read in SQL as "open and
 * due before (or from) a China date", which selects exactly the rows core's deadline rules flag.
 * Due within N days is open and due from today to today + N — not overdue (an item 2,000 days late is
 * not "due within 30 days"); with `overdue=true` too, both: the overdue rows and those due within N.
 */
export function checklistStoreFilter(query: ChecklistQuery, asOf: Date): ChecklistFilter {
  const today = chinaDate(asOf);
  const within = query.dueWithin !== undefined ? addDays(today, query.dueWithin + 1) : undefined;
  const bounds =
    within !== undefined
      ? { openDueBefore: within, ...(query.overdue === true ? {} : { openDueFrom: today }) }
      : query.overdue === true
        ? { openDueBefore: today }
        : {};
  return {
    ...(query.planId !== undefined ? { planId: query.planId } : {}),
    ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
    ...(query.role !== undefined ? { role: query.role } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.responsiblePerson !== undefined ? { responsiblePerson: query.responsiblePerson } : {}),
    ...bounds,
  };
}

/** One page of checklist rows with their deadline state, narrowed to overdue or due-within when asked. */
export async function checklistOf({ ledger, clock }: Pick<AppDeps, "ledger" | "clock">, query: ChecklistQuery) {
  const asOf = resolveAsOf(query.asOf, clock);
  const page = await fromStore(
    ledger.checklistPage(checklistStoreFilter(query, asOf), { limit: query.limit ?? DEFAULT_CHECKLIST_PAGE, cursor: query.cursor ?? null }),
  );
  const items = page.items.map((row) => checklistEntry(row, asOf, query.dueWithin ?? DUE_SOON_DAYS));
  return { asOf: asOf.toISOString(), items, nextCursor: page.nextCursor };
}

/** Plans: the list, one plan's document, its checklist and its progress report. */
export function planUseCases(deps: AppDeps): UseCasesFor<"listPlans" | "getPlan" | "planChecklist" | "planReport"> {
  const { ledger, clock } = deps;
  return {
    listPlans: async () => ({ items: await fromStore(ledger.listPlans()) }),
    getPlan: (_caller, { params }) => fromStore(ledger.getPlan(params.planId)),
    planChecklist: async (_caller, { params, query }) => {
      await requirePlan(ledger, params.planId);
      return checklistOf(deps, { ...query, planId: params.planId });
    },
    planReport: async (_caller, { params, query }) => {
      await requirePlan(ledger, params.planId);
      const asOf = resolveAsOf(query.asOf, clock);
      const rows = await fromStore(ledger.report(query.by, asOf, { planId: params.planId }));
      return { asOf: asOf.toISOString(), by: query.by, rows };
    },
  };
}
