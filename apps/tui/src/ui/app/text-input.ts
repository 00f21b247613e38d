import type { Key } from "ink";
import { graphemes, singleLine } from "../text/index.js";

/**
 * One key applied to a one-line text field: printable input (typed, pasted
 * or composed by an input method) is appended, Backspace/Delete remove the
 * last character. Returns null for keys that are not editing.
 */
export function editText(value: string, input: string, key: Key): string | null {
  if (key.backspace || key.delete) return graphemes(value).slice(0, -1).join("");
  if (key.ctrl || key.meta || key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return null;
  if (input === "") return null;
  return value + singleLine(input);
}
