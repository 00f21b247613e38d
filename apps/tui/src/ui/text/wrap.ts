import { displayWidth, graphemes } from "./display-width.js";

// Han, kana, hangul and full-width punctuation may break anywhere; Latin words should not.
const BREAKS_ANYWHERE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

// Punctuation that must not begin a line (禁则): it pulls the character before it onto the next line.
const NO_LINE_START = new Set([..."，。、；：？！）》」』】〕〉”’…,.;:?!)"]);

function tokens(paragraph: string): string[] {
  const out: string[] = [];
  let word = "";
  for (const g of graphemes(paragraph)) {
    if (g === " " || BREAKS_ANYWHERE.test(g)) {
      if (word) out.push(word);
      word = "";
      out.push(g);
    } else {
      word += g;
    }
  }
  if (word) out.push(word);
  return out;
}

/**
 * Wraps text into lines of at most `width` cells. Chinese text breaks
 * between any two characters; Latin words move whole to the next line unless
 * longer than a line. Line breaks in the text are kept; spaces at the end of
 * a line are dropped. With `width` below 2 a full-width character still
 * takes its own line.
 */
export function wrap(text: string, width: number): string[] {
  const budget = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    let used = 0;
    // The last character of the line, removed, unless it is all the line has.
    const takeLast = (): string => {
      const gs = graphemes(line);
      const last = gs.at(-1);
      if (gs.length < 2 || last === undefined || last === " " || !BREAKS_ANYWHERE.test(last)) return "";
      line = gs.slice(0, -1).join("");
      return last;
    };
    const flush = (): void => {
      lines.push(line.replace(/ +$/, ""));
      line = "";
      used = 0;
    };
    for (const token of tokens(paragraph.replace(/\t/g, " "))) {
      const w = displayWidth(token);
      if (used + w <= budget) {
        line += token;
        used += w;
        continue;
      }
      if (token === " ") {
        flush();
        continue;
      }
      if (used > 0) {
        const carried = NO_LINE_START.has(token) ? takeLast() : "";
        flush();
        line = carried;
        used = displayWidth(carried);
      }
      if (used + w <= budget) {
        line += token;
        used += w;
        continue;
      }
      for (const g of graphemes(token)) {
        const gw = displayWidth(g);
        if (used + gw > budget && used > 0) flush();
        line += g;
        used += gw;
      }
    }
    flush();
  }
  return lines;
}
