import { z } from "zod";
import { PlanIdSchema, TaskIdSchema } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import { rollUp, RollupSchema, type RollupRow } from "../domain/rollup.js";
import type { TaskId } from "../model/ids.js";
import { classifyPlan } from "./classify-plan.js";
import type { ClassifyOptions } from "./classify-task.js";
import { THEMES, ThemeIdSchema } from "./taxonomy.js";

export const CoverageCellSchema = z
  .object({
    count: z.number().int().min(0).describe("任务数 tasks of the plan in the theme"),
    taskIds: z.array(TaskIdSchema).describe("任务 those tasks, in plan order"),
  })
  .describe("覆盖单元 one theme × one plan");
export type CoverageCell = z.infer<typeof CoverageCellSchema>;

export const CoverageMatrixSchema = z
  .object({
    planIds: z.array(PlanIdSchema).describe("规划 the columns, in the order given"),
    taskCounts: z.array(z.number().int().min(0)).describe("任务总数 tasks per plan (a task may count under several themes)"),
    rows: z
      .array(
        z.object({
          themeId: ThemeIdSchema,
          cells: z.array(CoverageCellSchema).describe("单元 one per plan, in planIds order"),
          total: z.number().int().min(0).describe("合计 tasks in the theme across the plans"),
        }),
      )
      .describe("主题 one row per theme, sub-themes after their parent, in taxonomy order"),
  })
  .describe("主题覆盖矩阵 themes × plans");
export type CoverageMatrix = z.infer<typeof CoverageMatrixSchema>;

/**
 * Themes × plans: how many tasks of each plan fall under each theme (a task
 * under several themes counts in each). Completion is joined in by the store.
 */
export function coverageMatrix(plans: ReadonlyArray<Pick<Plan, "id" | "parts" | "tasks">>, options: ClassifyOptions = {}): CoverageMatrix {
  const classified = plans.map((plan) => classifyPlan(plan, options));
  return {
    planIds: plans.map((p) => p.id),
    taskCounts: plans.map((p) => p.tasks.length),
    rows: THEMES.map((theme) => {
      const cells = plans.map((plan, j) => {
        const taskIds = plan.tasks.filter((t) => classified[j]?.get(t.id)?.themes.includes(theme.id)).map((t) => t.id);
        return { count: taskIds.length, taskIds };
      });
      return { themeId: theme.id, cells, total: cells.reduce((n, c) => n + c.count, 0) };
    }),
  };
}

/** One (checklist item, unit) row as a completion roll-up needs it, with the task it belongs to. */
export interface CoverageProgressRow extends RollupRow {
  taskId: TaskId;
}

export const ThemeCoverageSchema = CoverageMatrixSchema.extend({
  completion: z
    .array(z.array(RollupSchema))
    .describe("进展 roll-up of each cell's (item, unit) rows: completion[row][column], in the order of rows[].cells"),
  themeTotals: z.array(RollupSchema).describe("主题合计 roll-up of each theme's rows across the plans, in row order"),
}).describe("主题覆盖与进展 themes × plans with task counts and completion");
export type ThemeCoverage = z.infer<typeof ThemeCoverageSchema>;

/**
 * The coverage matrix with completion: each cell's roll-up ({@link rollUp}'s
 * rule) over the (item, unit) rows of the cell's tasks, as of `asOf`. A task
 * under several themes counts in each of their cells.
 */
export function themeCoverage(
  plans: ReadonlyArray<Pick<Plan, "id" | "parts" | "tasks">>,
  rows: Iterable<CoverageProgressRow>,
  asOf: Date,
  options: ClassifyOptions & { dueSoonDays?: number } = {},
): ThemeCoverage {
  const matrix = coverageMatrix(plans, options);
  const byTask = new Map<TaskId, RollupRow[]>();
  for (const row of rows) {
    const list = byTask.get(row.taskId) ?? [];
    list.push(row);
    byTask.set(row.taskId, list);
  }
  const rowsOf = (taskIds: readonly TaskId[]) => taskIds.flatMap((id) => byTask.get(id) ?? []);
  const dueSoonDays = options.dueSoonDays ?? 30;
  return {
    ...matrix,
    completion: matrix.rows.map((r) => r.cells.map((cell) => rollUp(rowsOf(cell.taskIds), asOf, dueSoonDays))),
    themeTotals: matrix.rows.map((r) => rollUp(rowsOf(r.cells.flatMap((cell) => cell.taskIds)), asOf, dueSoonDays)),
  };
}
