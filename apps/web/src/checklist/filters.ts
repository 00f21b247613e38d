import type { ProgressStatus, Task, UnitRole } from "@taizhang/core";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { isProgressStatus } from "../ui/status.js";

/** What the 我的任务 list is narrowed to; lives in the URL query so a view can be bookmarked. */
export interface ChecklistFilters {
  plan: string | null;
  status: ProgressStatus | null;
  overdue: boolean;
  /** Open items due within this many days (overdue ones included: they are due already). */
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

/** Folds case and width so "ＡＢＣ" finds "abc"; script conversion is core search's job. */
function fold(s: string): string {
  return s.normalize("NFKC").toLowerCase();
}

/**
 * The rows that pass every filter. Deadlines are the API's flags of each row
 * (`deadline`, judged as of the checklist's `asOf`); free text matches the item, its task's title and
 * its task's full text when the task is known, or any task the API's search found.
 */
export function applyFilters(
  rows: readonly ChecklistRow[],
  filters: ChecklistFilters,
  tasks?: ReadonlyMap<string, Task>,
  /** Task ids the API's search (core's, which also reads traditional script and pinyin) found for `q`. */
  serverMatches?: ReadonlySet<string>,
): ChecklistRow[] {
  const words = fold(filters.q).split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filters.plan && row.item.planId !== filters.plan) return false;
    if (filters.status && row.progress.status !== filters.status) return false;
    if (filters.role && row.role !== filters.role) return false;
    if (filters.overdue && !row.deadline.overdue) return false;
    if (filters.within !== null && (row.deadline.state === "closed" || row.deadline.daysLeft > filters.within)) return false;
    if (words.length > 0) {
      const task = tasks?.get(row.item.taskId);
      const haystack = fold([row.taskTitle, row.item.label, task?.text ?? "", task?.originalText ?? ""].join("\n"));
      if (!words.every((w) => haystack.includes(w)) && !serverMatches?.has(row.item.taskId)) return false;
    }
    return true;
  });
}
