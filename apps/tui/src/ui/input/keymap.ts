import type { Key } from "ink";
import type { Lang, LabelKey, Translate } from "../i18n.js";
import { displayWidth } from "../text/index.js";
import { char, chordLabel, chordMatches, ctrl, named, TEXT, type Chord } from "./keys.js";

/** One action and the chords that do it. */
export interface KeyBinding<A extends string> {
  action: A;
  chords: readonly Chord[];
}

/** One line of the help screen: what it does, and the bindings that do it (↑ and ↓ share "move"). */
export interface KeyRow<A extends string> {
  label: LabelKey;
  bindings: ReadonlyArray<KeyBinding<A>>;
  /** Shown in the footer as "keys label"; the lower the rank, the longer it stays when the footer is short of room. */
  hint?: { label: LabelKey; rank: number };
}

/** The keys of one screen or overlay, in the order the help screen lists them. */
export interface KeyContext<A extends string> {
  id: string;
  title: LabelKey;
  rows: ReadonlyArray<KeyRow<A>>;
}

const bind = <A extends string>(action: A, ...chords: Chord[]): KeyBinding<A> => ({ action, chords });
const hint = (label: LabelKey, rank: number): { label: LabelKey; rank: number } => ({ label, rank });

export const SCREEN_ACTIONS = [
  "up",
  "down",
  "open",
  "back",
  "top",
  "bottom",
  "pageUp",
  "pageDown",
  "search",
  "filter",
  "status",
  "percent",
  "note",
  "person",
  "plans",
  "checklist",
  "deadlines",
  "unit",
  "reload",
  "help",
  "quit",
] as const;
export type ScreenAction = (typeof SCREEN_ACTIONS)[number];

/** A screen: moving, opening, going back, and the commands that open an overlay. */
export const SCREEN_KEYS: KeyContext<ScreenAction> = {
  id: "screen",
  title: "keysScreen",
  rows: [
    { label: "keyMove", bindings: [bind("up", named("up"), char("k")), bind("down", named("down"), char("j"))], hint: hint("hintMove", 3) },
    { label: "keyOpen", bindings: [bind("open", named("enter"), named("right"), char("l"))], hint: hint("hintOpen", 4) },
    { label: "keyBack", bindings: [bind("back", named("escape"), named("left"), char("h"), named("backspace"))], hint: hint("hintBack", 5) },
    { label: "keyTopBottom", bindings: [bind("top", char("g"), named("home")), bind("bottom", char("G"), named("end"))] },
    { label: "keyPage", bindings: [bind("pageUp", named("pageUp")), bind("pageDown", named("pageDown"))] },
    { label: "keySearch", bindings: [bind("search", char("/"))], hint: hint("hintSearch", 6) },
    { label: "keyFilter", bindings: [bind("filter", char("f"))], hint: hint("hintFilter", 9) },
    { label: "keyStatus", bindings: [bind("status", char("s"))], hint: hint("hintStatus", 7) },
    { label: "keyPercent", bindings: [bind("percent", char("%"))], hint: hint("hintPercent", 10) },
    { label: "keyNote", bindings: [bind("note", char("n"))], hint: hint("hintNote", 8) },
    { label: "keyPerson", bindings: [bind("person", char("p"))], hint: hint("hintPerson", 11) },
    { label: "keyRoots", bindings: [bind("plans", char("1")), bind("checklist", char("2")), bind("deadlines", char("3"))] },
    { label: "keyUnit", bindings: [bind("unit", char("u"))] },
    { label: "keyReload", bindings: [bind("reload", char("r"))] },
    { label: "keyHelp", bindings: [bind("help", char("?"))], hint: hint("hintHelp", 1) },
    { label: "keyQuit", bindings: [bind("quit", char("q"))], hint: hint("hintQuit", 2) },
  ],
};

export const HELP_ACTIONS = ["up", "down", "pageUp", "pageDown", "close"] as const;
export type HelpAction = (typeof HELP_ACTIONS)[number];

/** The help screen itself scrolls. */
export const HELP_KEYS: KeyContext<HelpAction> = {
  id: "help",
  title: "keysHelp",
  rows: [
    { label: "keyScroll", bindings: [bind("up", named("up"), char("k")), bind("down", named("down"), char("j"))], hint: hint("hintScroll", 2) },
    { label: "keyPage", bindings: [bind("pageUp", named("pageUp")), bind("pageDown", named("pageDown"))] },
    { label: "keyClose", bindings: [bind("close", named("escape"), named("enter"), char("?"), char("q"))], hint: hint("hintClose", 1) },
  ],
};

