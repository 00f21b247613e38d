import { builtInPlans } from "@taizhang/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo, tempStore } from "../../test-support/temp-store.js";
import { displayWidth } from "../../ui/text/index.js";
import { counterpartsCommand } from "./counterparts.js";
import { markSnippet, searchCommand } from "./search.js";
import { setCommand } from "./set.js";
import { themesCommand } from "./themes.js";
import { main } from "../main.js";
import type { Command } from "../command.js";

// The four built-in plans in an embedded store, as `taizhang` finds them on first use.
let store: { dir: string; remove: () => void };
beforeAll(async () => {
  store = await tempStore([...builtInPlans]);
}, 60_000);
afterAll(() => store.remove());

/** Runs `command` as the real program does (through main(), which reports what a command throws). */
async function run(command: Command, ...args: string[]) {
  const io = captureIo(store.dir);
  const code = await main([command.name, ...["--data", store.dir, ...args]], io, [command]);
  return { code, out: io.out(), err: io.err() };
}
const hitIds = async (...args: string[]) => {
  const r = await run(searchCommand, "--json", "--limit", "100", ...args);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as { hits: Array<{ taskId: string }> }).hits.map((h) => h.taskId);
};

describe("taizhang search", () => {
  it("finds 行政复议 typed in traditional script, full-width or pinyin initials, and marks matches 【…】", async () => {
    const simplified = await hitIds("行政复议");
    expect(simplified).toContain("chengdu-2015/38");
    expect(await hitIds("行政復議")).toEqual(simplified);
    expect((await hitIds("xzfy")).sort()).toEqual(["baotou-2016/39", "chengdu-2015/38", "chengdu-2015/42", "hohhot-2015/24", "inner-mongolia-2021/19", "inner-mongolia-2021/20"]);
    expect(await hitIds("ｘｚｆｙ")).toEqual(await hitIds("xzfy"));
    const table = await run(searchCommand, "行政復議", "--limit", "3");
    expect(table.out).toMatch(/^共\d+条结果 · 第1–3条/);
    expect(table.out).toContain("【行政复议】");
  });

  it("reads a unit alias, AND terms, quoted phrases and exclusions; filters by plan and theme", async () => {
    expect(await hitIds("市审改办")).toEqual(await hitIds("市委编办"));
    // One argument for the whole query; a word starting with - would otherwise read as an option.
    const excluded = await hitIds('"重大行政决策" -听证');
    expect(await hitIds("--", "重大行政决策", "-听证")).toEqual(await hitIds("重大行政决策 -听证"));
    expect(excluded).toEqual(expect.arrayContaining(["chengdu-2015/9", "baotou-2016/10", "hohhot-2015/4"]));
    expect(excluded).not.toContain("inner-mongolia-2021/8");
    expect((await hitIds("行政复议", "--plan", "baotou-2016")).every((id) => id.startsWith("baotou-2016/"))).toBe(true);
    const inTheme = await hitIds("公开", "--theme", "oversight");
    expect(inTheme.length).toBeGreaterThan(0);
    expect(inTheme.length).toBeLessThan((await hitIds("公开")).length);
  });

  it("answers usage errors with exit 1 and bad values with exit 4", async () => {
    expect((await run(searchCommand)).code).toBe(1);
    expect((await run(searchCommand, "x", "--limit", "0")).code).toBe(1);
    const theme = await run(searchCommand, "x", "--theme", "nope");
    expect(theme.code).toBe(4);
    expect(theme.err).toContain("taizhang themes");
  });

  it("marks highlights and cut ends in a snippet", () => {
    expect(
      markSnippet({ field: "text", text: "加强行政复议工作", highlights: [{ start: 2, end: 6 }], truncatedStart: true, truncatedEnd: false }),
    ).toBe("…加强【行政复议】工作");
  });
});

describe("taizhang themes", () => {
  it("prints themes × plans with counts, sub-themes indented, and completion once progress exists", async () => {
    const before = await run(themesCommand, "--as-of", "2021-01-05", "--json");
    const parse = (out: string) =>
      JSON.parse(out) as { themes: Array<{ id: string; parent: string | null; plans: Array<{ planId: string; count: number; taskIds: string[]; rollup: { byStatus: { done: number } } }> }> };
    const emergency = parse(before.out).themes.find((t) => t.id === "emergency-response");
    expect(emergency?.plans.filter((p) => p.count > 0).map((p) => p.planId)).toEqual(["inner-mongolia-2021"]);

    const set = await run(setCommand, "chengdu-2015/38#task", "--unit", "市政府法制办", "--status", "done");
    expect(set.code, set.err).toBe(0);
    const after = parse((await run(themesCommand, "--as-of", "2021-01-05", "--json")).out);
    const withTask = after.themes.filter((t) => t.plans.some((p) => p.taskIds.includes("chengdu-2015/38")));
    expect(withTask.map((t) => t.id)).toContain("dispute-resolution");
    for (const theme of withTask) expect(theme.plans.find((p) => p.planId === "chengdu-2015")?.rollup.byStatus.done).toBe(1);

    const table = await run(themesCommand, "--as-of", "2021-01-05");
    const lines = table.out.trimEnd().split("\n");
    expect(lines[0]).toContain("主题覆盖");
    expect(lines.some((l) => l.startsWith("  能力建设"))).toBe(true);
    expect(lines.find((l) => l.startsWith("突发事件应对体系"))).toMatch(/—.*—.*—\s+3\s+3$/);
    // Every row ends in the same display column.
    expect(new Set(lines.slice(1).map((l) => displayWidth(l))).size).toBe(1);
  });
});

describe("taizhang counterparts", () => {
  it("lists Chengdu 9's counterparts: Baotou 10, Hohhot 4, Inner Mongolia (八), with shared terms", async () => {
    const r = await run(counterpartsCommand, "chengdu-2015/9", "--per-plan", "1", "--json");
    expect(r.code, r.err).toBe(0);
    const body = JSON.parse(r.out) as { counterparts: Array<{ taskId: string; score: number; sharedTerms: string[] }> };
    expect(body.counterparts.map((c) => c.taskId)).toEqual(["baotou-2016/10", "hohhot-2015/4", "inner-mongolia-2021/8"]);
    expect(body.counterparts[0]?.sharedTerms).toContain("重大行政决策程序");
    const table = await run(counterpartsCommand, "chengdu-2015/9", "--limit", "2");
    expect(table.out).toContain("全面落实重大行政决策法定程序");
    expect(table.out).toContain("相似度");
  });

  it("exit 2 for an unknown task, 4 for a malformed id, 1 without one", async () => {
    expect((await run(counterpartsCommand, "chengdu-2015/999")).code).toBe(2);
    expect((await run(counterpartsCommand, "not an id")).code).toBe(4);
    expect((await run(counterpartsCommand)).code).toBe(1);
  });
});
