import { daysLeft, deadlineState, type ProgressStatus } from "@taizhang/core";
import type { ChecklistRow } from "@taizhang/store";
import type { ChecklistEntry } from "./schemas.js";

/** Days ahead that count as "due soon" unless a request says otherwise. */
export const DUE_SOON_DAYS = 30;

/** Deadline flags of one (item, unit) row, by core's rules. */
export function deadlineOf(due: string, status: ProgressStatus, asOf: Date, withinDays = DUE_SOON_DAYS): ChecklistEntry["deadline"] {
  const state = deadlineState(due, status, asOf, withinDays);
  return {
    due: due as ChecklistEntry["deadline"]["due"],
    daysLeft: daysLeft(due, asOf),
    state,
    overdue: state === "overdue",
    dueSoon: state === "due-soon",
  };
}

/** A store checklist row with its deadline state as of `asOf`. */
export function checklistEntry(row: ChecklistRow, asOf: Date, withinDays = DUE_SOON_DAYS): ChecklistEntry {
  return { ...row, deadline: deadlineOf(row.item.due, row.progress.status, asOf, withinDays) };
}