export const STATUS_ACTIONS = ["up", "down", "pick", "choose", "cancel"] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/** The status picker: a digit picks at once. */
export const STATUS_KEYS: KeyContext<StatusAction> = {
  id: "status",
  title: "keysStatus",
  rows: [
    { label: "keyChoiceMove", bindings: [bind("up", named("up"), char("k")), bind("down", named("down"), char("j"))], hint: hint("hintMove", 3) },
    { label: "keyStatusPick", bindings: [bind("pick", char("1"), char("2"), char("3"), char("4"), char("5"))], hint: hint("hintPick", 2) },
    { label: "keyChoose", bindings: [bind("choose", named("enter"))], hint: hint("hintChoose", 4) },
    { label: "keyCancel", bindings: [bind("cancel", named("escape"), char("q"))], hint: hint("hintCancel", 1) },
  ],
};

export const FILTER_ACTIONS = ["up", "down", "activate", "cancel"] as const;
export type FilterAction = (typeof FILTER_ACTIONS)[number];

/** The filter panel: a field opens its choices, 仅逾期 toggles, 应用 applies. */
export const FILTER_KEYS: KeyContext<FilterAction> = {
  id: "filter",
  title: "keysFilter",
  rows: [
    { label: "keyChoiceMove", bindings: [bind("up", named("up"), char("k")), bind("down", named("down"), char("j"))], hint: hint("hintMove", 3) },
    { label: "keyFilterActivate", bindings: [bind("activate", named("enter"), char(" "))], hint: hint("hintActivate", 2) },
    { label: "keyCancel", bindings: [bind("cancel", named("escape"), char("q"))], hint: hint("hintCancel", 1) },
  ],
};

export const CHOICE_ACTIONS = ["up", "down", "choose", "cancel"] as const;
export type ChoiceAction = (typeof CHOICE_ACTIONS)[number];

/** A list of choices inside the filter panel (plans, statuses, themes). */
export const CHOICE_KEYS: KeyContext<ChoiceAction> = {
  id: "choice",
  title: "keysChoice",
  rows: [
    { label: "keyChoiceMove", bindings: [bind("up", named("up"), char("k")), bind("down", named("down"), char("j"))], hint: hint("hintMove", 3) },
    { label: "keyChoose", bindings: [bind("choose", named("enter"))], hint: hint("hintChoose", 2) },
    { label: "keyCancel", bindings: [bind("cancel", named("escape"))], hint: hint("hintCancel", 1) },
  ],
};

export const PROMPT_ACTIONS = ["type", "erase", "submit", "cancel"] as const;
export type PromptAction = (typeof PROMPT_ACTIONS)[number];

/** A one-line prompt: search, 进展说明, 责任人, 完成百分比, the unit filter. */
export const PROMPT_KEYS: KeyContext<PromptAction> = {
  id: "prompt",
  title: "keysPrompt",
  rows: [
    { label: "keyType", bindings: [bind("type", TEXT)] },
    { label: "keyErase", bindings: [bind("erase", named("backspace"))] },
    { label: "keySubmit", bindings: [bind("submit", named("enter"))], hint: hint("hintSubmit", 2) },
    { label: "keyCancelPrompt", bindings: [bind("cancel", named("escape"))], hint: hint("hintCancel", 1) },
  ],
};

export const UNIT_PICKER_ACTIONS = ["type", "erase", "up", "down", "pageUp", "pageDown", "choose", "cancel"] as const;
export type UnitPickerAction = (typeof UNIT_PICKER_ACTIONS)[number];

/** The unit picker: typing narrows the list, so letters are text here, not commands. */
export const UNIT_PICKER_KEYS: KeyContext<UnitPickerAction> = {
  id: "unitPicker",
  title: "keysUnitPicker",
  rows: [
    { label: "keyUnitType", bindings: [bind("type", TEXT)], hint: hint("hintUnitType", 4) },
    { label: "keyErase", bindings: [bind("erase", named("backspace"))] },
    { label: "keyChoiceMove", bindings: [bind("up", named("up")), bind("down", named("down"))], hint: hint("hintMove", 3) },
    { label: "keyPage", bindings: [bind("pageUp", named("pageUp")), bind("pageDown", named("pageDown"))] },
    { label: "keyChoose", bindings: [bind("choose", named("enter"))], hint: hint("hintChoose", 2) },
    { label: "keyCancel", bindings: [bind("cancel", named("escape"))], hint: hint("hintCancel", 1) },
  ],
};

