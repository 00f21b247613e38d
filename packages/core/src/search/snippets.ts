import { mergeRanges, termRanges } from "./match.js";
import type { CharRange } from "./pinyin.js";
import type { QueryTerm } from "./query.js";
import { ITEM_SEPARATOR, type SearchDocument } from "./search-document.js";
import { SEARCH_FIELDS, type SearchField, type Snippet } from "./search-result.js";

/** Longest excerpt of a field (plus at most the rest of a match at its edge); a title up to this length is shown whole. */
export const SNIPPET_LENGTH = 80;
/** Characters of context kept before the first match. */
export const SNIPPET_LEAD = 20;

/**
 * An excerpt of `text` around its first match, with the matches inside it as
 * highlights (offsets relative to the excerpt). Composite fields show their
 * item separators as 、.
 */
export function makeSnippet(field: SearchField, text: string, ranges: readonly CharRange[]): Snippet {
  const first = ranges[0];
  let start = 0;
  let end = text.length;
  if (text.length > SNIPPET_LENGTH) {
    start = Math.max(0, (first?.start ?? 0) - SNIPPET_LEAD);
    end = Math.min(text.length, start + SNIPPET_LENGTH);
    start = Math.max(0, end - SNIPPET_LENGTH);
    // Never cut a match in two: a window edge inside a match moves out to the match's edge.
    for (const r of ranges) {
      if (r.start < end && r.end > end) end = r.end;
      if (r.start < start && r.end > start) start = r.start;
    }
  }
  const highlights = ranges
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start }));
  return {
    field,
    text: text.slice(start, end).replaceAll(ITEM_SEPARATOR, "、"),
    highlights,
    truncatedStart: start > 0,
    truncatedEnd: end < text.length,
  };
}

const MAX_SNIPPETS = 3;

/**
 * The snippets of a hit for the positive terms of its query: the title (when
 * it matched), then the text, the units, and the milestones or targets (only
 * when the text did not match, since they repeat it); at most three.
 */
export function hitSnippets(doc: SearchDocument, positive: readonly QueryTerm[]): Snippet[] {
  const perField: CharRange[][] = SEARCH_FIELDS.map((_, f) => mergeRanges(positive.flatMap((t) => termRanges(doc, t, f))));
  const order = [0, 1, 4, 2, 3];
  const textMatched = (perField[1]?.length ?? 0) > 0;
  const snippets: Snippet[] = [];
  for (const f of order) {
    const ranges = perField[f] ?? [];
    if (ranges.length === 0 || snippets.length >= MAX_SNIPPETS) continue;
    if ((f === 2 || f === 3) && textMatched) continue; // milestones and targets repeat the text
    snippets.push(makeSnippet(SEARCH_FIELDS[f] ?? "text", doc.raw[f] ?? "", ranges));
  }
  return snippets;
}
