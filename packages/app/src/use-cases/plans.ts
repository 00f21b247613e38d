import { DUE_SOON_DAYS } from "@taizhang/contract";
import type { PlanId, UnitId, UnitRole, ProgressStatus } from "@taizhang/core";
import type { Ledger } from "@taizhang/store";
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

/** The filters a checklist (a plan's or a unit's) takes. */
export interface ChecklistQuery {
  planId?: PlanId;
  unitId?: UnitId;
  role?: UnitRole;
  status?: ProgressStatus;
  responsiblePerson?: string;
  overdue?: boolean;
  dueWithin?: number;
  asOf?: string;
}

/** Checklist rows with their deadline state, narrowed to overdue or due-within when asked. */
export async function checklistOf({ ledger, clock }: AppDeps, query: ChecklistQuery) {
  const asOf = resolveAsOf(query.asOf, clock);
  const rows = await fromStore(
    ledger.checklist({
      ...(query.planId !== undefined ? { planId: query.planId } : {}),
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
      ...(query.role !== undefined ? { role: query.role } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.responsiblePerson !== undefined ? { responsiblePerson: query.responsiblePerson } : {}),
    }),
  );
  const items = rows
    .map((row) => checklistEntry(row, asOf, query.dueWithin ?? DUE_SOON_DAYS))
    .filter((e) => (query.overdue === true ? e.deadline.overdue : true))
    .filter((e) => (query.dueWithin !== undefined ? e.deadline.overdue || e.deadline.dueSoon : true));
  return { asOf: asOf.toISOString(), items };
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
