import type { PlanSummary, ProgressPatch } from "@taizhang/core";
import { useApp, useInput, type Key } from "ink";
import { useLayoutEffect, useRef, type Dispatch } from "react";
import type { Identity, ProgressRow, TaskQuery } from "../../data/data-source.js";
import type { Translate } from "../i18n.js";
import type { Row, ScreenContent } from "../screens/screen-types.js";
import { appReducer, type AppAction, type AppState } from "./app-state.js";
import { placeCursor, settle, top, type NavEntry } from "./navigation.js";
import {
  FILTER_FIELDS,
  parsePersonPrompt,
  personPromptText,
  planChoices,
  STATUS_CHOICES,
  STATUS_FILTER_CHOICES,
  THEME_FILTER_CHOICES,
  type Overlay,
} from "./overlay.js";
import { editText } from "./text-input.js";

export interface AppInputDeps {
  state: AppState;
  /** The top of the stack, with its cursor settled on a selectable row. */
  current: NavEntry;
  dispatch: Dispatch<AppAction>;
  rows: readonly Row[];
  content: ScreenContent | null;
  bodyHeight: number;
  plans: readonly PlanSummary[];
  identity: Identity | null;
  defaultUnit: string | null;
  t: Translate;
  save: (target: ProgressRow, patch: ProgressPatch) => void;
}

const isBack = (input: string, key: Key): boolean => key.escape || key.leftArrow || input === "h" || key.backspace || key.delete;
const isUp = (input: string, key: Key): boolean => key.upArrow || input === "k";
const isDown = (input: string, key: Key): boolean => key.downArrow || input === "j";

/**
 * Every key of the app: the overlay that is open takes them, else the screen.
 *
 * React commits state some time after a key is handled, and keys can come
 * faster than that (a quick typist, a paste, a script). So the hook runs the
 * reducer itself and keeps the state the keys so far have produced: each key
 * meets the state the previous one left, never a stale render. Keys that
 * land on a screen that has not loaded yet find no rows and do nothing.
 */
export function useAppInput(deps: AppInputDeps): void {
  const { exit } = useApp();
  const committed = useRef(deps);
  const ahead = useRef<AppState | null>(null);
  useLayoutEffect(() => {
    committed.current = deps;
  });

  /** The inputs as the keys so far have left them. */
  const now = (): AppInputDeps => {
    const base = committed.current;
    const local = ahead.current;
    if (!local || local.seq <= base.state.seq) return base;
    if (top(local.stack).ref !== top(base.state.stack).ref) {
      return { ...base, state: local, rows: [], content: null, current: top(local.stack) };
    }
    return { ...base, state: local, current: settle(top(local.stack), base.rows, base.bodyHeight) };
  };

  const step = (input: string, key: Key): void => {
    if (key.ctrl && input === "c") {
      exit();
      return;
    }
    const deps = now();
    const actions: AppAction[] = [];
    const local: AppInputDeps = {
      ...deps,
      dispatch: (action) => {
        actions.push(action);
        deps.dispatch(action);
      },
    };
    if (deps.state.overlay) overlayKey(deps.state.overlay, input, key, local);
    else screenKey(input, key, local, exit);
    if (actions.length > 0) ahead.current = actions.reduce(appReducer, deps.state);
  };

  useInput((input, key) => {
    if (input.length <= 1 || key.ctrl || key.meta) {
      step(input, key);
      return;
    }
    // A chunk: "j\r" is j, then Enter. In a text field it is a paste or an
    // input method's composition, kept whole up to an Enter.
    let rest = input;
    while (rest) {
      let piece: string;
      if (isTextField(now().state.overlay)) {
        const enter = rest.indexOf("\r");
        piece = enter === 0 ? "\r" : enter > 0 ? rest.slice(0, enter) : rest;
      } else {
        piece = String.fromCodePoint(rest.codePointAt(0) ?? 0);
      }
      rest = rest.slice(piece.length);
      step(piece === "\r" ? "" : piece, { ...key, return: piece === "\r" });
    }
  });
}

const isTextField = (overlay: Overlay | null): boolean =>
  overlay !== null && (overlay.kind === "search" || overlay.kind === "note" || overlay.kind === "person" || (overlay.kind === "filter" && overlay.editing?.field === "unit"));

