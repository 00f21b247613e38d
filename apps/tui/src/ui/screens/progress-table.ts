import { deadlineState } from "@taizhang/core";
import type { ProgressRow } from "../../data/data-source.js";
import { statusLabel } from "../i18n.js";
import { daysText, stateColor, unitName } from "./format.js";
import type { Row, ScreenContext } from "./screen-types.js";
import { columnWidths, tableRow, type ColumnSpec } from "./table.js";

/**
 * A table of (item, unit) progress rows, shared by "my checklist" and the
 * overdue list: due date, days left or late, unit, task and item, status, percent.
 */
export function progressTable(rows: readonly ProgressRow[], width: number, ctx: ScreenContext, showUnit: boolean): { header: Row; rows: Row[] } {
  const { t, lang, asOf, dueSoonDays } = ctx;
  const specs: ColumnSpec[] = [
    { width: 10 },
    { width: lang === "zh" ? 9 : 10 },
    ...(showUnit ? [{ width: 12 }] : []),
    { min: 10 },
    { width: lang === "zh" ? 6 : 11 },
    { width: 3, align: "right" as const },
  ];
  const widths = columnWidths(width, specs);
  const header: Row = {
    key: "header",
    selectable: false,
    segments: tableRow(
      [{ text: t("due") }, { text: "" }, ...(showUnit ? [{ text: t("unit") }] : []), { text: t("item") }, { text: t("status") }, { text: "%" }],
      widths,
      specs,
    ).map((s) => ({ ...s, bold: true })),
  };
  const body = rows.map((row): Row => {
    const state = deadlineState(row.due, row.progress.status, asOf, dueSoonDays);
    const item = `${row.taskId.slice(row.taskId.indexOf("/") + 1)}.${row.milestoneIndex === null ? "" : `m${row.milestoneIndex}`} ${row.milestoneIndex === null ? row.taskTitle : row.label}`;
    return {
      key: `${row.itemId}|${row.unitId}`,
      selectable: true,
      open: { kind: "task", taskId: row.taskId },
      progress: row,
      segments: tableRow(
        [
          { text: row.due },
          { text: daysText(row.due, row.progress.status, asOf, t, dueSoonDays), color: stateColor(state) },
          ...(showUnit ? [{ text: unitName(row.unitId) }] : []),
          { text: item },
          { text: statusLabel(row.progress.status, lang), color: row.progress.status === "done" ? ("green" as const) : undefined },
          { text: String(row.progress.percent) },
        ],
        widths,
        specs,
      ),
    };
  });
  return { header, rows: body };
}

/** Earliest due first; then by task and item. */
export function byDue(a: ProgressRow, b: ProgressRow): number {
  return a.due.localeCompare(b.due) || a.taskNumber - b.taskNumber || a.itemId.localeCompare(b.itemId) || a.unitId.localeCompare(b.unitId);
}
