import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { pageOf, TaskResponse } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "../test-support/test-app.js";

// Loose response shapes: the OpenAPI schemas are checked by the route table; these read what the tests assert on.
const Hit = z.object({
  taskId: z.string(),
  planId: z.string(),
  field: z.string(),
  snippets: z.array(z.object({ field: z.string(), text: z.string(), highlights: z.array(z.object({ start: z.number(), end: z.number() })) })),
  task: z.object({ number: z.number(), ordinal: z.string(), title: z.string(), planTitle: z.string() }),
});
const SearchResults = z.object({ query: z.string(), total: z.number(), offset: z.number(), limit: z.number(), hits: z.array(Hit) });
const Themes = z.object({
  themes: z.array(z.object({ id: z.string(), zh: z.string(), parent: z.string().nullable(), taskCount: z.number() })),
  outline2015: z.array(z.object({ zh: z.string(), themeId: z.string() })),
});
const Rollup = z.object({ total: z.number(), percentComplete: z.number(), byStatus: z.record(z.string(), z.number()) });
const Matrix = z.object({
  planIds: z.array(z.string()),
  plans: z.array(z.object({ id: z.string(), title: z.string() })),
  rows: z.array(z.object({ themeId: z.string(), cells: z.array(z.object({ count: z.number(), taskIds: z.array(z.string()) })), total: z.number() })),
  completion: z.array(z.array(Rollup)),
  themeTotals: z.array(Rollup),
});
const Counterparts = z.object({
  taskId: z.string(),
  counterparts: z.array(z.object({ taskId: z.string(), planId: z.string(), score: z.number(), sharedTerms: z.array(z.string()), task: z.object({ title: z.string() }) })),
});
const Regional = z.object({
  parentPlanId: z.string(),
  childPlanIds: z.array(z.string()),
  skipped: z.array(z.object({ planId: z.string() })),
  rows: z.array(z.object({ taskId: z.string(), coveredBy: z.number() })),
  orphans: z.array(z.object({ planId: z.string(), taskId: z.string() })),
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const search = async (q: string, extra = "") =>
  expectJson(await t.app.request(`/api/search?q=${encodeURIComponent(q)}&limit=100${extra}`), SearchResults);
const ids = async (q: string, extra = "") => (await search(q, extra)).hits.map((h) => h.taskId);

describe("GET /api/search", () => {
  test("traditional, simplified, full-width and pinyin forms find the same 行政复议 titles, highlighted", async () => {
    const titled = (await search("行政复议")).hits.filter((h) => h.field === "title").map((h) => h.taskId).sort();
    expect(titled).toEqual(["baotou-2016/39", "chengdu-2015/38", "chengdu-2015/42", "hohhot-2015/24", "inner-mongolia-2021/19", "inner-mongolia-2021/20"]);
    expect(await ids("行政復議")).toEqual(await ids("行政复议"));
    for (const q of ["xzfy", "ｘｚｆｙ", "xingzhengfuyi"]) expect((await ids(q)).sort(), q).toEqual(titled);
    const hit = (await search("行政復議")).hits[0];
    const title = hit?.snippets.find((s) => s.field === "title");
    const range = title?.highlights[0];
    expect(range && title?.text.slice(range.start, range.end)).toBe("行政复议");
    expect(hit?.task.title).toContain("行政复议");
  });

  test("a unit alias finds its unit's tasks; terms AND, quotes and minus work; plan and theme filters narrow", async () => {
    expect((await search("市审改办")).total).toBeGreaterThan(0);
    expect(await ids("市审改办")).toEqual(await ids("市委编办"));
    const both = await ids("行政复议 队伍");
    expect(both).toContain("chengdu-2015/42");
    expect(both.length).toBeLessThan((await ids("行政复议")).length);
    expect(await ids('"重大行政决策" -听证')).not.toContain("inner-mongolia-2021/8");
    expect((await ids("行政复议", "&planId=chengdu-2015")).every((id) => id.startsWith("chengdu-2015/"))).toBe(true);
    const inOversight = await ids("政务公开", "&theme=oversight");
    expect(inOversight.length).toBeGreaterThan(0);
    const tasks = await expectJson(await t.app.request("/api/tasks?theme=oversight&limit=500"), pageOf(TaskResponse));
    const oversight = new Set(tasks.items.map((task) => task.id as string));
    expect(inOversight.every((id) => oversight.has(id))).toBe(true);
  });

  test("paginates: pages add up to the total without repeats", async () => {
    const all = await search("依法");
    const seen: string[] = [];
    for (let offset = 0; offset < all.total; offset += 7) {
      const page = await expectJson(await t.app.request(`/api/search?q=${encodeURIComponent("依法")}&limit=7&offset=${offset}`), SearchResults);
      seen.push(...page.hits.map((h) => h.taskId));
    }
    expect(seen).toEqual(all.hits.map((h) => h.taskId).slice(0, seen.length));
    expect(new Set(seen).size).toBe(all.total);
  });

  test("a missing or oversized query and an unknown theme are 400 problems naming the parameter", async () => {
    await expectProblem(await t.app.request("/api/search"), "validation-failed");
    await expectProblem(await t.app.request(`/api/search?q=${"法".repeat(201)}`), "validation-failed");
    const bad = await expectProblem(await t.app.request("/api/search?q=x&theme=nope"), "validation-failed");
    expect(JSON.stringify(bad)).toContain("theme");
  });

  test("a plan imported through the API is searchable at once (the index is updated, not rebuilt)", async () => {
    const text = readFileSync(new URL("../__fixtures__/mianyang-2016.txt", import.meta.url), "utf8");
    expect(await ids("绵阳")).toEqual([]);
    const res = await t.app.request("/api/import", { method: "POST", headers: { ...asCaller(t.tokens.admin), "Content-Type": "text/plain" }, body: text });
    expect(res.status).toBe(201);
    expect(await ids("推行政府权力清单制度")).toContain("mianyang-2016/2");
  });
});

describe("GET /api/themes and /api/themes/matrix", () => {
  test("lists the outline's themes with task counts and the 2015 mapping", async () => {
    const body = await expectJson(await t.app.request("/api/themes"), Themes);
    expect(body.themes.map((th) => th.zh)).toContain("行政执法工作体系");
    expect(body.themes.find((th) => th.id === "leadership-capacity")?.parent).toBe("leadership");
    expect(body.themes.find((th) => th.id === "law-enforcement")?.taskCount).toBeGreaterThan(5);
    expect(body.outline2015).toContainEqual({ zh: "全面推进政务公开", themeId: "oversight" });
  });

  test("counts tasks per theme and plan and rolls up completion from the store", async () => {
    const before = await expectJson(await t.app.request("/api/themes/matrix?asOf=2020-06-15"), Matrix);
    expect(before.planIds).toEqual(before.plans.map((p) => p.id));
    const emergency = before.rows.find((r) => r.themeId === "emergency-response");
    // Only the 2021 regional plan has an emergency-response chapter.
    expect(emergency?.cells.map((c, j) => (c.count > 0 ? before.planIds[j] : null)).filter(Boolean)).toEqual(["inner-mongolia-2021"]);

    // Record 成都 task 1 done for unit A: every cell holding task 1 gains one done row.
    const res = await t.app.request(progressPath(UNIT_A), { method: "PATCH", headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }), body: JSON.stringify({ status: "done" }) });
    expect(res.status).toBe(200);
    const after = await expectJson(await t.app.request("/api/themes/matrix?asOf=2020-06-15"), Matrix);
    const col = after.planIds.indexOf("chengdu-2015");
    after.rows.forEach((row, i) => {
      const holds = row.cells[col]?.taskIds.includes("chengdu-2015/1");
      const done = (m: typeof after, r: number) => m.completion[r]?.[col]?.byStatus.done ?? 0;
      expect(done(after, i) - done(before, i), row.themeId).toBe(holds ? 1 : 0);
      if (holds) expect(after.completion[i]?.[col]?.percentComplete).toBeGreaterThan(0);
    });
  });
});

