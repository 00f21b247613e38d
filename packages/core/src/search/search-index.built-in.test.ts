import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtInPlans } from "../plans/index.js";
import { normalizeForSearch } from "./normalize.js";
import { createSearchIndex } from "./search-index.js";

// Searches on the four built-in plans; the named tasks were checked by reading them.
const index = createSearchIndex(builtInPlans);
const tasks = builtInPlans.flatMap((p) => p.tasks);
const taskById = new Map(tasks.map((t) => [t.id as string, t]));
const all = (q: string) => index.search(q, { limit: 1000 });
const ids = (q: string) => all(q).hits.map((h) => h.taskId as string);
const titleHits = (q: string) => all(q).hits.filter((h) => h.field === "title").map((h) => h.taskId as string);
const everything = (id: string): string => {
  const t = taskById.get(id);
  if (!t) throw new Error(`no task ${id}`);
  return normalizeForSearch([t.title, t.text, ...t.milestones.map((m) => m.clause), ...t.targets.map((x) => x.phrase)].join("\n"));
};

const unitNames = (id: string): string => {
  const t = taskById.get(id);
  const plan = builtInPlans.find((p) => p.id === t?.planId);
  const ids = new Set<string>([...(t?.lead ?? []), ...(t?.responsible ?? [])]);
  return normalizeForSearch((plan?.units ?? []).filter((u) => ids.has(u.id)).flatMap((u) => [u.name, ...u.aliases]).join("\n"));
};

describe("search on the built-in plans", () => {
  it("行政復議 (traditional) finds the 行政复议 tasks of all four plans, title hits first", () => {
    expect(ids("行政復議")).toEqual(ids("行政复议"));
    const hits = all("行政復議").hits;
    const firstText = hits.findIndex((h) => h.field !== "title");
    expect(hits.slice(firstText).every((h) => h.field !== "title")).toBe(true);
    expect(titleHits("行政復議").sort()).toEqual([
      "baotou-2016/39", // 加强行政复议工作
      "chengdu-2015/38", // 加强行政复议工作
      "chengdu-2015/42", // 加强行政复议应诉队伍建设
      "hohhot-2015/24", // 全面落实行政复议职责
      "inner-mongolia-2021/19", // 发挥行政复议化解行政争议主渠道作用
      "inner-mongolia-2021/20", // 加强和规范行政复议工作
    ]);
    for (const id of ids("行政复议")) expect(everything(id)).toContain("行政复议");
  });

  it("ｘｚｆｙ, xzfy and xingzhengfuyi find the tasks titled with 行政复议 and highlight it", () => {
    const expected = titleHits("行政复议").sort();
    for (const q of ["ｘｚｆｙ", "xzfy", "XZFY", "xingzhengfuyi"]) {
      expect(ids(q).sort(), q).toEqual(expected);
      for (const hit of all(q).hits) {
        const title = hit.snippets.find((s) => s.field === "title");
        const h = title?.highlights[0];
        expect(h && title?.text.slice(h.start, h.end)).toBe("行政复议");
      }
    }
  });

  it('"重大行政决策" -听证 finds the tasks that say 重大行政决策 and never 听证', () => {
    const found = ids('"重大行政决策" -听证');
    expect(found).toEqual(expect.arrayContaining(["chengdu-2015/9", "baotou-2016/10", "hohhot-2015/4"]));
    // Inner Mongolia (八) names 听证 among the statutory steps, so it is left out.
    expect(found).not.toContain("inner-mongolia-2021/8");
    for (const id of found) {
      expect(everything(id)).toContain("重大行政决策");
      expect(everything(id)).not.toContain("听证");
    }
    const withoutExclusion = ids('"重大行政决策"');
    expect(withoutExclusion.filter((id) => !everything(id).includes("听证"))).toEqual(found);
  });

  it("市审改办 finds exactly the Chengdu tasks of 市委编办 (its alias)", () => {
    const chengdu = builtInPlans.find((p) => p.id === "chengdu-2015");
    const office = chengdu?.units.find((u) => u.name === "市委编办");
    expect(office?.aliases).toContain("市审改办");
    const expected = (chengdu?.tasks ?? []).filter((t) => [...t.lead, ...t.responsible].includes(office?.id ?? ("" as never)));
    // 1 深化行政审批制度改革 and 4 积极推进责任清单工作 are led by 市委编办(市审改办).
    expect(expected.map((t) => t.id)).toEqual(expect.arrayContaining(["chengdu-2015/1", "chengdu-2015/4"]));
    expect(ids("市审改办")).toEqual(expected.map((t) => t.id));
    expect(all("市审改办").hits.every((h) => h.field === "units")).toBe(true);
  });

  it("paginates through all hits without overlap", () => {
    const total = all("行政执法").total;
    const pages = Array.from({ length: Math.ceil(total / 7) }, (_, i) => index.search("行政执法", { limit: 7, offset: i * 7 }));
    expect(pages.flatMap((p) => p.hits.map((h) => h.taskId))).toEqual(ids("行政执法"));
  });

  it("property: every task is found by any substring of its own title", () => {
    fc.assert(
      fc.property(fc.constantFrom(...tasks), fc.nat(), fc.nat(), (task, a, b) => {
        const start = a % task.title.length;
        const end = start + 1 + (b % (task.title.length - start));
        const sub = task.title.slice(start, end);
        // A lone quote mark is query syntax, not a term.
        fc.pre(/[^"“”「」『』]/.test(sub));
        // Quote marks inside a title (深入推进“放管服”改革) would end a quoted phrase.
        const quotable = !/["“”「」『』]/.test(sub);
        const bare = !/\s/.test(sub) && !sub.startsWith("-");
        expect(quotable || bare).toBe(true);
        if (quotable) {
          const found = ids(`"${sub}"`);
          expect(found).toContain(task.id);
          // and nothing false: every hit holds the substring in a field or a unit's name
          for (const id of found) expect(`${everything(id)}\n${unitNames(id)}`).toContain(normalizeForSearch(sub));
        }
        if (bare) expect(ids(sub)).toContain(task.id);
      }),
      { numRuns: 300 },
    );
  });

  it("never cuts a match in two at a snippet's edge: every highlight is a whole match", () => {
    for (const q of ["行政复议", "依法行政", "重大行政决策"]) {
      for (const hit of all(q).hits) {
        for (const snippet of hit.snippets) {
          for (const h of snippet.highlights) expect(snippet.text.slice(h.start, h.end), `${hit.taskId} ${snippet.field}`).toBe(q);
        }
      }
    }
  });
});
