import { findPinyin, type CharRange } from "./pinyin.js";
import type { QueryTerm } from "./query.js";
import type { SearchDocument } from "./search-document.js";
import { SEARCH_FIELDS } from "./search-result.js";
import { PINYIN_FIELDS } from "./segment.js";

/** Non-overlapping occurrences of `needle` in `text`, left to right. */
export function literalRanges(text: string, needle: string): CharRange[] {
  const ranges: CharRange[] = [];
  let at = text.indexOf(needle);
  while (at >= 0) {
    ranges.push({ start: at, end: at + needle.length });
    at = text.indexOf(needle, at + needle.length);
  }
  return ranges;
}

function countLiteral(text: string, needle: string): number {
  let n = 0;
  let at = text.indexOf(needle);
  while (at >= 0) {
    n++;
    at = text.indexOf(needle, at + needle.length);
  }
  return n;
}

const IS_PINYIN_FIELD: readonly boolean[] = SEARCH_FIELDS.map((_, f) => PINYIN_FIELDS.includes(f));

/**
 * Adds the number of matches of `term` in each field of `doc` to `counts`
 * (indexed like SEARCH_FIELDS) and returns the total.
 */
export function countTermMatches(doc: SearchDocument, term: QueryTerm, counts: Int32Array): number {
  let total = 0;
  const fields = doc.norm;
  for (let f = 0; f < fields.length; f++) {
    const text = fields[f] ?? "";
    let n = countLiteral(text, term.text);
    if (n === 0 && term.pinyin && IS_PINYIN_FIELD[f] === true) n = findPinyin(text, term.text).length;
    counts[f] = (counts[f] ?? 0) + n;
    total += n;
  }
  return total;
}

/** True when some field (fields[f][doc], in SEARCH_FIELDS order) other than the title holds `text` literally. */
export function literalOutsideTitle(fields: ReadonlyArray<readonly string[]>, doc: number, text: string): boolean {
  for (let f = 1; f < fields.length; f++) if ((fields[f]?.[doc] ?? "").includes(text)) return true;
  return false;
}

/** True when `term` matches anywhere in `doc`. */
export function termMatches(doc: SearchDocument, term: QueryTerm): boolean {
  return doc.norm.some(
    (text, f) => text.includes(term.text) || (term.pinyin && IS_PINYIN_FIELD[f] === true && findPinyin(text, term.text).length > 0),
  );
}

/** Where `term` matches in field `f` of `doc` (literally, else in pinyin). */
export function termRanges(doc: SearchDocument, term: QueryTerm, f: number): CharRange[] {
  const text = doc.norm[f] ?? "";
  const literal = literalRanges(text, term.text);
  if (literal.length > 0 || !term.pinyin || IS_PINYIN_FIELD[f] !== true) return literal;
  return findPinyin(text, term.text);
}

/** Sorts ranges and merges those that overlap or touch. */
export function mergeRanges(ranges: readonly CharRange[]): CharRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: CharRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ start: r.start, end: r.end });
  }
  return merged;
}