describe("counterparts and the regional report", () => {
  test("Chengdu 9 全面落实重大行政决策法定程序 finds Baotou 10, Hohhot 4 and Inner Mongolia (八)", async () => {
    const body = await expectJson(await t.app.request("/api/tasks/chengdu-2015/9/counterparts?limit=10&perPlan=1"), Counterparts);
    const found = body.counterparts.map((c) => c.taskId);
    expect(found.slice(0, 3)).toEqual(["baotou-2016/10", "hohhot-2015/4", "inner-mongolia-2021/8"]);
    expect(body.counterparts[0]?.sharedTerms).toContain("重大行政决策程序");
    expect(body.counterparts.every((c) => c.planId !== "chengdu-2015")).toBe(true);
    await expectProblem(await t.app.request("/api/tasks/chengdu-2015/999/counterparts"), "not-found");
  });

  test("Inner Mongolia's report covers Hohhot and Baotou, skips Chengdu, and lists city tasks with no regional parent", async () => {
    const report = await expectJson(await t.app.request("/api/plans/inner-mongolia-2021/regional-report"), Regional);
    expect(report.childPlanIds.sort()).toEqual(["baotou-2016", "hohhot-2015"]);
    expect(report.skipped.map((s) => s.planId)).toContain("chengdu-2015");
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.orphans.every((o) => o.planId === "baotou-2016" || o.planId === "hohhot-2015")).toBe(true);
    await expectProblem(await t.app.request("/api/plans/nowhere-2020/regional-report"), "not-found");
  });
});
