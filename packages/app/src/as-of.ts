import { daysLeft, deadlineState, type ProgressStatus } from "@taizhang/core";
import { DUE_SOON_DAYS, type ChecklistEntry, type Deadline } from "@taizhang/contract";
import type { ChecklistRow } from "@taizhang/store";

/**
 * The instant a request judges deadlines at: a bare date is noon of that day
 * in China (deadlines are China calendar days), an ISO instant is itself, and
 * no value is the clock. The contract has already checked the form.
 */
export function resolveAsOf(value: string | undefined, clock: () => Date): Date {
  if (value === undefined) return clock();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00+08:00`);
  return new Date(value);
}

/** Deadline flags of one (item, unit) row, by core's rules. */
export function deadlineOf(due: string, status: ProgressStatus, asOf: Date, withinDays = DUE_SOON_DAYS): Deadline {
  const state = deadlineState(due, status, asOf, withinDays);
  return { due: due as Deadline["due"], daysLeft: daysLeft(due, asOf), state, overdue: state === "overdue", dueSoon: state === "due-soon" };
}

/** A store checklist row with its deadline state as of `asOf`. */
export function checklistEntry(row: ChecklistRow, asOf: Date, withinDays = DUE_SOON_DAYS): ChecklistEntry {
  return { ...row, deadline: deadlineOf(row.item.due, row.progress.status, asOf, withinDays) };
}
