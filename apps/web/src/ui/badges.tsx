import type { Deadline } from "@taizhang/contract";
import type { ProgressStatus } from "@taizhang/core";
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

/** Days left or days overdue, as the API judged the row (its `deadline` flags). */
export function deadlineText(m: ReturnType<typeof useI18n>["m"], deadline: Deadline): string {
  return deadline.state === "closed" ? m.days.closed : deadline.daysLeft < 0 ? m.days.overdue(-deadline.daysLeft) : m.days.left(deadline.daysLeft);
}

/** A row's deadline state as the API sent it: icon, class and days left or overdue. */
export function DeadlineBadge({ deadline }: { deadline: Deadline }) {
  const { m } = useI18n();
  const state = deadline.state;
  const text = deadlineText(m, deadline);
  return (
    <span className={`badge deadline deadline-${state}`} data-deadline={state}>
      {DEADLINE_ICONS[state] && <span aria-hidden="true">{DEADLINE_ICONS[state]} </span>}
      {text}
    </span>
  );
}
