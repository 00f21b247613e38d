import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Task } from "../model/task.js";
import { fixturePlan } from "./__fixtures__/plans.js";
import { countTermMatches, termMatches } from "./match.js";
import { parseQuery } from "./query.js";
import { planDocuments, type SearchablePlan, type SearchDocument } from "./search-document.js";
import { createSearchIndex, type SearchOptions } from "./search-index.js";
import { SEARCH_FIELDS, type SearchResult } from "./search-result.js";
import { hitSnippets } from "./snippets.js";

/**
 * The search as docs/search.md defines it, done the plain way: every task of
 * every plan, every term counted in every field, a full sort. The index must
 * give the very same result however it gets there (posting lists, tiers,
 * bounds).
 */
function referenceSearch(plans: readonly SearchablePlan[], query: string, options: SearchOptions = {}): SearchResult {
  const terms = parseQuery(query);
  if (terms.length === 0) return { total: 0, hits: [] };
  const positive = terms.filter((t) => !t.negated);
  const negative = terms.filter((t) => t.negated);
  const found: Array<{ doc: SearchDocument; score: number; field: number }> = [];
  plans.forEach((plan, seq) => {
    for (const doc of planDocuments(plan, seq)) {
      if (options.planIds && !options.planIds.includes(doc.planId)) continue;
      if (options.filter && !options.filter(doc.task)) continue;
      const counts = new Int32Array(SEARCH_FIELDS.length);
      let titleTerms = 0;
      let occurrences = 0;
      let all = true;
      for (const term of positive) {
        const before = counts[0] ?? 0;
        const n = countTermMatches(doc, term, counts);
        if (n === 0) all = false;
        if ((counts[0] ?? 0) > before) titleTerms++;
        occurrences += n;
      }
      if (!all || negative.some((t) => termMatches(doc, t))) continue;
      let field = 0;
      if (titleTerms === 0) {
        field = 1;
        for (let f = 2; f < counts.length; f++) if ((counts[f] ?? 0) > (counts[field] ?? 0)) field = f;
      }
      found.push({ doc, score: titleTerms * 1_000_000 + Math.min(occurrences, 999_999), field });
    }
  });
  found.sort((a, b) => b.score - a.score || a.doc.planSeq - b.doc.planSeq || a.doc.task.number - b.doc.task.number);
  const offset = options.offset ?? 0;
  return {
    total: found.length,
    hits: found.slice(offset, offset + (options.limit ?? 20)).map(({ doc, score, field }) => ({
      taskId: doc.task.id,
      planId: doc.planId,
      score,
      field: SEARCH_FIELDS[field] ?? "text",
      snippets: hitSnippets(doc, positive),
    })),
  };
}

// Few characters, so that terms repeat, overlap (法法法), share bigrams without
// being adjacent (行政…复议), come in traditional script (復議), and spell
// pinyin (行政复议 = xzfy = xingzhengfuyi); U+0000 tests the gram keys' edge.
const CHARS = ["行", "政", "复", "议", "復", "議", "依", "法", "审", "查", "公", "开", "的", "x", "z", "f", "a", "Ｘ", "\u0000", " "];
const UNIT_NAMES = ["市委编办", "市政府法制办", "县司法局", "行政复议局"];
const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...CHARS), { minLength: min, maxLength: max }).map((cs) => cs.join(""));
const taskSpec = fc.record({
  title: text(1, 8).filter((s) => s.trim().length > 0),
  text: text(1, 40).filter((s) => s.trim().length > 0),
  lead: fc.subarray(UNIT_NAMES, { maxLength: 2 }),
  milestones: fc.array(text(1, 10).map((clause) => ({ phrase: "2016年年底前", clause, due: "2016-12-31" })), { maxLength: 2 }),
});
const plansArb = fc.array(fc.array(taskSpec, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }).map((plans) =>
  plans.map((specs, k) =>
    fixturePlan(`demo-${k}-2016`, "示范市", UNIT_NAMES.map((name, u) => ({ name, aliases: u === 0 ? ["市审改办"] : [] })), specs),
  ),
);
const termArb = fc.oneof(
  text(1, 4).map((s) => s.replace(/ /g, "")),
  fc.constantFrom("行政复议", "行政復議", "依法", "法法", "xzfy", "xingzhengfuyi", "xingzheng", "fa", "sfj", "swbb", "市审改办", "\u0000法"),
);
const queryArb = fc
  .array(fc.tuple(termArb, fc.constantFrom("", "-", '"', '-"')), { minLength: 1, maxLength: 3 })
  .map((terms) => terms.map(([t, mark]) => (mark.endsWith('"') ? `${mark}${t}"` : `${mark}${t}`)).join(" "));

describe("createSearchIndex gives what a plain scan of every task gives", () => {
  it("on random plans, queries, pages and filters", () => {
    fc.assert(
      fc.property(
        plansArb,
        queryArb,
        fc.nat(30),
        fc.nat(6),
        fc.boolean(),
        fc.option(fc.nat(3), { nil: undefined }),
        (plans, query, offset, limit, filtered, onlyPlan) => {
          const index = createSearchIndex(plans);
          const options: SearchOptions = {
            offset: offset % 4 === 0 ? offset : 0,
            limit,
            ...(filtered ? { filter: (task: Task) => task.number % 2 === 1 } : {}),
            ...(onlyPlan !== undefined && plans[onlyPlan] ? { planIds: [plans[onlyPlan].id] } : {}),
          };
          expect(index.search(query, options)).toEqual(referenceSearch(plans, query, options));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("after plans are removed and added back (dead documents, several segments)", () => {
    fc.assert(
      fc.property(plansArb, queryArb, (plans, query) => {
        const index = createSearchIndex();
        for (const plan of plans) index.add(plan);
        const first = plans[0];
        if (first && plans.length > 1) index.remove(first.id);
        const live = first && plans.length > 1 ? plans.slice(1) : plans;
        // The remaining plans keep their order, so the reference numbering them afresh ranks alike.
        expect(index.search(query, { limit: 50 })).toEqual(referenceSearch(live, query, { limit: 50 }));
      }),
      { numRuns: 100 },
    );
  });

  it("counts an overlapping term (法法 in 法法法) once, as a literal scan does", () => {
    const plan = fixturePlan("demo-overlap-2016", "示范市", [], [
      { title: "其他", text: "法法法" },
      { title: "其他", text: "法法、法法" },
    ]);
    const result = createSearchIndex([plan]).search("法法");
    expect(result.hits.map((h) => [h.taskId, h.score])).toEqual([
      ["demo-overlap-2016/2", 2],
      ["demo-overlap-2016/1", 1],
    ]);
  });
});
