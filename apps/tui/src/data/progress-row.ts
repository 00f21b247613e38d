import type { ChecklistEntry, TaskDetail as TaskInFull } from "@taizhang/contract";
import type { ProgressRow } from "./data-source.js";

/** A checklist entry (of a plan's or a unit's checklist), flattened for lists. */
export function toProgressRow(row: Pick<ChecklistEntry, "item" | "unitId" | "role" | "progress" | "taskNumber" | "taskTitle">): ProgressRow {
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

/** A task in full's checklist (items, each with its units' progress), as (item, unit) rows. */
export function taskProgressRows({ task, checklist }: Pick<TaskInFull, "task" | "checklist">): ProgressRow[] {
  return checklist.flatMap(({ item, progress }) => progress.map((p) => toProgressRow({ item, unitId: p.unitId, role: p.role, progress: p.progress, taskNumber: task.number, taskTitle: task.title })));
}
