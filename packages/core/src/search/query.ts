import { normalizeForSearch } from "./normalize.js";
import { isPinyinQuery } from "./pinyin.js";

/** One term of a parsed query, in normalised form. */
export interface QueryTerm {
  /** Normalised text to find; never empty and never holding a line break. */
  readonly text: string;
  /** True for a "quoted phrase": matched literally, never read as pinyin. */
  readonly phrase: boolean;
  /** True for -term: a task matching it is left out. */
  readonly negated: boolean;
  /** True when the term is also read as pinyin: unquoted, two or more letters a–z. */
  readonly pinyin: boolean;
}

// Chinese input methods type “ ” or 「 」 for quotes; ＂ folds to " in normalisation.
const OPEN_QUOTES = new Set(['"', "“", "「", "『"]);
const CLOSE_QUOTES = new Set(['"', "”", "」", "』"]);

/**
 * Parses a search query: whitespace separates terms, all of which must match;
 * "quoted phrases" (also “…” and 「…」) keep their spaces and match exactly;
 * a leading minus (-term, -"phrase") excludes. An unclosed quote runs to the
 * end; a lone minus is ignored. The query is normalised like indexed text.
 */
export function parseQuery(query: string): QueryTerm[] {
  const q = normalizeForSearch(query).replace(/\s+/g, " ");
  const terms: QueryTerm[] = [];
  let i = 0;
  while (i < q.length) {
    if (q[i] === " ") {
      i++;
      continue;
    }
    let negated = false;
    if (q[i] === "-" && i + 1 < q.length && q[i + 1] !== " ") {
      negated = true;
      i++;
    }
    const c = q[i] ?? "";
    if (OPEN_QUOTES.has(c)) {
      let end = i + 1;
      while (end < q.length && !CLOSE_QUOTES.has(q[end] ?? "")) end++;
      const text = q.slice(i + 1, end).trim();
      if (text.length > 0) terms.push({ text, phrase: true, negated, pinyin: false });
      i = end + 1;
    } else {
      let end = i;
      while (end < q.length && q[end] !== " ") end++;
      const text = q.slice(i, end);
      if (text !== "-") terms.push({ text, phrase: false, negated, pinyin: isPinyinQuery(text) });
      i = end;
    }
  }
  return terms;
}
