import { daysLeft, deadlineState, type ProgressStatus } from "@taizhang/core";
import { useI18n } from "../i18n/i18n.js";
import { STATUS_ICONS } from "./status.js";

/** A status with its icon and its word. */
export function StatusBadge({ status }: { status: ProgressStatus }) {
  const { m } = useI18n();
  return (
    <span className={`badge status status-${status}`}>
      <span aria-hidden="true">{STATUS_ICONS[status]}</span> {m.status[status]}
    </span>
  );
}

const DEADLINE_ICONS = { closed: "✓", overdue: "⚠", "due-soon": "◷", open: "" } as const;

/** Days left or days overdue, judged by core as of `asOf`. */
export function DeadlineBadge({ due, status, asOf }: { due: string; status: ProgressStatus; asOf: Date }) {
  const { m } = useI18n();
  const state = deadlineState(due, status, asOf);
  const left = daysLeft(due, asOf);
  const text = state === "closed" ? m.days.closed : left < 0 ? m.days.overdue(-left) : m.days.left(left);
  return (
    <span className={`badge deadline deadline-${state}`} data-deadline={state}>
      {DEADLINE_ICONS[state] && <span aria-hidden="true">{DEADLINE_ICONS[state]} </span>}
      {text}
    </span>
  );
}
