import { z } from "zod";
import { PROGRESS_STATUSES, type ProgressStatus } from "../model/progress.js";
import { isDueSoon, isOverdue } from "./deadlines.js";

/** The minimum a roll-up needs to know of one (item, unit) row. */
export interface RollupRow {
  status: ProgressStatus;
  percent: number;
  due: string;
}

export interface Rollup {
  total: number;
  byStatus: Record<ProgressStatus, number>;
  /** 0..100, one decimal; see {@link rollUp} for the rule. */
  percentComplete: number;
  overdue: number;
  dueSoon: number;
}

export const RollupSchema = z
  .object({
    total: z.number().int().min(0).describe("总数 (item, unit) rows"),
    byStatus: z
      .object(Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, z.number().int().min(0)])) as Record<ProgressStatus, z.ZodNumber>)
      .describe("按状态 rows per status"),
    percentComplete: z.number().min(0).max(100).describe("完成率 0..100, one decimal: done counts 100, not_applicable is left out"),
    overdue: z.number().int().min(0).describe("逾期 open rows past their due date"),
    dueSoon: z.number().int().min(0).describe("即将到期 open rows due within the due-soon window"),
  })
  .describe("汇总 a roll-up of (item, unit) rows");

/**
 * Rolls (item, unit) rows up into counts and a completion percentage.
 *
 * The rule: every row weighs the same; a `done` row counts as 100 % whatever
 * percent was typed; `not_applicable` rows are left out of the percentage
 * (they are still counted in `total` and `byStatus`); every other row counts
 * with its own percent. With no applicable rows the percentage is 0.
 * Overdue and due-soon are judged as of `asOf` (China calendar date).
 */
export function rollUp(rows: Iterable<RollupRow>, asOf: Date, dueSoonDays = 30): Rollup {
  const byStatus = Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, 0])) as Record<ProgressStatus, number>;
  let total = 0;
  let applicable = 0;
  let percentSum = 0;
  let overdue = 0;
  let dueSoon = 0;
  for (const row of rows) {
    total += 1;
    byStatus[row.status] += 1;
    if (row.status !== "not_applicable") {
      applicable += 1;
      percentSum += row.status === "done" ? 100 : Math.min(100, Math.max(0, row.percent));
    }
    if (isOverdue(row.due, row.status, asOf)) overdue += 1;
    else if (isDueSoon(row.due, row.status, asOf, dueSoonDays)) dueSoon += 1;
  }
  const percentComplete = applicable === 0 ? 0 : Math.round((percentSum / applicable) * 10) / 10;
  return { total, byStatus, percentComplete, overdue, dueSoon };
}
