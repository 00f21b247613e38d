import type { ChecklistRow } from "@taizhang/store";
import type { ProgressRow } from "./data-source.js";

/** The store's checklist row, flattened for lists. */
export function toProgressRow(row: ChecklistRow): ProgressRow {
  return {
    itemId: row.item.id,
    planId: row.item.planId,
    taskId: row.item.taskId,
    kind: row.item.kind,
    milestoneIndex: row.item.milestoneIndex,
    label: row.item.label,
    due: row.item.due,
    unitId: row.unitId,
    role: row.role,
    progress: row.progress,
    taskNumber: row.taskNumber,
    taskTitle: row.taskTitle,
  };
}
