import type { Plan, PlanSummary } from "../model/plan.js";

/** The one-line summary of a plan that lists show, with its counts. */
export function summarizePlan(plan: Plan): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    issuer: plan.issuer,
    documentNumber: plan.documentNumber,
    jurisdiction: plan.jurisdiction,
    period: plan.period,
    counts: {
      parts: plan.parts.length,
      sections: plan.parts.reduce((n, p) => n + p.sections.length, 0),
      tasks: plan.tasks.length,
      guarantees: plan.tasks.filter((t) => t.guarantee).length,
      milestones: plan.tasks.reduce((n, t) => n + t.milestones.length, 0),
      targets: plan.tasks.reduce((n, t) => n + t.targets.length, 0),
      units: plan.units.length,
      warnings: plan.provenance.warnings.length,
    },
  };
}
