import type { PlanId } from "../model/ids.js";
import type { Task } from "../model/task.js";
import { countTermMatches, literalOutsideTitle, termMatches } from "./match.js";
import { findPinyin } from "./pinyin.js";
import { intersectSorted } from "./postings.js";
import { parseQuery } from "./query.js";
import { planDocuments, type SearchablePlan, type SearchDocument } from "./search-document.js";
import { SEARCH_FIELDS, type SearchHit, type SearchResult } from "./search-result.js";
import { buildSegment, PINYIN_FIELDS, prepareTerm, segmentBytes, termLists, type PreparedTerm, type Segment } from "./segment.js";
import { hitSnippets } from "./snippets.js";

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
const TITLE = 0;

interface Candidate {
  doc: SearchDocument;
  score: number;
}

/** First position at or after `from` in ascending `list` whose value is ≥ `doc`. */
function advance(list: Uint32Array, from: number, doc: number): number {
  let i = from;
  while (i < list.length && (list[i] ?? 0) < doc) i++;
  return i;
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

  // Hits of the running query, in typed arrays kept from query to query, so
  // that finding and counting 100,000 hits allocates nothing per hit: the
  // segment and local document, the tier (query terms found in the title),
  // the matches known from the posting lists, an upper bound on all matches,
  // and whether the bound is exact (1) or the text must be counted (0).
  let hitSegment = new Uint32Array(1024);
  let hitDoc = new Uint32Array(1024);
  let hitTier = new Uint16Array(1024);
  let hitBound = new Uint32Array(1024);
  let hitExact = new Uint8Array(1024);
  let hitCount = 0;
  const pushHit = (s: number, d: number, tier: number, bound: number, exact: boolean): void => {
    if (hitCount === hitDoc.length) {
      const n = hitDoc.length * 2;
      const grow = <A extends Uint32Array | Uint16Array | Uint8Array>(a: A, next: A): A => {
        next.set(a);
        return next;
      };
      hitSegment = grow(hitSegment, new Uint32Array(n));
      hitDoc = grow(hitDoc, new Uint32Array(n));
      hitTier = grow(hitTier, new Uint16Array(n));
      hitBound = grow(hitBound, new Uint32Array(n));
      hitExact = grow(hitExact, new Uint8Array(n));
    }
    hitSegment[hitCount] = s;
    hitDoc[hitCount] = d;
    hitTier[hitCount] = tier;
    hitBound[hitCount] = Math.min(bound, TITLE_WEIGHT - 1);
    hitExact[hitCount] = exact ? 1 : 0;
    hitCount++;
  };

  // Pinyin matches of each positive term in the texts met so far by the
  // running query: many tasks share their units' text (and often a title).
  let pinyinCounts: Array<Map<string, number>> = [];
  const pinyinCount = (t: number, text: string, query: string): number => {
    const memo = pinyinCounts[t] ?? (pinyinCounts[t] = new Map());
    let n = memo.get(text);
    if (n === undefined) {
      n = findPinyin(text, query).length;
      memo.set(text, n);
    }
    return n;
  };

  /**
   * Adds the hits of one segment, and counts them per tier. A document is a
   * hit when every positive term matches it (literally in some field, or in
   * pinyin in a pinyin field) and no negative term does — the test of
   * counting matches (countTermMatches) and keeping non-zero counts, but
   * stopping at the first match, or answered by the posting lists alone when
   * a term's gram list is exact. Matches are taken from the lists where they
   * are exact (a term of one or two characters) and bounded otherwise.
   */
  const collectHits = (
    s: number,
    positive: readonly PreparedTerm[],
    negative: readonly PreparedTerm[],
    planFilter: ReadonlySet<PlanId> | null,
    filter: ((task: Task) => boolean) | undefined,
    tierCounts: Uint32Array,
  ): void => {
    const segment = segments[s];
    if (!segment) return;
    let checkPlan = false;
    if (planFilter) {
      let some = false;
      for (const id of segment.planIds) {
        if (planFilter.has(id)) some = true;
        else checkPlan = true;
      }
      if (!some) return;
    }
    const pos = positive.map((p) => termLists(segment, p));
    let docs: Uint32Array | null = null;
    for (const lists of [...pos].sort((a, b) => a.candidates.length - b.candidates.length)) {
      docs = docs === null ? lists.candidates : intersectSorted(docs, lists.candidates);
      if (docs.length === 0) return;
    }
    const neg = negative.map((p) => termLists(segment, p));
    // Cursors into each term's ascending lists; documents are visited in ascending order.
    const litAt = new Int32Array(pos.length);
    const titleAt = new Int32Array(pos.length);
    const negAt = new Int32Array(neg.length);
    const negLitAt = new Int32Array(neg.length);
    // Exact terms are answered by their lists, others checked in the field
    // texts: the document itself is only read to filter it.
    const readDoc = checkPlan || filter !== undefined || neg.length > 0;
    const fields = segment.fields;
    const titles = fields[TITLE] ?? [];
    const n = docs === null ? segment.docs.length : docs.length;
    for (let k = 0; k < n; k++) {
      const d = docs === null ? k : (docs[k] ?? 0);
      if (segment.alive[d] !== 1) continue;
      const doc = readDoc ? segment.docs[d] : undefined;
      if (readDoc) {
        if (!doc) continue;
        if (checkPlan && planFilter && !planFilter.has(doc.planId)) continue;
        if (filter && !filter(doc.task)) continue;
      }
      let tier = 0;
      let bound = 0;
      let exact = true;
      let matched = true;
      for (let t = 0; t < pos.length && matched; t++) {
        const lists = pos[t];
        const prepared = positive[t];
        if (!lists || !prepared) continue;
        const { text, pinyin } = prepared.term;
        const li = (litAt[t] = advance(lists.literal, litAt[t] ?? 0, d));
        const inLiteral = lists.literal[li] === d;
        let title = false;
        let any = false;
        if (inLiteral) {
          const ti = (titleAt[t] = advance(lists.title, titleAt[t] ?? 0, d));
          title = lists.title[ti] === d && (prepared.exact || (titles[d] ?? "").includes(text));
          any = title || prepared.exact || literalOutsideTitle(fields, d, text);
        }
        if (!pinyin) {
          // Non-pinyin terms are only candidates through their literal list.
          bound += lists.frequencies[li] ?? 0;
          if (!prepared.counted) exact = false;
        } else if (!inLiteral) {
          // No literal match anywhere: the matches are the pinyin ones of the pinyin fields.
          for (const f of PINYIN_FIELDS) {
            const found = pinyinCount(t, fields[f]?.[d] ?? "", text);
            if (found === 0) continue;
            any = true;
            if (f === TITLE) title = true;
            bound += found;
          }
        } else {
          for (const f of PINYIN_FIELDS) {
            if (f === TITLE ? title : any) continue;
            if (pinyinCount(t, fields[f]?.[d] ?? "", text) > 0) {
              any = true;
              if (f === TITLE) title = true;
            }
          }
          bound += TITLE_WEIGHT;
          exact = false;
        }
        if (!any) matched = false;
        else if (title) tier++;
      }
      for (let t = 0; t < neg.length && matched; t++) {
        const lists = neg[t];
        const prepared = negative[t];
        if (!lists || !prepared) continue;
        negAt[t] = advance(lists.candidates, negAt[t] ?? 0, d);
        if (lists.candidates[negAt[t] ?? 0] !== d) continue;
        negLitAt[t] = advance(lists.literal, negLitAt[t] ?? 0, d);
        if ((prepared.exact && lists.literal[negLitAt[t] ?? 0] === d) || (doc !== undefined && termMatches(doc, prepared.term))) matched = false;
      }
      if (!matched) continue;
      pushHit(s, d, tier, bound, exact);
      tierCounts[tier] = (tierCounts[tier] ?? 0) + 1;
    }
  };

  /** Score and main field of a hit, as docs/search.md defines them. */
  const counts = new Int32Array(SEARCH_FIELDS.length);
  const scoreOf = (doc: SearchDocument, positive: readonly PreparedTerm[]): { score: number; field: number } => {
    counts.fill(0);
    let titleTerms = 0;
    let occurrences = 0;
    for (const { term } of positive) {
      const before = counts[TITLE] ?? 0;
      occurrences += countTermMatches(doc, term, counts);
      if ((counts[TITLE] ?? 0) > before) titleTerms++;
    }
    let field = TITLE;
    if (titleTerms === 0) {
      field = 1;
      for (let f = 2; f < counts.length; f++) if ((counts[f] ?? 0) > (counts[field] ?? 0)) field = f;
    }
    return { score: titleTerms * TITLE_WEIGHT + Math.min(occurrences, TITLE_WEIGHT - 1), field };
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
      if (terms.length === 0) return { total: 0, hits: [] };
      const positive = terms.filter((t) => !t.negated).map(prepareTerm);
      const negative = terms.filter((t) => t.negated).map(prepareTerm);
      const offset = Math.max(0, Math.floor(options.offset ?? 0));
      const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
      const planFilter = options.planIds ? new Set(options.planIds) : null;
      const tierCounts = new Uint32Array(positive.length + 1);
      hitCount = 0;
      pinyinCounts = [];
      for (let s = 0; s < segments.length; s++) collectHits(s, positive, negative, planFilter, options.filter, tierCounts);
      pinyinCounts = [];
      const total = hitCount;
      // A hit's score is its tier × TITLE_WEIGHT plus its matches (less than
      // TITLE_WEIGHT), so a higher tier always ranks first: only the tiers that
      // the page reaches into are ranked. Hits whose matches the posting lists
      // gave exactly go straight to the page buffer; the others are counted in
      // the text in the order of their upper bounds, until a bound falls below
      // the page's last score.
      const need = offset + limit;
      let lowest = positive.length;
      let reached = tierCounts[lowest] ?? 0;
      while (lowest > 0 && reached < need) reached += tierCounts[--lowest] ?? 0;
      const best: Candidate[] = [];
      const offer = (doc: SearchDocument, score: number): void => {
        const last = best[best.length - 1];
        if (best.length === need && last !== undefined && (score < last.score || byRank({ doc, score }, last) >= 0)) return;
        const item = { doc, score };
        let lo = 0;
        let hi = best.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          const m = best[mid];
          if (m !== undefined && byRank(m, item) <= 0) lo = mid + 1;
          else hi = mid;
        }
        best.splice(lo, 0, item);
        if (best.length > need) best.pop();
      };
      const docOf = (i: number): SearchDocument | undefined => segments[hitSegment[i] ?? 0]?.docs[hitDoc[i] ?? 0];
      const boundScore = (i: number): number => (hitTier[i] ?? 0) * TITLE_WEIGHT + (hitBound[i] ?? 0);
      const uncounted: number[] = [];
      if (need > 0 && offset < total) {
        for (let i = 0; i < total; i++) {
          if ((hitTier[i] ?? 0) < lowest) continue;
          if (hitExact[i] !== 1) {
            uncounted.push(i);
            continue;
          }
          const score = boundScore(i);
          const last = best[best.length - 1];
          if (best.length === need && last !== undefined && score < last.score) continue;
          const doc = docOf(i);
          if (doc) offer(doc, score);
        }
        // Best bound first. A group of equal bounds is looked at whole, but a
        // hit whose bound would not enter the page is not counted; once a
        // whole bound falls below the page's last score, no later one can enter.
        const order = Uint32Array.from(uncounted).sort((a, b) => boundScore(b) - boundScore(a));
        for (const i of order) {
          const bound = boundScore(i);
          const last = best[best.length - 1];
          if (best.length === need && last !== undefined && bound < last.score) break;
          const doc = docOf(i);
          if (!doc) continue;
          if (best.length === need && last !== undefined && byRank({ doc, score: bound }, last) >= 0) continue;
          offer(doc, scoreOf(doc, positive).score);
        }
      }
      const hits: SearchHit[] = best
        .slice(offset)
        .map(({ doc, score }) => ({
          taskId: doc.task.id,
          planId: doc.planId,
          score,
          field: SEARCH_FIELDS[positive.length === 0 ? 1 : scoreOf(doc, positive).field] ?? "text",
          snippets: hitSnippets(doc, positive.map((p) => p.term)),
        }));
      return { total, hits };
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
