import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PlanIdSchema } from "../model/ids.js";
import { cityPlan, fixturePlan, regionPlan } from "./__fixtures__/plans.js";
import { createSearchIndex } from "./search-index.js";
import { SearchResultSchema } from "./search-result.js";

const ids = (result: { hits: Array<{ taskId: string }> }): string[] => result.hits.map((h) => h.taskId);
const city = (n: number): string => `demo-city-2016/${n}`;
const region = (n: number): string => `demo-region-2021/${n}`;

describe("createSearchIndex on hand-written plans", () => {
  const index = createSearchIndex([cityPlan, regionPlan]);

  it("finds tasks by a word of their title or text, title hits first, then more hits, then task order", () => {
    const result = index.search("行政复议");
    expect(SearchResultSchema.parse(result)).toEqual(result);
    // region/1 has it in its title; city/2 too, but region/1 has more hits (5 vs 3)
    expect(ids(result)).toEqual([region(1), city(2)]);
    expect(result.hits.map((h) => h.field)).toEqual(["title", "title"]);
    const decision = index.search("重大行政决策");
    expect(ids(decision)).toEqual([city(3), city(4), region(2)]);
    expect(decision.hits[0]?.score).toBeGreaterThan(decision.hits[1]?.score ?? Infinity);
  });

  it("ranks a title hit above a task with more body hits", () => {
    const result = index.search("听证");
    expect(ids(result)).toEqual([city(4), city(2)]);
    expect(result.hits[1]?.field).toBe("text");
  });

  it("finds traditional script and full-width forms", () => {
    expect(ids(index.search("行政復議"))).toEqual(ids(index.search("行政复议")));
    expect(ids(index.search("ＰＰＰ"))).toEqual([city(5)]);
    expect(ids(index.search("ppp"))).toEqual([city(5)]);
  });

  it("finds titles by pinyin initials and by full pinyin, highlighting the characters", () => {
    for (const q of ["xzfy", "ＸＺＦＹ", "xingzhengfuyi", "XingZhengFuYi"]) {
      const result = index.search(q);
      expect(ids(result), q).toEqual([city(2), region(1)]);
      const title = result.hits[0]?.snippets[0];
      expect(title?.field).toBe("title");
      expect(title?.highlights).toEqual([{ start: 2, end: 6 }]);
    }
  });

  it("finds a task by an alias of its unit (市审改办 → 市委编办)", () => {
    const result = index.search("市审改办");
    expect(ids(result)).toEqual([city(1), city(5)]);
    expect(result.hits[0]?.field).toBe("units");
    expect(result.hits[0]?.snippets[0]?.text).toBe("市委编办(市审改办)、市政府法制办");
    expect(ids(index.search("市委编办"))).toEqual([city(1), city(5)]);
  });

  it("finds units by pinyin initials of their names and aliases", () => {
    const result = index.search("swbb"); // 市委编办
    expect(ids(result)).toEqual([city(1), city(5)]);
    const units = result.hits[0]?.snippets[0];
    expect(units?.field).toBe("units");
    const h = units?.highlights[0];
    expect(h && units?.text.slice(h.start, h.end)).toBe("市委编办");
    expect(ids(index.search("ssgb"))).toEqual([city(1), city(5)]); // 市审改办
  });

  it("finds milestone clauses and target phrases", () => {
    expect(index.search("收费目录清单").hits.map((h) => [h.taskId, h.field])).toEqual([[city(1), "milestones"]]);
    expect(index.search("听证率").hits.map((h) => [h.taskId, h.field])).toEqual([[city(4), "targets"]]);
  });

  it("ANDs terms, matches quoted phrases exactly and excludes minus terms", () => {
    expect(ids(index.search("行政决策 风险评估"))).toEqual([city(3), city(4)]);
    expect(ids(index.search('"重大行政决策" -听证'))).toEqual([city(3), region(2)]);
    expect(ids(index.search('"决策 程序"'))).toEqual([]);
    expect(ids(index.search("-行政"))).toEqual([city(5)]);
    expect(ids(index.search("-复议"))).toEqual([city(1), city(3), city(4), city(5), region(2)]);
    // a quoted phrase is never read as pinyin
    expect(ids(index.search('"xzfy"'))).toEqual([]);
  });

  it("never returns a task that does not hold the term", () => {
    expect(ids(index.search("复议听"))).toEqual([]);
    expect(ids(index.search("查和听"))).toEqual([city(2)]);
  });

  it("filters by plan and by predicate, and paginates", () => {
    expect(ids(index.search("重大行政决策", { planIds: [PlanIdSchema.parse("demo-region-2021")] }))).toEqual([region(2)]);
    expect(ids(index.search("重大行政决策", { filter: (t) => t.number === 4 }))).toEqual([city(4)]);
    const page = index.search("重大行政决策", { limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(ids(page)).toEqual([city(4), region(2)]);
    expect(ids(index.search("重大行政决策", { limit: 2, offset: 2 }))).toEqual([region(2)]);
  });

  it("returns snippets around the match with highlight ranges into the snippet text", () => {
    const long = fixturePlan("demo-long-2016", "示范县", [], [
      { title: "加强法治宣传", text: `${"开展普法宣传教育。".repeat(12)}建立行政执法公示制度。${"推进依法治理。".repeat(12)}` },
    ]);
    const result = createSearchIndex([long]).search("公示制度");
    const snippet = result.hits[0]?.snippets[0];
    expect(snippet?.field).toBe("text");
    expect(snippet?.truncatedStart).toBe(true);
    expect(snippet?.truncatedEnd).toBe(true);
    const h = snippet?.highlights[0];
    expect(h && snippet?.text.slice(h.start, h.end)).toBe("公示制度");
  });

  it("returns nothing for an empty query", () => {
    expect(index.search("   ")).toEqual({ total: 0, hits: [] });
  });
});

describe("incremental updates", () => {
  it("adds and removes plans, and a re-added plan keeps its place", () => {
    const index = createSearchIndex([cityPlan]);
    expect(ids(index.search("行政复议"))).toEqual([city(2)]);
    index.add(regionPlan);
    expect(ids(index.search("行政复议"))).toEqual([region(1), city(2)]);
    expect(index.remove(cityPlan.id)).toBe(true);
    expect(index.remove(cityPlan.id)).toBe(false);
    expect(ids(index.search("行政复议"))).toEqual([region(1)]);
    expect(index.planIds()).toEqual([regionPlan.id]);
    index.add(cityPlan);
    index.add(cityPlan);
    expect(index.stats().tasks).toBe(cityPlan.tasks.length + regionPlan.tasks.length);
    expect(ids(index.search("重大行政决策"))).toEqual([city(3), city(4), region(2)]);
  });

  it("gives the same answers after many small additions (merged segments) as when built at once", () => {
    const plans = Array.from({ length: 30 }, (_, k) =>
      fixturePlan(`demo-${k}-2016`, "示范市", [], [
        { title: k % 3 === 0 ? "加强行政复议工作" : "深化商事制度改革", text: `第${k}项任务:推进行政执法公示制度。` },
      ]),
    );
    const once = createSearchIndex(plans);
    const incremental = createSearchIndex();
    for (const p of plans) incremental.add(p);
    for (const p of plans.filter((_, k) => k % 4 === 0)) {
      incremental.remove(p.id);
      once.remove(p.id);
    }
    expect(incremental.stats().segments).toBeLessThan(plans.length);
    for (const q of ["行政复议", "xzfy", "执法公示", "第1", "-复议"]) {
      expect(incremental.search(q, { limit: 100 })).toEqual(once.search(q, { limit: 100 }));
    }
  });
});

describe("property: every substring of a title finds its task", () => {
  it("holds on the hand-written plans", () => {
    const plans = [cityPlan, regionPlan];
    const index = createSearchIndex(plans);
    const tasks = plans.flatMap((p) => p.tasks);
    fc.assert(
      fc.property(fc.constantFrom(...tasks), fc.nat(), fc.nat(), (task, a, b) => {
        const start = a % task.title.length;
        const end = start + 1 + (b % (task.title.length - start));
        const result = index.search(`"${task.title.slice(start, end)}"`, { limit: 1000 });
        expect(ids(result)).toContain(task.id);
        // Nothing false: each hit holds the substring in its fields or its units' names.
        for (const hit of result.hits) {
          const t = tasks.find((x) => x.id === hit.taskId);
          const units = plans
            .flatMap((p) => p.units)
            .filter((u) => t && [...t.lead, ...t.responsible].includes(u.id))
            .flatMap((u) => [u.name, ...u.aliases]);
          expect(`${JSON.stringify(t)}${units.join("")}`).toContain(task.title.slice(start, end));
        }
      }),
    );
  });
});
