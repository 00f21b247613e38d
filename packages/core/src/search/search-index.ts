import type { PlanId } from "../model/ids.js";
import type { Task } from "../model/task.js";
import { countTermMatches, mergeRanges, termMatches, termRanges } from "./match.js";
import type { CharRange } from "./pinyin.js";
import { intersectSorted } from "./postings.js";
import { parseQuery, type QueryTerm } from "./query.js";
import { planDocuments, type SearchablePlan, type SearchDocument } from "./search-document.js";
import { SEARCH_FIELDS, type SearchHit, type SearchResult, type Snippet } from "./search-result.js";
import { buildSegment, segmentBytes, termCandidates, type Segment } from "./segment.js";
import { firstSorted } from "./first-sorted.js";
import { makeSnippet } from "./snippets.js";

export interface SearchOptions {
  /** Only tasks of these plans; all plans when absent. */
  planIds?: readonly PlanId[];
  /** Only tasks for which this returns true (e.g. a theme filter). */
  filter?: (task: Task) => boolean;
  /** Page size; 20 when absent. */
  limit?: number;
  /** Hits to skip; 0 when absent. */
  offset?: number;
}

export interface SearchIndexStats {
  plans: number;
  tasks: number;
  segments: number;
  /** Bytes of the character-gram posting lists. */
  gramBytes: number;
  /** Bytes of the pinyin-initial posting lists. */
  pinyinBytes: number;
}

/** A full-text index over the tasks of several plans; see docs/search.md. */
export interface SearchIndex {
  /** Indexes a plan, replacing an indexed plan of the same id (which keeps its place in the ranking order). */
  add(plan: SearchablePlan): void;
  /** Drops a plan; false when it was not indexed. */
  remove(planId: PlanId): boolean;
  search(query: string, options?: SearchOptions): SearchResult;
  /** Ids of the indexed plans, in index order. */
  planIds(): PlanId[];
  stats(): SearchIndexStats;
}

/** Documents per segment: bounds the memory a segment build needs at once. */
export const SEGMENT_CAPACITY = 8192;
/** Small segments (plans added one by one) are merged when there are more than this many. */
const MAX_SMALL_SEGMENTS = 8;
const DEFAULT_LIMIT = 20;
const TITLE_WEIGHT = 1_000_000;
const MAX_SNIPPETS = 3;
const TITLE = 0;

interface Candidate {
  doc: SearchDocument;
  score: number;
  field: number;
}

