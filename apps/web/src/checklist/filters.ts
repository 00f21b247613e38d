import type { ProgressStatus, UnitRole } from "@taizhang/core";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { isProgressStatus } from "../ui/status.js";

/** What the 我的任务 list is narrowed to; lives in the URL query so a view can be bookmarked. */
export interface ChecklistFilters {
  plan: string | null;
  status: ProgressStatus | null;
  overdue: boolean;
  /** Open items due within this many days from today, overdue ones not included (the overdue box shows those). */
  within: number | null;
  role: UnitRole | null;
  q: string;
}

export const NO_FILTERS: ChecklistFilters = { plan: null, status: null, overdue: false, within: null, role: null, q: "" };

const MAX_WITHIN = 36_500;

/** Reads filters from a query string; anything malformed is ignored, never an error. */
export function parseFilters(search: string): ChecklistFilters {
  const params = new URLSearchParams(search);
  const plan = params.get("plan");
  const status = params.get("status");
  const role = params.get("role");
  const withinRaw = params.get("within");
  const within = withinRaw !== null && /^\d{1,6}$/.test(withinRaw) ? Math.min(Number(withinRaw), MAX_WITHIN) : null;
  return {
    plan: plan && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(plan) ? plan : null,
    status: status && isProgressStatus(status) ? status : null,
    overdue: params.get("overdue") === "1",
    within,
    role: role === "lead" || role === "responsible" ? role : null,
    q: (params.get("q") ?? "").slice(0, 200),
  };
}

/** Writes filters as a query string (without "?"), in a fixed order, leaving defaults out. */
export function serializeFilters(filters: ChecklistFilters): string {
  const params = new URLSearchParams();
  if (filters.plan) params.set("plan", filters.plan);
  if (filters.status) params.set("status", filters.status);
  if (filters.overdue) params.set("overdue", "1");
  if (filters.within !== null) params.set("within", String(filters.within));
  if (filters.role) params.set("role", filters.role);
  const q = filters.q.trim();
  if (q) params.set("q", q);
  return params.toString();
}

export function hasFilters(filters: ChecklistFilters): boolean {
  return serializeFilters(filters) !== "";
}

/**
 * The rows that pass every filter. Deadlines are the API's flags of each row
 * (`deadline`, judged as of the checklist's `asOf`); free text is the API's search (core's, the
 * header search's): `textMatches` are the task ids it found for `q`, null while it is awaited
 * (no row passes then, rather than rows the search would not find).
 */
export function applyFilters(rows: readonly ChecklistRow[], filters: ChecklistFilters, textMatches: ReadonlySet<string> | null = null): ChecklistRow[] {
  const searching = filters.q.trim() !== "";
  return rows.filter((row) => {
    if (filters.plan && row.item.planId !== filters.plan) return false;
    if (filters.status && row.progress.status !== filters.status) return false;
    if (filters.role && row.role !== filters.role) return false;
    if (filters.overdue && !row.deadline.overdue) return false;
    // Due within N days: open, not overdue (daysLeft ≥ 0), due in at most N days — as the API's dueWithin.
    if (filters.within !== null && (row.deadline.state === "closed" || row.deadline.overdue || row.deadline.daysLeft > filters.within)) return false;
    if (searching && !textMatches?.has(row.item.taskId)) return false;
    return true;
  });
}
