import type { Unit, UnitId } from "@taizhang/core";
import type { Ledger } from "@taizhang/store";
import { AppError } from "../app-error.js";
import type { AppDeps } from "../deps.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";
import { checklistOf } from "./plans.js";

/** The unit stored under this id, or not-found. */
export async function findUnit(ledger: Ledger, unitId: UnitId | string): Promise<Unit> {
  const [unit] = (await fromStore(ledger.resolveUnit(unitId))).filter((u) => u.id === unitId);
  if (!unit) throw new AppError("not-found", `no unit ${unitId}`);
  return unit;
}

/**
 * Exactly one unit by id, name or alias (within a jurisdiction when given):
 * not-found when none, conflict listing the candidates' ids when several.
 */
export async function resolveOneUnit(ledger: Ledger, nameOrId: string, jurisdiction?: string): Promise<Unit> {
  const found = await fromStore(ledger.resolveUnit(nameOrId, jurisdiction));
  const [first] = found;
  if (!first) throw new AppError("not-found", `no unit ${nameOrId}${jurisdiction ? ` in ${jurisdiction}` : ""}`);
  if (found.length > 1) throw new AppError("conflict", `${nameOrId} names ${found.length} units (${found.map((u) => u.id).join(", ")}); give the id or a jurisdiction`);
  return first;
}

/** Units (offices) with their aliases, and each unit's checklist across all plans (我的任务). */
export function unitUseCases(deps: AppDeps): UseCasesFor<"listUnits" | "getUnit" | "unitChecklist"> {
  const { ledger } = deps;
  return {
    listUnits: async (_caller, { query }) => {
      const { planId, jurisdiction, name } = query;
      if (name !== undefined) {
        const found = await fromStore(ledger.resolveUnit(name, jurisdiction));
        const inPlan = planId === undefined ? null : new Set((await fromStore(ledger.listUnits({ planId }))).map((u) => u.id));
        return { items: found.filter((u) => inPlan === null || inPlan.has(u.id)) };
      }
      return { items: await fromStore(ledger.listUnits({ ...(planId !== undefined ? { planId } : {}), ...(jurisdiction !== undefined ? { jurisdiction } : {}) })) };
    },
    getUnit: (_caller, { params }) => findUnit(ledger, params.unitId),
    unitChecklist: async (_caller, { params, query }) => {
      await findUnit(ledger, params.unitId);
      return checklistOf(deps, { ...query, unitId: params.unitId });
    },
  };
}
