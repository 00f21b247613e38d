import { addDays, chinaDate } from "@taizhang/core";
import type { AppDeps } from "../deps.js";
import { checklistEntry, resolveAsOf } from "../as-of.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";

/** Reports: progress rolled up by plan, section, unit or task; overdue and due-soon lists. */
export function reportUseCases({ ledger, clock }: AppDeps): UseCasesFor<"progressReport" | "deadlineReport"> {
  return {
    progressReport: async (_caller, { query }) => {
      const asOf = resolveAsOf(query.asOf, clock);
      const rows = await fromStore(ledger.report(query.by, asOf, query.planId !== undefined ? { planId: query.planId } : {}));
      return { asOf: asOf.toISOString(), by: query.by, rows };
    },
    deadlineReport: async (_caller, { query }) => {
      const { withinDays, planId, unitId, limit } = query;
      const asOf = resolveAsOf(query.asOf, clock);
      const scope = { ...(planId ? { planId } : {}), ...(unitId ? { unitId } : {}) };
      const today = chinaDate(asOf);
      // Bounded: the first `limit` rows of each list, soonest due first, with the counts of all of them.
      const [overdue, dueSoon] = await Promise.all([
        fromStore(ledger.checklistDueFirst({ ...scope, openDueBefore: today }, limit)),
        fromStore(ledger.checklistDueFirst({ ...scope, openDueFrom: today, openDueBefore: addDays(today, withinDays + 1) }, limit)),
      ]);
      return {
        asOf: asOf.toISOString(),
        withinDays,
        overdue: overdue.items.map((row) => checklistEntry(row, asOf, withinDays)),
        dueSoon: dueSoon.items.map((row) => checklistEntry(row, asOf, withinDays)),
        overdueTotal: overdue.total,
        dueSoonTotal: dueSoon.total,
        truncated: overdue.total > overdue.items.length || dueSoon.total > dueSoon.items.length,
      };
    },
  };
}