function screenKey(input: string, key: Key, deps: AppInputDeps, exit: () => void): void {
  const { dispatch, rows, bodyHeight, content, t } = deps;
  const { current } = deps;
  const selectable = rows.map((r) => r.selectable);
  const cursor = current.cursor;
  const move = (target: number, direction: 1 | -1): void =>
    dispatch({ type: "place", place: placeCursor(selectable, current, target, direction, bodyHeight) });
  const selected = cursor >= 0 ? rows[cursor] : undefined;

  if (input === "q") return exit();
  if (input === "?") return dispatch({ type: "overlay", overlay: { kind: "help" } });
  if (input === "/") return dispatch({ type: "overlay", overlay: { kind: "search", value: "" } });
  if (input === "f") {
    const draft: TaskQuery = content?.query ? { ...content.query } : content?.planId ? { planId: content.planId } : {};
    return dispatch({ type: "overlay", overlay: { kind: "filter", draft, cursor: 0, editing: null } });
  }
  if (input === "s" || input === "n" || input === "p") {
    // Off a progress line, an office means its own unit's line; anyone else the first one.
    const own = deps.identity?.unitId ?? null;
    const target = selected?.progress ?? rows.find((r) => r.progress && r.progress.unitId === own)?.progress ?? rows.find((r) => r.progress)?.progress;
    if (!target) return dispatch({ type: "message", message: { tone: "info", text: t("noProgressRow") } });
    if (deps.identity && !deps.identity.canWrite) return dispatch({ type: "message", message: { tone: "error", text: t("readOnly") } });
    const overlay: Overlay =
      input === "s"
        ? { kind: "status", target, cursor: Math.max(0, STATUS_CHOICES.indexOf(target.progress.status)) }
        : input === "p"
          ? { kind: "person", target, value: personPromptText(target.progress.responsiblePerson) }
          : { kind: "note", target, value: "" };
    return dispatch({ type: "overlay", overlay });
  }
  if (input === "r") return dispatch({ type: "reload" });
  if (input === "1") return dispatch({ type: "root", ref: { kind: "plans" } });
  if (input === "2") {
    if (!deps.defaultUnit) return dispatch({ type: "message", message: { tone: "info", text: t("unitNeeded") } });
    return dispatch({ type: "root", ref: { kind: "checklist", unit: deps.defaultUnit } });
  }
  if (input === "3") return dispatch({ type: "root", ref: { kind: "deadlines" } });
  if (isUp(input, key)) return move(cursor - 1, -1);
  if (isDown(input, key)) return move(cursor + 1, 1);
  if (input === "g" || key.home) return move(0, 1);
  if (input === "G" || key.end) return move(rows.length - 1, -1);
  if (key.pageUp) return move(cursor - bodyHeight, -1);
  if (key.pageDown) return move(cursor + bodyHeight, 1);
  if (key.return || key.rightArrow || input === "l") {
    if (selected?.open) dispatch({ type: "push", ref: selected.open });
    return;
  }
  if (isBack(input, key)) dispatch({ type: "back" });
}

function overlayKey(overlay: Overlay, input: string, key: Key, deps: AppInputDeps): void {
  const { dispatch } = deps;
  const close = (): void => dispatch({ type: "overlay", overlay: null });
  switch (overlay.kind) {
    case "help":
      if (key.escape || key.return || input === "?" || input === "q") close();
      return;
    case "search": {
      if (key.escape) return close();
      if (key.return) {
        const text = overlay.value.trim();
        close();
        if (text) {
          const planId = deps.content?.planId;
          dispatch({ type: "push", ref: { kind: "tasks", query: planId ? { planId, text } : { text } } });
        }
        return;
      }
      const value = editText(overlay.value, input, key);
      if (value !== null) dispatch({ type: "overlay", overlay: { ...overlay, value } });
      return;
    }
    case "note": {
      if (key.escape) return close();
      if (key.return) {
        close();
        deps.save(overlay.target, { note: overlay.value.trim() });
        return;
      }
      const value = editText(overlay.value, input, key);
      if (value !== null) dispatch({ type: "overlay", overlay: { ...overlay, value } });
      return;
    }
    case "person": {
      if (key.escape) return close();
      if (key.return) {
        close();
        deps.save(overlay.target, { responsiblePerson: parsePersonPrompt(overlay.value) });
        return;
      }
      const value = editText(overlay.value, input, key);
      if (value !== null) dispatch({ type: "overlay", overlay: { ...overlay, value } });
      return;
    }
    case "status": {
      if (key.escape || input === "q") return close();
      const n = STATUS_CHOICES.length;
      if (isUp(input, key)) return dispatch({ type: "overlay", overlay: { ...overlay, cursor: (overlay.cursor + n - 1) % n } });
      if (isDown(input, key)) return dispatch({ type: "overlay", overlay: { ...overlay, cursor: (overlay.cursor + 1) % n } });
      const digit = Number(input);
      const choice = key.return ? overlay.cursor : Number.isInteger(digit) && digit >= 1 && digit <= n ? digit - 1 : -1;
      const status = STATUS_CHOICES[choice];
      if (status) {
        close();
        deps.save(overlay.target, { status });
      }
      return;
    }
    case "filter":
      filterKey(overlay, input, key, deps);
  }
}

