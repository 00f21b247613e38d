import { PROGRESS_STATUSES, THEMES, type PlanId, type PlanSummary, type ProgressStatus, type ThemeId } from "@taizhang/core";
import { useCallback } from "react";
import { useLatestReducer } from "../../input/use-latest-reducer.js";
import type { TaskQuery } from "../../../data/data-source.js";
import { graphemes, singleLine } from "../../text/index.js";

export const FILTER_FIELDS = ["plan", "unit", "status", "theme", "overdue", "apply", "clear"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The plan picker: "any plan" first, then each plan. */
export function planChoices(plans: readonly PlanSummary[]): Array<PlanId | null> {
  return [null, ...plans.map((p) => p.id)];
}

/** The status filter picker: "any status" first. */
export const STATUS_FILTER_CHOICES: ReadonlyArray<ProgressStatus | null> = [null, ...PROGRESS_STATUSES];

/** The theme filter picker: "any theme" first, then the outline's themes (sub-themes after their parent). */
export const THEME_FILTER_CHOICES: ReadonlyArray<ThemeId | null> = [null, ...THEMES.map((t) => t.id)];

/** The field being changed: a list of choices, or the unit's name typed in. */
export type FilterEditing = { field: "plan" | "status" | "theme"; cursor: number } | { field: "unit"; value: string };

interface State {
  draft: TaskQuery;
  cursor: number;
  editing: FilterEditing | null;
}

type Action =
  | { type: "move"; by: number; choices: number }
  | { type: "open"; plans: readonly PlanSummary[] }
  | { type: "choose"; plans: readonly PlanSummary[] }
  | { type: "closeField" }
  | { type: "type"; text: string }
  | { type: "erase" }
  | { type: "submitUnit" };

const wrap = (i: number, n: number): number => (n === 0 ? 0 : (i + n) % n);

function without<K extends keyof TaskQuery>(draft: TaskQuery, key: K): TaskQuery {
  const { [key]: _dropped, ...rest } = draft;
  return rest;
}

function reducer(state: State, action: Action): State {
  const { draft, editing } = state;
  switch (action.type) {
    case "move":
      if (editing?.field === "unit") return state;
      if (editing) return { ...state, editing: { ...editing, cursor: wrap(editing.cursor + action.by, action.choices) } };
      return { ...state, cursor: wrap(state.cursor + action.by, FILTER_FIELDS.length) };
    case "open":
      switch (FILTER_FIELDS[state.cursor]) {
        case "plan":
          return { ...state, editing: { field: "plan", cursor: Math.max(0, planChoices(action.plans).indexOf(draft.planId ?? null)) } };
        case "status":
          return { ...state, editing: { field: "status", cursor: Math.max(0, STATUS_FILTER_CHOICES.indexOf(draft.status ?? null)) } };
        case "theme":
          return { ...state, editing: { field: "theme", cursor: Math.max(0, THEME_FILTER_CHOICES.indexOf(draft.theme ?? null)) } };
        case "unit":
          return { ...state, editing: { field: "unit", value: draft.unit ?? "" } };
        case "overdue":
          return { ...state, draft: draft.overdue ? without(draft, "overdue") : { ...draft, overdue: true } };
        case "clear":
          // The search text stays: the filter narrows a search, it does not replace it.
          return { ...state, draft: draft.text ? { text: draft.text } : {} };
        case "apply":
        case undefined:
          return state;
      }
      return state;
    case "choose": {
      if (!editing || editing.field === "unit") return state;
      if (editing.field === "plan") {
        const planId = planChoices(action.plans)[editing.cursor] ?? null;
        return { ...state, editing: null, draft: planId ? { ...without(draft, "planId"), planId } : without(draft, "planId") };
      }
      if (editing.field === "theme") {
        const theme = THEME_FILTER_CHOICES[editing.cursor] ?? null;
        return { ...state, editing: null, draft: theme ? { ...without(draft, "theme"), theme } : without(draft, "theme") };
      }
      const status = STATUS_FILTER_CHOICES[editing.cursor] ?? null;
      return { ...state, editing: null, draft: status ? { ...without(draft, "status"), status } : without(draft, "status") };
    }
    case "closeField":
      return { ...state, editing: null };
    case "type":
      return editing?.field === "unit" ? { ...state, editing: { field: "unit", value: editing.value + singleLine(action.text) } } : state;
    case "erase":
      return editing?.field === "unit" ? { ...state, editing: { field: "unit", value: graphemes(editing.value).slice(0, -1).join("") } } : state;
    case "submitUnit": {
      if (editing?.field !== "unit") return state;
      const name = editing.value.trim();
      return { ...state, editing: null, draft: name ? { ...without(draft, "unit"), unit: name } : without(draft, "unit") };
    }
  }
}

/** The panel as drawn, with the field under the cursor. */
export interface FilterView extends State {
  field: FilterField;
}

export interface FilterState extends FilterView {
  /** The panel as the keys so far left it, ahead of what is drawn. */
  latest(): FilterView;
  move(by: 1 | -1): void;
  /** Opens the field under the cursor: its choices, the unit prompt, or toggles 仅逾期 / clears all. */
  open(): void;
  choose(): void;
  closeField(): void;
  type(text: string): void;
  erase(): void;
  submitUnit(): void;
}

const view = (state: State): FilterView => ({ ...state, field: FILTER_FIELDS[state.cursor] ?? "plan" });

/** How many choices the open list has (0 when none is open). */
function choiceCount(editing: FilterEditing | null, plans: readonly PlanSummary[]): number {
  if (editing === null || editing.field === "unit") return 0;
  return editing.field === "plan" ? planChoices(plans).length : editing.field === "theme" ? THEME_FILTER_CHOICES.length : STATUS_FILTER_CHOICES.length;
}

/** The filter panel's state: a draft query, the field under the cursor, and the field being changed. */
export function useFilterState(initial: TaskQuery, plans: readonly PlanSummary[]): FilterState {
  const [state, dispatch, ahead] = useLatestReducer(reducer, () => ({ draft: initial, cursor: 0, editing: null }));
  const move = useCallback((by: 1 | -1) => dispatch({ type: "move", by, choices: choiceCount(ahead().editing, plans) }), [dispatch, ahead, plans]);
  const open = useCallback(() => dispatch({ type: "open", plans }), [dispatch, plans]);
  const choose = useCallback(() => dispatch({ type: "choose", plans }), [dispatch, plans]);
  const closeField = useCallback(() => dispatch({ type: "closeField" }), [dispatch]);
  const type = useCallback((text: string) => dispatch({ type: "type", text }), [dispatch]);
  const erase = useCallback(() => dispatch({ type: "erase" }), [dispatch]);
  const submitUnit = useCallback(() => dispatch({ type: "submitUnit" }), [dispatch]);
  const latest = useCallback((): FilterView => view(ahead()), [ahead]);
  return { ...view(state), latest, move, open, choose, closeField, type, erase, submitUnit };
}
