import type { Key } from "ink";
import type { Lang } from "../i18n.js";

/** The keys that have names rather than characters. */
export const NAMED_KEYS = ["up", "down", "left", "right", "enter", "escape", "backspace", "pageUp", "pageDown", "home", "end", "tab"] as const;
export type NamedKey = (typeof NAMED_KEYS)[number];

/**
 * One way of pressing a key: a named key, a character, Ctrl with a
 * character, or any printable text (typed, pasted, or composed by an input
 * method).
 */
export type Chord = { kind: "key"; name: NamedKey } | { kind: "char"; char: string } | { kind: "ctrl"; char: string } | { kind: "text" };

export const named = (name: NamedKey): Chord => ({ kind: "key", name });
export const char = (c: string): Chord => ({ kind: "char", char: c });
export const ctrl = (c: string): Chord => ({ kind: "ctrl", char: c });
export const TEXT: Chord = { kind: "text" };

const NAMED_MATCH: Record<NamedKey, (key: Key) => boolean> = {
  up: (k) => k.upArrow,
  down: (k) => k.downArrow,
  left: (k) => k.leftArrow,
  right: (k) => k.rightArrow,
  enter: (k) => k.return,
  escape: (k) => k.escape,
  // Most terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`; ^H is `backspace`.
  backspace: (k) => k.backspace || k.delete,
  pageUp: (k) => k.pageUp,
  pageDown: (k) => k.pageDown,
  home: (k) => k.home,
  end: (k) => k.end,
  tab: (k) => k.tab,
};

const isNamed = (key: Key): boolean => NAMED_KEYS.some((name) => NAMED_MATCH[name](key));

/** Whether a key press is this chord. */
export function chordMatches(chord: Chord, input: string, key: Key): boolean {
  switch (chord.kind) {
    case "key":
      return NAMED_MATCH[chord.name](key);
    case "char":
      return input === chord.char && !key.ctrl && !key.meta && !isNamed(key);
    case "ctrl":
      return key.ctrl && input === chord.char;
    case "text":
      return input !== "" && !key.ctrl && !key.meta && !isNamed(key);
  }
}

const NAMED_LABELS: Record<NamedKey, string> = {
  up: "↑",
  down: "↓",
  left: "←",
  right: "→",
  enter: "Enter",
  escape: "Esc",
  backspace: "Backspace",
  pageUp: "PgUp",
  pageDown: "PgDn",
  home: "Home",
  end: "End",
  tab: "Tab",
};

/** How the help screen and the footer write a chord: ↑, Enter, g, Space, Ctrl-C, 文字. */
export function chordLabel(chord: Chord, lang: Lang): string {
  switch (chord.kind) {
    case "key":
      return NAMED_LABELS[chord.name];
    case "char":
      return chord.char === " " ? "Space" : chord.char;
    case "ctrl":
      return `Ctrl-${chord.char.toUpperCase()}`;
    case "text":
      return lang === "zh" ? "文字" : "text";
  }
}

/** A key press as Ink reports it. */
export interface KeyPress {
  input: string;
  key: Key;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** A key press with no modifier: for tests and for the pieces of a chunk. */
export function keyPress(input: string, flags: Partial<Key> = {}): KeyPress {
  return { input, key: { ...NO_KEY, ...flags } };
}

// A control character inside a chunk of text: what it means on its own.
const CONTROL_KEYS: Record<string, Partial<Key>> = {
  "\r": { return: true },
  "\n": { return: true },
  "\t": { tab: true },
  "\u007f": { delete: true },
  "\b": { backspace: true },
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The first key of a press, and what is left of it. Ink hands over a chunk
 * of plain characters as one press ("j\r" from a script, a paste, an input
 * method's composition). A target that takes text gets the text up to the
 * next control character whole; any other gets one character. Named keys
 * (arrows, Esc, …) always come alone and pass through as they are.
 */
export function firstKey(press: KeyPress, takesText: boolean): { key: KeyPress; rest: KeyPress | null } {
  const { input } = press;
  if (input === "" || isNamed(press.key) || press.key.ctrl || press.key.meta) return { key: press, rest: null };
  const head = String.fromCodePoint(input.codePointAt(0) ?? 0);
  // A control character without a meaning of its own (^A in a paste, say) is passed on as nothing.
  if (CONTROL.test(head)) return { key: keyPress("", CONTROL_KEYS[head] ?? {}), rest: rest(input, head.length) };
  if (head.length === input.length) return { key: press, rest: null };
  const end = input.search(CONTROL);
  const piece = takesText ? (end < 0 ? input : input.slice(0, end)) : head;
  return { key: keyPress(piece, { shift: /^[A-Z]$/.test(piece) }), rest: rest(input, piece.length) };
}

function rest(input: string, used: number): KeyPress | null {
  return used < input.length ? keyPress(input.slice(used)) : null;
}
