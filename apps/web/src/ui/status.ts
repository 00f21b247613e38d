import type { ProgressStatus } from "@taizhang/core";

/**
 * The statuses in the order offices move through them. Core's list is not
 * imported as a value: that would pull its zod schemas into the bundle; the
 * Record type below keeps the two in step.
 */
const ORDER: Record<ProgressStatus, number> = { not_started: 0, in_progress: 1, done: 2, blocked: 3, not_applicable: 4 };
export const STATUSES = (Object.keys(ORDER) as ProgressStatus[]).sort((a, b) => ORDER[a] - ORDER[b]);

/** A shape for each status, so colour is never the only signal. */
export const STATUS_ICONS: Record<ProgressStatus, string> = {
  not_started: "○",
  in_progress: "◐",
  done: "✓",
  blocked: "⊘",
  not_applicable: "–",
};

export function isProgressStatus(value: string): value is ProgressStatus {
  return Object.hasOwn(ORDER, value);
}
