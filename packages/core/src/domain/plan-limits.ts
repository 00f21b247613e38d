import type { Plan } from "../model/plan.js";

/** How large a plan an import may store: every checklist read and export scales with these. */
export interface PlanLimits {
  maxTasks: number;
  maxUnitsPerTask: number;
  maxMilestonesPerTask: number;
  /** (item, unit) rows the plan's checklist would hold: per task, (milestones + 1) × its units. */
  maxChecklistRows: number;
}

export const DEFAULT_PLAN_LIMITS: PlanLimits = { maxTasks: 2000, maxUnitsPerTask: 200, maxMilestonesPerTask: 50, maxChecklistRows: 50_000 };

/** The setting (environment variable) of each limit. */
export const PLAN_LIMIT_SETTINGS: Record<keyof PlanLimits, string> = {
  maxTasks: "TAIZHANG_IMPORT_MAX_TASKS",
  maxUnitsPerTask: "TAIZHANG_IMPORT_MAX_UNITS_PER_TASK",
  maxMilestonesPerTask: "TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK",
  maxChecklistRows: "TAIZHANG_IMPORT_MAX_ROWS",
};

/** A plan over a limit: which, its value, what the plan has, and the task concerned (when one is). */
export interface PlanLimitBreach {
  limit: keyof PlanLimits;
  setting: string;
  max: number;
  found: number;
  taskNumber: number | null;
  message: string;
}

/**
 * The limits from settings (e.g. process.env), the defaults for those unset.
 * A value that is not a whole number ≥ 1 is an error naming the setting.
 */
export function planLimitsFrom(env: Readonly<Record<string, string | undefined>>): PlanLimits {
  const limits = { ...DEFAULT_PLAN_LIMITS };
  for (const key of Object.keys(PLAN_LIMIT_SETTINGS) as Array<keyof PlanLimits>) {
    const raw = env[PLAN_LIMIT_SETTINGS[key]]?.trim();
    if (raw === undefined || raw === "") continue;
    if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new Error(`${PLAN_LIMIT_SETTINGS[key]}: must be a whole number ≥ 1 (got ${raw})`);
    limits[key] = Number(raw);
  }
  return limits;
}

/** The first limit the plan goes over, or null when it is within all of them. Pure: reads only the plan. */
export function checkPlanLimits(plan: Pick<Plan, "tasks">, limits: PlanLimits = DEFAULT_PLAN_LIMITS): PlanLimitBreach | null {
  const breach = (limit: keyof PlanLimits, found: number, taskNumber: number | null, what: string): PlanLimitBreach => ({
    limit,
    setting: PLAN_LIMIT_SETTINGS[limit],
    max: limits[limit],
    found,
    taskNumber,
    message: `${what} ${found}, more than the ${limits[limit]} allowed (${PLAN_LIMIT_SETTINGS[limit]})`,
  });
  if (plan.tasks.length > limits.maxTasks) return breach("maxTasks", plan.tasks.length, null, "the plan has tasks:");
  let rows = 0;
  for (const task of plan.tasks) {
    const units = new Set([...task.lead, ...task.responsible]).size;
    if (units > limits.maxUnitsPerTask) return breach("maxUnitsPerTask", units, task.number, `task ${task.number} names units:`);
    if (task.milestones.length > limits.maxMilestonesPerTask) {
      return breach("maxMilestonesPerTask", task.milestones.length, task.number, `task ${task.number} has milestones:`);
    }
    rows += (task.milestones.length + 1) * units;
    if (rows > limits.maxChecklistRows) {
      const total = plan.tasks.reduce((n, t) => n + (t.milestones.length + 1) * new Set([...t.lead, ...t.responsible]).size, 0);
      return { ...breach("maxChecklistRows", total, task.number, "the plan's checklist would hold rows:"), message: `the plan's checklist would hold ${total} rows, more than the ${limits.maxChecklistRows} allowed (${PLAN_LIMIT_SETTINGS.maxChecklistRows}); the limit is passed at task ${task.number}` };
    }
  }
  return null;
}
