import type { PlanId } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import type { Task } from "../model/task.js";
import type { Unit } from "../model/unit.js";
import { normalizeForSearch } from "./normalize.js";
import { SEARCH_FIELDS } from "./search-result.js";

/** What the index needs of a plan: its id, its tasks and the units they name. */
export type SearchablePlan = Pick<Plan, "id" | "tasks" | "units">;

/**
 * Items of a composite field (milestones, targets, units) are joined by a line
 * break, a character no query term can hold, so no match spans two items.
 */
export const ITEM_SEPARATOR = "\n";

export const FIELD_INDEX = Object.fromEntries(SEARCH_FIELDS.map((f, i) => [f, i])) as Record<
  (typeof SEARCH_FIELDS)[number],
  number
>;

/** One task as the index sees it: its fields as stored and normalised. */
export interface SearchDocument {
  readonly task: Task;
  readonly planId: PlanId;
  /** Order of the plan in the index, for ranking ties. */
  readonly planSeq: number;
  /** Field texts in SEARCH_FIELDS order, as displayed. */
  readonly raw: readonly string[];
  /** The same, normalised (each the very same string when nothing changed). */
  readonly norm: readonly string[];
}

function unitLabel(unit: Unit): string {
  return unit.aliases.length > 0 ? `${unit.name}(${unit.aliases.join("、")})` : unit.name;
}

/** Turns a plan's tasks into search documents. */
export function planDocuments(plan: SearchablePlan, planSeq: number): SearchDocument[] {
  const units = new Map(plan.units.map((u) => [u.id as string, u]));
  // Many tasks share the same units: share the strings too.
  const interned = new Map<string, string>();
  const intern = (s: string): string => {
    const existing = interned.get(s);
    if (existing !== undefined) return existing;
    interned.set(s, s);
    return s;
  };
  return plan.tasks.map((task) => {
    const unitIds = [...new Set([...task.lead, ...task.responsible])];
    const unitsField = unitIds
      .map((id) => {
        const unit = units.get(id);
        return unit ? unitLabel(unit) : id.slice(id.indexOf(":") + 1);
      })
      .join(ITEM_SEPARATOR);
    const raw = [
      task.title,
      task.text,
      task.milestones.map((m) => m.clause).join(ITEM_SEPARATOR),
      task.targets.map((t) => t.phrase).join(ITEM_SEPARATOR),
      intern(unitsField),
    ];
    const norm = raw.map((s) => intern(normalizeForSearch(s)));
    return { task, planId: plan.id, planSeq, raw, norm: norm.every((s, i) => s === raw[i]) ? raw : norm };
  });
}