function filterKey(overlay: Extract<Overlay, { kind: "filter" }>, input: string, key: Key, deps: AppInputDeps): void {
  const { dispatch } = deps;
  const set = (next: Partial<typeof overlay>): void => dispatch({ type: "overlay", overlay: { ...overlay, ...next } });
  const { editing, draft } = overlay;
  if (editing?.field === "unit") {
    if (key.escape) return set({ editing: null });
    if (key.return) {
      const { unit: _unit, ...rest } = draft;
      const name = editing.value.trim();
      return set({ editing: null, draft: name ? { ...rest, unit: name } : rest });
    }
    const value = editText(editing.value, input, key);
    if (value !== null) set({ editing: { field: "unit", value } });
    return;
  }
  if (editing) {
    const choices = editing.field === "plan" ? planChoices(deps.plans) : editing.field === "theme" ? THEME_FILTER_CHOICES : STATUS_FILTER_CHOICES;
    const n = choices.length;
    if (key.escape) return set({ editing: null });
    if (isUp(input, key)) return set({ editing: { ...editing, cursor: (editing.cursor + n - 1) % n } });
    if (isDown(input, key)) return set({ editing: { ...editing, cursor: (editing.cursor + 1) % n } });
    if (key.return) {
      const { planId: _planId, status: _status, theme: _theme, ...rest } = draft;
      const keep = {
        ...rest,
        ...(draft.planId ? { planId: draft.planId } : {}),
        ...(draft.status ? { status: draft.status } : {}),
        ...(draft.theme ? { theme: draft.theme } : {}),
      };
      if (editing.field === "plan") {
        const { planId: _old, ...others } = keep;
        const planId = planChoices(deps.plans)[editing.cursor] ?? null;
        return set({ editing: null, draft: { ...others, ...(planId ? { planId } : {}) } });
      }
      if (editing.field === "theme") {
        const { theme: _old, ...others } = keep;
        const theme = THEME_FILTER_CHOICES[editing.cursor] ?? null;
        return set({ editing: null, draft: { ...others, ...(theme ? { theme } : {}) } });
      }
      const { status: _old, ...others } = keep;
      const status = STATUS_FILTER_CHOICES[editing.cursor] ?? null;
      return set({ editing: null, draft: { ...others, ...(status ? { status } : {}) } });
    }
    return;
  }
  const n = FILTER_FIELDS.length;
  if (key.escape || input === "q") return dispatch({ type: "overlay", overlay: null });
  if (isUp(input, key)) return set({ cursor: (overlay.cursor + n - 1) % n });
  if (isDown(input, key)) return set({ cursor: (overlay.cursor + 1) % n });
  if (!key.return && input !== " ") return;
  switch (FILTER_FIELDS[overlay.cursor]) {
    case "plan":
      return set({ editing: { field: "plan", cursor: Math.max(0, planChoices(deps.plans).indexOf(draft.planId ?? null)) } });
    case "status":
      return set({ editing: { field: "status", cursor: Math.max(0, STATUS_FILTER_CHOICES.indexOf(draft.status ?? null)) } });
    case "theme":
      return set({ editing: { field: "theme", cursor: Math.max(0, THEME_FILTER_CHOICES.indexOf(draft.theme ?? null)) } });
    case "unit":
      return set({ editing: { field: "unit", value: draft.unit ?? "" } });
    case "overdue": {
      const { overdue: _overdue, ...rest } = draft;
      return set({ draft: draft.overdue ? rest : { ...rest, overdue: true } });
    }
    case "clear":
      return set({ draft: draft.text ? { text: draft.text } : {} });
    case "apply": {
      dispatch({ type: "overlay", overlay: null });
      const onTasks = top(deps.state.stack).ref.kind === "tasks";
      dispatch({ type: onTasks ? "replace" : "push", ref: { kind: "tasks", query: draft } });
      return;
    }
  }
}
