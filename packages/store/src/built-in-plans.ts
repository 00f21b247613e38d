import { builtInPlans } from "@taizhang/core";
import type { Ledger, PlanLoadResult } from "./ledger.js";

/**
 * Loads the plans Taizhang ships with (core's `builtInPlans`), one by one.
 * Idempotent: a restart reports every plan `unchanged` and writes nothing; a
 * newer importer's output updates plan text without touching progress.
 */
export async function loadBuiltInPlans(ledger: Pick<Ledger, "loadPlan">): Promise<PlanLoadResult[]> {
  const results: PlanLoadResult[] = [];
  for (const plan of builtInPlans) results.push(await ledger.loadPlan(plan));
  return results;
}
