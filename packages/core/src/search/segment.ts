import type { PlanId } from "../model/ids.js";
import { pinyinKeys, pinyinQueryKeySets } from "./pinyin.js";
import { buildPostingTable, candidateDocuments, documentsWithAll, postingTableBytes, unionSorted, type PostingTable } from "./postings.js";
import type { QueryTerm } from "./query.js";
import { FIELD_INDEX, type SearchDocument } from "./search-document.js";
import { SEARCH_FIELDS } from "./search-result.js";

/**
 * A segment indexes a batch of documents once; the index is a list of them,
 * so adding a plan builds a small segment instead of rebuilding everything.
 */
export interface Segment {
  readonly docs: readonly SearchDocument[];
  /**
   * fields[f][d] is docs[d].norm[f]: checking a match reads the text without
   * going through the document object (one memory access instead of three).
   */
  readonly fields: ReadonlyArray<readonly string[]>;
  /** 1 while the document is in the index, 0 once its plan was removed. */
  readonly alive: Uint8Array;
  live: number;
  readonly planIds: ReadonlySet<PlanId>;
  /**
   * Unigram (key = code unit) and bigram (key = c1·65536 + c2, c1 ≠ U+0000)
   * lists over all fields, with each document's occurrences of the gram.
   */
  readonly grams: PostingTable;
  /** The same over titles alone: which documents hold a term in the title (ranked first). */
  readonly titles: PostingTable;
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
    // A bigram starting with U+0000 would have the key of a unigram; a term
    // holding U+0000 is looked up by its other grams (gramKeysOfTerm).
    if (previous > 0) emit(previous * 0x10000 + c);
    previous = c;
  }
}

/** Builds a segment over `docs`. */
export function buildSegment(docs: readonly SearchDocument[]): Segment {
  const grams = buildPostingTable(
    docs.length,
    (doc, emit) => {
      for (const text of docs[doc]?.norm ?? []) gramKeys(text, emit);
    },
    { counted: true },
  );
  const titles = buildPostingTable(docs.length, (doc, emit) => gramKeys(docs[doc]?.norm[FIELD_INDEX.title] ?? "", emit));
  const pinyin = buildPostingTable(docs.length, (doc, emit) => {
    const norm = docs[doc]?.norm ?? [];
    for (const f of PINYIN_FIELDS) pinyinKeys(norm[f] ?? "", emit);
  });
  return {
    docs,
    fields: SEARCH_FIELDS.map((_, f) => docs.map((d) => d.norm[f] ?? "")),
    alive: new Uint8Array(docs.length).fill(1),
    live: docs.length,
    planIds: new Set(docs.map((d) => d.planId)),
    grams,
    titles,
    pinyin,
  };
}

/** Bytes held by the segment's posting lists. */
export function segmentBytes(segment: Segment): { grams: number; pinyin: number } {
  return { grams: postingTableBytes(segment.grams) + postingTableBytes(segment.titles), pinyin: postingTableBytes(segment.pinyin) };
}

/** A query term with the posting keys it needs, worked out once per query. */
export interface PreparedTerm {
  readonly term: QueryTerm;
  /** Distinct gram keys whose lists every literal match is in (see gramKeysOfTerm). */
  readonly gramKeys: readonly number[];
  /**
   * True when the term's one gram list is exactly the set of documents that
   * hold it literally (a term of one character, or of two not starting with
   * U+0000), so a listed document needs no check.
   */
  readonly exact: boolean;
  /**
   * True when, moreover, the gram's occurrences in a document are the term's
   * matches there (not so for 法法: in 法法法 the bigram occurs twice, the term
   * once), so a listed document needs no counting either.
   */
  readonly counted: boolean;
  /** Pinyin key sets (see pinyinQueryKeySets); empty unless the term is read as pinyin. */
  readonly pinyinKeySets: readonly number[][];
}

/** The unigram of a one-character term, else its bigrams (those not starting with U+0000, else its unigrams). */
function gramKeysOfTerm(text: string): number[] {
  const keys = new Set<number>();
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i - 1);
    if (c > 0) keys.add(c * 0x10000 + text.charCodeAt(i));
  }
  if (keys.size === 0) for (let i = 0; i < text.length; i++) keys.add(text.charCodeAt(i));
  return [...keys];
}

export function prepareTerm(term: QueryTerm): PreparedTerm {
  const text = term.text;
  const first = text.charCodeAt(0);
  const exact = text.length === 1 || (text.length === 2 && first !== 0);
  return {
    term,
    gramKeys: gramKeysOfTerm(text),
    exact,
    counted: exact && (text.length === 1 || first !== text.charCodeAt(1)),
    pinyinKeySets: term.pinyin ? pinyinQueryKeySets(text) : [],
  };
}

/** Where a term may match in one segment (local document numbers, ascending). */
export interface TermLists {
  /** Documents that may hold the term (all its grams, or the rarer ones): a superset of its literal matches (the very set when exact). */
  readonly literal: Uint32Array;
  /**
   * Parallel to `literal`: the fewest occurrences of one of the term's grams
   * looked at in the document, at least its literal matches (exactly them
   * when counted).
   */
  readonly frequencies: Uint32Array;
  /** The same over titles alone (no frequencies); ⊆ literal. */
  readonly title: Uint32Array;
  /** Documents whose pinyin keys allow a pinyin match; empty unless the term is read as pinyin. */
  readonly pinyin: Uint32Array;
  /** literal ∪ pinyin: every document that may match the term. */
  readonly candidates: Uint32Array;
}

/** How much longer than the candidates left a gram list may be and still be walked (see candidateDocuments). */
const WALK_RATIO = 4;

export function termLists(segment: Segment, prepared: PreparedTerm): TermLists {
  const { docs: literal, frequencies } = candidateDocuments(segment.grams, prepared.gramKeys, WALK_RATIO);
  const title = literal.length === 0 ? literal : candidateDocuments(segment.titles, prepared.gramKeys, WALK_RATIO).docs;
  let pinyin: Uint32Array = new Uint32Array(0);
  for (const keySet of prepared.pinyinKeySets) pinyin = unionSorted(pinyin, documentsWithAll(segment.pinyin, keySet));
  return { literal, frequencies, title, pinyin, candidates: pinyin.length === 0 ? literal : unionSorted(literal, pinyin) };
}
