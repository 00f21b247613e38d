import type { Lang, Translate } from "../../i18n.js";
import { KEYMAP, rowKeys } from "../../input/keymap.js";
import { line } from "../../screens/table.js";
import { displayWidth, fit } from "../../text/index.js";
import { plainLine, type ViewLine } from "../../app/frame.js";

/**
 * The help screen's lines, made from the keymap itself: for each context
 * (a screen, the status picker, the filter, a prompt, …) a heading, then
 * each row's keys and what they do. What the help lists is what the keys do.
 */
export function helpLines(width: number, t: Translate, lang: Lang): ViewLine[] {
  const keyWidth = Math.min(Math.floor(width / 2), 2 + Math.max(...KEYMAP.flatMap((c) => c.rows.map((r) => displayWidth(rowKeys(r, lang))))));
  const out: ViewLine[] = [plainLine("title", line(t("help"), width, { bold: true, color: "cyan" }))];
  for (const context of KEYMAP) {
    out.push(plainLine(`${context.id}-title`, line(t(context.title), width, { bold: true })));
    for (const row of context.rows) {
      const keys = rowKeys(row, lang);
      out.push(
        plainLine(`${context.id}-${row.label}`, [
          { text: fit(` ${keys}`, keyWidth), bold: true },
          { text: fit(t(row.label), Math.max(0, width - keyWidth)) },
        ]),
      );
    }
  }
  return out;
}
