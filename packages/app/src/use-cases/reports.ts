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
      const { withinDays, planId, unitId } = query;
      const asOf = resolveAsOf(query.asOf, clock);
      const rows = await fromStore(ledger.checklist({ ...(planId ? { planId } : {}), ...(unitId ? { unitId } : {}) }));
      const entries = rows.map((row) => checklistEntry(row, asOf, withinDays));
      const byDays = (a: (typeof entries)[number], b: (typeof entries)[number]) => a.deadline.daysLeft - b.deadline.daysLeft;
      return {
        asOf: asOf.toISOString(),
        withinDays,
        overdue: entries.filter((e) => e.deadline.overdue).sort(byDays),
        dueSoon: entries.filter((e) => e.deadline.dueSoon).sort(byDays),
      };
    },
  };
}
