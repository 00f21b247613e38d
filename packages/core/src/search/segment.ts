import type { PlanId } from "../model/ids.js";
import { pinyinKeys, pinyinQueryKeySets } from "./pinyin.js";
import { buildPostingTable, documentsWithAll, postingTableBytes, unionSorted, type PostingTable } from "./postings.js";
import type { QueryTerm } from "./query.js";
import { FIELD_INDEX, type SearchDocument } from "./search-document.js";

/**
 * A segment indexes a batch of documents once; the index is a list of them,
 * so adding a plan builds a small segment instead of rebuilding everything.
 */
export interface Segment {
  readonly docs: readonly SearchDocument[];
  /** 1 while the document is in the index, 0 once its plan was removed. */
  readonly alive: Uint8Array;
  live: number;
  readonly planIds: ReadonlySet<PlanId>;
  /** Unigram (key = code unit) and bigram (key = c1·65536 + c2) lists over all fields. */
  readonly grams: PostingTable;
  /** Pinyin initial lists over the fields matched in pinyin (title, units). */
  readonly pinyin: PostingTable;
}

const NEWLINE = 10;

/** Fields searched in pinyin: short, so their pinyin index stays small. */
export const PINYIN_FIELDS: readonly number[] = [FIELD_INDEX.title, FIELD_INDEX.units];

function gramKeys(text: string, emit: (key: number) => void): void {
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      previous = -1;
      continue;
    }
    emit(c);
    if (previous >= 0) emit(previous * 0x10000 + c);
    previous = c;
  }
}

/** Builds a segment over `docs`. */
export function buildSegment(docs: readonly SearchDocument[]): Segment {
  const grams = buildPostingTable(docs.length, (doc, emit) => {
    for (const text of docs[doc]?.norm ?? []) gramKeys(text, emit);
  });
  const pinyin = buildPostingTable(docs.length, (doc, emit) => {
    const norm = docs[doc]?.norm ?? [];
    for (const f of PINYIN_FIELDS) pinyinKeys(norm[f] ?? "", emit);
  });
  return {
    docs,
    alive: new Uint8Array(docs.length).fill(1),
    live: docs.length,
    planIds: new Set(docs.map((d) => d.planId)),
    grams,
    pinyin,
  };
}

/** Bytes held by the segment's posting lists. */
export function segmentBytes(segment: Segment): { grams: number; pinyin: number } {
  return { grams: postingTableBytes(segment.grams), pinyin: postingTableBytes(segment.pinyin) };
}

/**
 * Local numbers of the documents that may match `term`: a superset of the
 * true matches (every gram of the term occurs somewhere in the document), to
 * be verified against the text.
 */
export function termCandidates(segment: Segment, term: QueryTerm): Uint32Array {
  const text = term.text;
  const keys = new Set<number>();
  if (text.length === 1) keys.add(text.charCodeAt(0));
  for (let i = 1; i < text.length; i++) keys.add(text.charCodeAt(i - 1) * 0x10000 + text.charCodeAt(i));
  let result = documentsWithAll(segment.grams, [...keys]);
  if (term.pinyin) {
    for (const keySet of pinyinQueryKeySets(text)) {
      result = unionSorted(result, documentsWithAll(segment.pinyin, keySet));
    }
  }
  return result;
}
