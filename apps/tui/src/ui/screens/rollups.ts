import { rollUp, type Rollup } from "@taizhang/core";
import type { ProgressRow } from "../../data/data-source.js";

/** Roll-ups of progress rows grouped by a key (plan, task, section…), with core's rule. */
export function rollupsBy(rows: readonly ProgressRow[], key: (row: ProgressRow) => string, asOf: Date, dueSoonDays: number): Map<string, Rollup> {
  const groups = new Map<string, ProgressRow[]>();
  for (const row of rows) {
    const k = key(row);
    const g = groups.get(k);
    if (g) g.push(row);
    else groups.set(k, [row]);
  }
  const out = new Map<string, Rollup>();
  for (const [k, g] of groups) out.set(k, rollUp(g.map(toRollupRow), asOf, dueSoonDays));
  return out;
}

export function rollupOf(rows: readonly ProgressRow[], asOf: Date, dueSoonDays: number): Rollup {
  return rollUp(rows.map(toRollupRow), asOf, dueSoonDays);
}

function toRollupRow(row: ProgressRow): { status: ProgressRow["progress"]["status"]; percent: number; due: string } {
  return { status: row.progress.status, percent: row.progress.percent, due: row.due };
}

/** "45.5%", or "—" when nothing is assigned. */
export function percentText(rollup: Rollup | undefined): string {
  return rollup && rollup.total > 0 ? `${rollup.percentComplete}%` : "—";
}

export function overdueText(rollup: Rollup | undefined): string {
  return rollup && rollup.overdue > 0 ? String(rollup.overdue) : "";
}