function byRank(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.doc.planSeq - b.doc.planSeq || a.doc.task.number - b.doc.task.number;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Builds a search index over `plans` (their tasks, milestones, targets and
 * units); throws when a plan id is given twice. See docs/search.md.
 */
export function createSearchIndex(plans: Iterable<SearchablePlan> = []): SearchIndex {
  const planSeqs = new Map<PlanId, number>();
  const indexed = new Set<PlanId>();
  let segments: Segment[] = [];

  const documentsOf = (plan: SearchablePlan): SearchDocument[] => {
    let seq = planSeqs.get(plan.id);
    if (seq === undefined) {
      seq = planSeqs.size;
      planSeqs.set(plan.id, seq);
    }
    indexed.add(plan.id);
    return planDocuments(plan, seq);
  };

  const liveDocs = (segment: Segment): SearchDocument[] => segment.docs.filter((_, i) => segment.alive[i] === 1);

  const mergeSmallSegments = (): void => {
    const small = segments.filter((s) => s.docs.length < SEGMENT_CAPACITY / 4);
    if (small.length <= MAX_SMALL_SEGMENTS) return;
    const merged = chunk(small.flatMap(liveDocs), SEGMENT_CAPACITY).map(buildSegment);
    segments = [...segments.filter((s) => !small.includes(s)), ...merged];
  };

  const removePlan = (planId: PlanId): boolean => {
    if (!indexed.delete(planId)) return false;
    const kept: Segment[] = [];
    for (const segment of segments) {
      if (segment.planIds.has(planId)) {
        segment.docs.forEach((doc, i) => {
          if (doc.planId === planId && segment.alive[i] === 1) {
            segment.alive[i] = 0;
            segment.live--;
          }
        });
        if (segment.live === 0) continue;
        // Rebuild a segment once most of it is dead, so memory follows the live tasks.
        if (segment.live < segment.docs.length / 2) {
          kept.push(buildSegment(liveDocs(segment)));
          continue;
        }
      }
      kept.push(segment);
    }
    segments = kept;
    return true;
  };

  const initial: SearchDocument[] = [];
  for (const plan of plans) {
    if (indexed.has(plan.id)) throw new Error(`plan ${plan.id} is given twice`);
    // A loop, not push(...docs): spreading a national-scale plan would overflow the stack.
    for (const doc of documentsOf(plan)) initial.push(doc);
  }
  segments = chunk(initial, SEGMENT_CAPACITY).map(buildSegment);

  const matchesInSegment = (segment: Segment, positive: QueryTerm[], negative: QueryTerm[], options: SearchOptions, out: Candidate[]): void => {
    const planFilter = options.planIds ? new Set(options.planIds) : null;
    if (planFilter && ![...segment.planIds].some((id) => planFilter.has(id))) return;
    let docs: Uint32Array | null = null;
    for (const term of positive) {
      const c = termCandidates(segment, term);
      docs = docs === null ? c : intersectSorted(docs, c);
      if (docs.length === 0) return;
    }
    const counts = new Int32Array(SEARCH_FIELDS.length);
    const consider = (i: number): void => {
      const doc = segment.docs[i];
      if (!doc || segment.alive[i] !== 1) return;
      if (planFilter && !planFilter.has(doc.planId)) return;
      if (options.filter && !options.filter(doc.task)) return;
      counts.fill(0);
      let titleTerms = 0;
      let occurrences = 0;
      for (const term of positive) {
        const before = counts[TITLE] ?? 0;
        const n = countTermMatches(doc, term, counts);
        if (n === 0) return;
        if ((counts[TITLE] ?? 0) > before) titleTerms++;
        occurrences += n;
      }
      if (negative.some((term) => termMatches(doc, term))) return;
      let field = TITLE;
      if (titleTerms === 0) {
        field = 1;
        for (let f = 2; f < counts.length; f++) if ((counts[f] ?? 0) > (counts[field] ?? 0)) field = f;
      }
      out.push({ doc, score: titleTerms * TITLE_WEIGHT + Math.min(occurrences, TITLE_WEIGHT - 1), field });
    };
    if (docs === null) for (let i = 0; i < segment.docs.length; i++) consider(i);
    else for (const i of docs) consider(i);
  };

  const snippetsOf = (doc: SearchDocument, positive: QueryTerm[]): Snippet[] => {
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
  };

  return {
    add(plan) {
      removePlan(plan.id);
      const docs = documentsOf(plan);
      segments.push(...chunk(docs, SEGMENT_CAPACITY).map(buildSegment));
      mergeSmallSegments();
    },
    remove: removePlan,
    search(query, options = {}) {
      const terms = parseQuery(query);
      const positive = terms.filter((t) => !t.negated);
      const negative = terms.filter((t) => t.negated);
      if (terms.length === 0) return { total: 0, hits: [] };
      const found: Candidate[] = [];
      for (const segment of segments) matchesInSegment(segment, positive, negative, options, found);
      const offset = Math.max(0, Math.floor(options.offset ?? 0));
      const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
      const hits: SearchHit[] = firstSorted(found, offset + limit, byRank).slice(offset).map(({ doc, score, field }) => ({
        taskId: doc.task.id,
        planId: doc.planId,
        score,
        field: SEARCH_FIELDS[field] ?? "text",
        snippets: snippetsOf(doc, positive),
      }));
      return { total: found.length, hits };
    },
    planIds() {
      return [...indexed].sort((a, b) => (planSeqs.get(a) ?? 0) - (planSeqs.get(b) ?? 0));
    },
    stats() {
      let gramBytes = 0;
      let pinyinBytes = 0;
      for (const s of segments) {
        const b = segmentBytes(s);
        gramBytes += b.grams;
        pinyinBytes += b.pinyin;
      }
      return {
        plans: indexed.size,
        tasks: segments.reduce((n, s) => n + s.live, 0),
        segments: segments.length,
        gramBytes,
        pinyinBytes,
      };
    },
  };
}