export const ALWAYS_ACTIONS = ["quit"] as const;
export type AlwaysAction = (typeof ALWAYS_ACTIONS)[number];

/** Keys that act at once, ahead of any key still waiting: Ctrl-C quits even while a screen loads. */
export const ALWAYS_KEYS: KeyContext<AlwaysAction> = {
  id: "always",
  title: "keysAlways",
  rows: [{ label: "keyQuitNow", bindings: [bind("quit", ctrl("c"))] }],
};

/** Every context, in the order the help screen shows them. */
export const KEYMAP: ReadonlyArray<KeyContext<string>> = [SCREEN_KEYS, STATUS_KEYS, FILTER_KEYS, CHOICE_KEYS, PROMPT_KEYS, UNIT_PICKER_KEYS, HELP_KEYS, ALWAYS_KEYS];

/** The action a key press does in a context, or null when the context has no binding for it. */
export function matchAction<A extends string>(context: KeyContext<A>, input: string, key: Key): A | null {
  for (const row of context.rows) {
    for (const binding of row.bindings) {
      if (binding.chords.some((chord) => chordMatches(chord, input, key))) return binding.action;
    }
  }
  return null;
}

/** The first key of an action, as the help writes it: "n" for the note, to say which key opens a kept draft. */
export function shortcutFor<A extends string>(context: KeyContext<A>, action: A, lang: Lang): string {
  const chord = context.rows.flatMap((row) => row.bindings).find((b) => b.action === action)?.chords[0];
  return chord ? chordLabel(chord, lang) : "";
}

/** Every action a context binds. */
export function actionsOf<A extends string>(context: KeyContext<A>): A[] {
  return context.rows.flatMap((row) => row.bindings.map((b) => b.action));
}

/**
 * A help row's keys: the first chord of each binding, then the second, …
 * ("↑ ↓  k j" for up and down; "Enter → l" for open).
 */
export function rowKeys(row: KeyRow<string>, lang: Lang): string {
  const depth = Math.max(0, ...row.bindings.map((b) => b.chords.length));
  const groups: string[] = [];
  for (let i = 0; i < depth; i++) {
    const group = row.bindings.flatMap((b) => {
      const chord = b.chords[i];
      return chord ? [chordLabel(chord, lang)] : [];
    });
    if (group.length > 0) groups.push(group.join(" "));
  }
  return groups.join(row.bindings.length > 1 ? "  " : " ");
}

/** A row's keys as the footer writes them: "↑↓", "Enter", "1–5". */
function hintKeys(row: KeyRow<string>, lang: Lang): string {
  return row.bindings
    .map((b) => {
      const digits = b.chords.every((c) => c.kind === "char" && /^\d$/.test(c.char));
      const first = b.chords[0];
      const last = b.chords[b.chords.length - 1];
      if (digits && first && last && b.chords.length > 1) return `${chordLabel(first, lang)}–${chordLabel(last, lang)}`;
      return first ? chordLabel(first, lang) : "";
    })
    .join("");
}

/**
 * The footer's key hints for a context within `width` cells: hints are kept
 * by rank (help and quit first) and shown in the table's order, so "? 帮助"
 * is there at any width that can hold it.
 */
export function footerHints(context: KeyContext<string>, width: number, t: Translate, lang: Lang): string {
  const hints = context.rows.flatMap((row, order) => (row.hint ? [{ order, rank: row.hint.rank, text: `${hintKeys(row, lang)} ${t(row.hint.label)}` }] : []));
  const kept = new Set<number>();
  let used = 0;
  for (const h of [...hints].sort((a, b) => a.rank - b.rank)) {
    const cost = displayWidth(h.text) + (kept.size > 0 ? 1 : 0);
    if (used + cost > width) continue;
    kept.add(h.order);
    used += cost;
  }
  return hints
    .filter((h) => kept.has(h.order))
    .map((h) => h.text)
    .join(" ");
}
