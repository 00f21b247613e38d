import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { translator } from "../i18n.js";
import { helpLines } from "../overlays/help/help-lines.js";
import { displayWidth } from "../text/index.js";
import {
  ALWAYS_ACTIONS,
  ALWAYS_KEYS,
  actionsOf,
  CHOICE_ACTIONS,
  CHOICE_KEYS,
  FILTER_ACTIONS,
  FILTER_KEYS,
  footerHints,
  HELP_ACTIONS,
  HELP_KEYS,
  KEYMAP,
  matchAction,
  PROMPT_ACTIONS,
  PROMPT_KEYS,
  rowKeys,
  SCREEN_ACTIONS,
  SCREEN_KEYS,
  STATUS_ACTIONS,
  STATUS_KEYS,
  UNIT_PICKER_ACTIONS,
  UNIT_PICKER_KEYS,
  type KeyContext,
} from "./keymap.js";
import { keyPress, type Chord } from "./keys.js";

/** A key press that is this chord, as Ink reports it. */
function pressOf(chord: Chord): ReturnType<typeof keyPress> {
  switch (chord.kind) {
    case "char":
      return keyPress(chord.char, { shift: /^[A-Z]$/.test(chord.char) });
    case "ctrl":
      return keyPress(chord.char, { ctrl: true });
    case "text":
      return keyPress("行政复议");
    case "key": {
      const flags = {
        up: { upArrow: true },
        down: { downArrow: true },
        left: { leftArrow: true },
        right: { rightArrow: true },
        enter: { return: true },
        escape: { escape: true, meta: true },
        backspace: { delete: true },
        pageUp: { pageUp: true },
        pageDown: { pageDown: true },
        home: { home: true },
        end: { end: true },
        tab: { tab: true },
      }[chord.name];
      return keyPress("", flags);
    }
  }
}

const CONTEXTS: Array<[KeyContext<string>, readonly string[]]> = [
  [SCREEN_KEYS, SCREEN_ACTIONS],
  [HELP_KEYS, HELP_ACTIONS],
  [STATUS_KEYS, STATUS_ACTIONS],
  [FILTER_KEYS, FILTER_ACTIONS],
  [CHOICE_KEYS, CHOICE_ACTIONS],
  [PROMPT_KEYS, PROMPT_ACTIONS],
  [UNIT_PICKER_KEYS, UNIT_PICKER_ACTIONS],
  [ALWAYS_KEYS, ALWAYS_ACTIONS],
];

describe("the keymap", () => {
  it("binds every action of every context, and each chord dispatches its own action", () => {
    for (const [context, actions] of CONTEXTS) {
      expect(new Set(actionsOf(context))).toEqual(new Set(actions));
      for (const row of context.rows)
        for (const binding of row.bindings)
          for (const chord of binding.chords) {
            const { input, key } = pressOf(chord);
            expect(matchAction(context, input, key), `${context.id}: ${JSON.stringify(chord)}`).toBe(binding.action);
          }
    }
    expect(KEYMAP).toHaveLength(CONTEXTS.length);
  });

  it("lists every bound key in the help, each on its action's line, and the help lists nothing else", () => {
    for (const lang of ["zh", "en"] as const) {
      const t = translator(lang);
      const lines = helpLines(200, t, lang).map((l) => l.segments.map((s) => s.text).join("").trimEnd());
      const expected = ["title", ...KEYMAP.flatMap((c) => [`${c.id}-title`, ...c.rows.map((r) => `${c.id}-${r.label}`)])];
      expect(helpLines(200, t, lang).map((l) => l.key)).toEqual(expected);
      for (const context of KEYMAP) {
        for (const row of context.rows) {
          const shown = lines.find((l) => l.endsWith(t(row.label)) && l.trimStart().startsWith(rowKeys(row, lang)));
          expect(shown, `${context.id} ${row.label}`).toBeDefined();
          // Every chord's label is among the keys written on that line.
          const written = (shown ?? "").slice(0, (shown ?? "").lastIndexOf(t(row.label))).trim().split(/\s+/);
          for (const b of row.bindings) for (const c of b.chords) expect(written).toContain(pressLabel(c, lang));
        }
      }
    }
  });

  it("does nothing on a screen for a printable key it does not bind", () => {
    const bound = new Set(SCREEN_KEYS.rows.flatMap((r) => r.bindings.flatMap((b) => b.chords.flatMap((c) => (c.kind === "char" ? [c.char] : [])))));
    for (let code = 0x21; code < 0x7f; code++) {
      const c = String.fromCharCode(code);
      const action = matchAction(SCREEN_KEYS, c, keyPress(c).key);
      if (bound.has(c)) expect(action).not.toBeNull();
      else expect(action, c).toBeNull();
    }
  });

  it("always keeps ? 帮助 in the footer, at any width that can hold it (property)", () => {
    for (const lang of ["zh", "en"] as const) {
      const t = translator(lang);
      const help = `? ${t("hintHelp")}`;
      fc.assert(
        fc.property(fc.integer({ min: displayWidth(help), max: 240 }), (width) => {
          const hints = footerHints(SCREEN_KEYS, width, t, lang);
          expect(displayWidth(hints)).toBeLessThanOrEqual(width);
          expect(hints).toContain(help);
        }),
      );
    }
  });
});

function pressLabel(chord: Chord, lang: "zh" | "en"): string {
  if (chord.kind === "char") return chord.char === " " ? "Space" : chord.char;
  if (chord.kind === "ctrl") return `Ctrl-${chord.char.toUpperCase()}`;
  if (chord.kind === "text") return lang === "zh" ? "文字" : "text";
  return { up: "↑", down: "↓", left: "←", right: "→", enter: "Enter", escape: "Esc", backspace: "Backspace", pageUp: "PgUp", pageDown: "PgDn", home: "Home", end: "End", tab: "Tab" }[chord.name];
}
