import type { ProgressStatus } from "../model/progress.js";
import { chinaDate, daysBetween } from "./calendar.js";

/** Statuses that close an item: nothing more is owed on it. */
export const CLOSED_STATUSES: ReadonlySet<ProgressStatus> = new Set(["done", "not_applicable"]);

export function isClosed(status: ProgressStatus): boolean {
  return CLOSED_STATUSES.has(status);
}

/**
 * Days from the China calendar date of `asOf` until `due`: 0 on the due day,
 * negative once it has passed (−3 means three days overdue).
 */
export function daysLeft(due: string, asOf: Date): number {
  return daysBetween(chinaDate(asOf), due);
}

/** Overdue: still open and the due day has passed (the due day itself is not overdue). */
export function isOverdue(due: string, status: ProgressStatus, asOf: Date): boolean {
  return !isClosed(status) && daysLeft(due, asOf) < 0;
}

/** Due soon: still open, not yet overdue, and due within `withinDays` days (inclusive). */
export function isDueSoon(due: string, status: ProgressStatus, asOf: Date, withinDays = 30): boolean {
  if (withinDays < 0) throw new RangeError("withinDays must not be negative");
  const left = daysLeft(due, asOf);
  return !isClosed(status) && left >= 0 && left <= withinDays;
}

export type DeadlineState = "closed" | "overdue" | "due-soon" | "open";

/** One word for the state of a deadline, for lists and badges. */
export function deadlineState(due: string, status: ProgressStatus, asOf: Date, withinDays = 30): DeadlineState {
  if (isClosed(status)) return "closed";
  const left = daysLeft(due, asOf);
  if (left < 0) return "overdue";
  if (left <= withinDays) return "due-soon";
  return "open";
}
