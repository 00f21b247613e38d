import { z } from "zod";
import { PlanIdSchema, TaskIdSchema } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import { CounterpartSchema, createConcordance } from "./concordance.js";

/**
 * Similarity at or above which two tasks count as counterparts in a regional
 * report. Chosen by reading the four built-in plans (docs/search.md): pairs
 * that treat the same matter score above it, pairs that only share the
 * vocabulary of the field mostly score below.
 */
export const COUNTERPART_THRESHOLD = 0.15;

export const RegionalReportSchema = z
  .object({
    parentPlanId: PlanIdSchema.describe("上级规划 the regional plan"),
    childPlanIds: z.array(PlanIdSchema).describe("下级规划 plans of its cities (jurisdiction.parent = the region)"),
    skipped: z
      .array(z.object({ planId: PlanIdSchema, reason: z.string() }))
      .describe("未纳入 plans given as children that are not in the region"),
    threshold: z.number().min(0).max(1).describe("阈值 minimum similarity for a counterpart"),
    rows: z
      .array(
        z.object({
          taskId: TaskIdSchema,
          title: z.string(),
          children: z
            .array(
              z.object({
                planId: PlanIdSchema,
                counterpart: CounterpartSchema.nullable().describe("对应任务 best city task at or above the threshold; null when none"),
              }),
            )
            .describe("各市 one entry per child plan, in childPlanIds order"),
          coveredBy: z.number().int().min(0).describe("覆盖数 child plans that have a counterpart"),
        }),
      )
      .describe("区级任务 one row per task of the regional plan"),
    orphans: z
      .array(
        z.object({
          planId: PlanIdSchema,
          taskId: TaskIdSchema,
          title: z.string(),
          best: CounterpartSchema.nullable().describe("最接近的区级任务 closest regional task, below the threshold"),
        }),
      )
      .describe("无上级对应 city tasks with no regional task at or above the threshold"),
  })
  .describe("区域对照报告 regional plan vs. city plans");
export type RegionalReport = z.infer<typeof RegionalReportSchema>;

type ReportPlan = Pick<Plan, "id" | "tasks" | "jurisdiction">;

/** The plans of `plans` whose jurisdiction lies in `parent`'s. */
export function childPlansOf(parent: ReportPlan, plans: readonly ReportPlan[]): ReportPlan[] {
  return plans.filter((p) => p.id !== parent.id && p.jurisdiction.parent === parent.jurisdiction.name);
}

/**
 * For each task of a regional plan, whether each city plan has a counterpart
 * (best city task scoring ≥ threshold), and which city tasks have no regional
 * parent. Plans whose jurisdiction.parent is not the region are skipped; the
 * regional plan itself may be among `childPlans` and is ignored there.
 */
export function regionalReport(
  parentPlan: ReportPlan,
  childPlans: readonly ReportPlan[],
  options: { threshold?: number } = {},
): RegionalReport {
  const threshold = options.threshold ?? COUNTERPART_THRESHOLD;
  const children = childPlansOf(parentPlan, childPlans);
  const skipped = childPlans
    .filter((p) => p.id !== parentPlan.id && !children.includes(p))
    .map((p) => ({
      planId: p.id,
      reason: `${p.jurisdiction.name} lies in ${p.jurisdiction.parent ?? "an unknown jurisdiction"}, not ${parentPlan.jurisdiction.name}`,
    }));
  const concordance = createConcordance([parentPlan, ...children]);
  const rows = parentPlan.tasks.map((task) => {
    const entries = children.map((child) => {
      const best = concordance.counterparts(task.id, { limit: 1, planIds: [child.id], minScore: threshold })[0];
      return { planId: child.id, counterpart: best ?? null };
    });
    return { taskId: task.id, title: task.title, children: entries, coveredBy: entries.filter((e) => e.counterpart).length };
  });
  const orphans = children.flatMap((child) =>
    child.tasks.flatMap((task) => {
      const best = concordance.counterparts(task.id, { limit: 1, planIds: [parentPlan.id] })[0] ?? null;
      if (best && best.score >= threshold) return [];
      return [{ planId: child.id, taskId: task.id, title: task.title, best }];
    }),
  );
  return { parentPlanId: parentPlan.id, childPlanIds: children.map((c) => c.id), skipped, threshold, rows, orphans };
}
