import { deadlineState } from "@taizhang/core";
import type { ProgressRow } from "../../data/data-source.js";
import { statusLabel } from "../i18n.js";
import { singleLine } from "../text/index.js";
import { daysText, stateColor, unitName } from "./format.js";
import type { Row, ScreenContext } from "./screen-types.js";
import { fitColumns, tableRow, type Cell, type FitColumn } from "./table.js";

/** "12.m1 建立…" / "3. 健全行政复议体制": the task number, the milestone, and its label. */
function itemText(row: ProgressRow): string {
  const number = row.taskId.slice(row.taskId.indexOf("/") + 1);
  return row.milestoneIndex === null ? `${number}. ${row.taskTitle}` : `${number}.m${row.milestoneIndex} ${row.label}`;
}

/**
 * A table of (item, unit) progress rows, shared by "my checklist" and the
 * overdue list: due date, days left or late, unit, task and item, status,
 * percent, and where the width allows the progress note. Columns are as
 * wide as what they hold: 逾期N天 and unit names are whole whenever the
 * width allows, and the unit, then the item, give up room first. Tables
 * shown one under the other (overdue, then due soon) pass all their rows
 * as `measured`, so that their columns line up under one heading.
 */
export function progressTable(
  rows: readonly ProgressRow[],
  width: number,
  ctx: ScreenContext,
  showUnit: boolean,
  measured: readonly ProgressRow[] = rows,
): { header: Row; rows: Row[] } {
  const { t, lang, asOf, dueSoonDays } = ctx;
  const cellsOf = (row: ProgressRow): Cell[] => {
    const state = deadlineState(row.due, row.progress.status, asOf, dueSoonDays);
    const out: Cell[] = [
      { text: row.due },
      { text: daysText(row.due, row.progress.status, asOf, t, dueSoonDays), color: stateColor(state) },
      ...(showUnit ? [{ text: unitName(row.unitId) }] : []),
      { text: itemText(row) },
      { text: statusLabel(row.progress.status, lang), color: row.progress.status === "done" ? ("green" as const) : undefined },
      { text: String(row.progress.percent), align: "right" as const },
      { text: singleLine(row.progress.note), dim: true },
    ];
    return out;
  };
  const cells = rows.map(cellsOf);
  const measuredCells = measured === rows ? cells : measured.map(cellsOf);
  const heading: Cell[] = [
    { text: t("due") },
    { text: "" },
    ...(showUnit ? [{ text: t("unit") }] : []),
    { text: t("item") },
    { text: t("status") },
    { text: "%", align: "right" as const },
    { text: t("fieldNote") },
  ];
  const texts = (i: number): string[] => [heading[i]?.text ?? "", ...measuredCells.map((c) => c[i]?.text ?? "")];
  let k = 0;
  const columns: FitColumn[] = [
    { texts: texts(k++), min: 10, max: 10 },
    { texts: texts(k++), max: 12 },
    ...(showUnit ? [{ texts: texts(k++), min: 8, max: 24, shrink: 1 }] : []),
    { texts: texts(k++), min: 10, shrink: 2 },
    { texts: texts(k++) },
    { texts: texts(k++), align: "right" as const },
    { texts: texts(k++), min: 12, optional: true },
  ];
  const widths = fitColumns(width, columns);
  const header: Row = { key: "header", selectable: false, segments: tableRow(heading, widths, columns, width).map((s) => ({ ...s, bold: true })) };
  const body = rows.map(
    (row, i): Row => ({
      key: `${row.itemId}|${row.unitId}`,
      selectable: true,
      open: { kind: "task", taskId: row.taskId },
      progress: row,
      segments: tableRow(cells[i] ?? [], widths, columns, width),
    }),
  );
  return { header, rows: body };
}

/** Earliest due first; then by task and item. */
export function byDue(a: ProgressRow, b: ProgressRow): number {
  return a.due.localeCompare(b.due) || a.taskNumber - b.taskNumber || a.itemId.localeCompare(b.itemId) || a.unitId.localeCompare(b.unitId);
}
