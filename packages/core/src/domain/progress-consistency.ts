import type { ProgressFields, ProgressPatch, ProgressStatus } from "../model/progress.js";

/**
 * The one rule that ties a status to its percent (docs/progress.md):
 * 未开始 is 0 %, 已完成 is 100 %, 进行中 is 0–99 %; 受阻 and 不适用 keep
 * whatever percent was reached. Rows stored before the rule may break it;
 * they are read as they are and only a change of their status or percent
 * has to bring them into line.
 */
export const PERCENT_RANGE_OF_STATUS: Record<ProgressStatus, readonly [min: number, max: number]> = {
  not_started: [0, 0],
  in_progress: [0, 99],
  done: [100, 100],
  blocked: [0, 100],
  not_applicable: [0, 100],
};

/** Why a status and a percent do not go together, naming the field to correct. */
export interface ProgressInconsistency {
  field: "percent";
  status: ProgressStatus;
  percent: number;
  /** The percents the status allows. */
  allowed: readonly [min: number, max: number];
  message: string;
}

/** Null when `percent` fits `status` by {@link PERCENT_RANGE_OF_STATUS}; otherwise what is wrong. */
export function progressInconsistency(status: ProgressStatus, percent: number): ProgressInconsistency | null {
  const allowed = PERCENT_RANGE_OF_STATUS[status];
  if (percent >= allowed[0] && percent <= allowed[1]) return null;
  const range = allowed[0] === allowed[1] ? `${allowed[0]}` : `${allowed[0]}–${allowed[1]}`;
  return { field: "percent", status, percent, allowed, message: `status ${status} needs percent ${range}, not ${percent}` };
}

/** The fields after a change, or why the change is refused. */
export type SettledChange = { ok: true; fields: ProgressFields; patch: ProgressPatch } | { ok: false; problem: ProgressInconsistency };

/** The status a percent alone moves a row to, when the status it has cannot take that percent. */
function statusForPercent(status: ProgressStatus, percent: number): ProgressStatus {
  if (status === "not_started" && percent > 0) return percent === 100 ? "done" : "in_progress";
  if (status === "done" && percent < 100) return percent === 0 ? "not_started" : "in_progress";
  if (status === "in_progress" && percent === 100) return "done";
  return status;
}

/**
 * Applies a change to the fields it was made on, by the rule above. A change
 * that names one of the two brings the other into line where only one value
 * fits: a status alone to 未开始 or 已完成 sets 0 or 100 %; a percent alone on
 * 未开始, 进行中 or 已完成 moves the status (10 % on 未开始 is 进行中, 100 % is
 * 已完成). A change that names both, inconsistently, is refused, and so is
 * 进行中 alone on a row at 100 % (which percent is meant cannot be guessed).
 * A change that touches neither leaves an old inconsistent row as it is.
 * `patch` is the change as it will be written (with what it implies).
 */
export function settleProgressChange(before: ProgressFields, patch: ProgressPatch): SettledChange {
  if (patch.status === undefined && patch.percent === undefined) return { ok: true, fields: { ...before, ...patch }, patch };
  let settled: ProgressPatch = patch;
  if (patch.status !== undefined && patch.percent === undefined) {
    const [min, max] = PERCENT_RANGE_OF_STATUS[patch.status];
    if (min === max && before.percent !== min) settled = { ...patch, percent: min };
  } else if (patch.status === undefined && patch.percent !== undefined) {
    const status = statusForPercent(before.status, patch.percent);
    if (status !== before.status) settled = { ...patch, status };
  }
  const fields: ProgressFields = { ...before, ...settled };
  const problem = progressInconsistency(fields.status, fields.percent);
  return problem ? { ok: false, problem } : { ok: true, fields, patch: settled };
}
