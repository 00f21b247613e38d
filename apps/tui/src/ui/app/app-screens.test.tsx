import { builtInPlans } from "@taizhang/core";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { chengduPlan, hohhotPlan } from "../../test-support/fixture-plans.js";
import { localTestSource } from "../../test-support/store-data-source.js";
import { KEYS, renderApp } from "../../test-support/render-app.js";
import { displayWidth } from "../text/index.js";

afterEach(() => cleanup());

const fixture = () => localTestSource([chengduPlan, hohhotPlan]);
const footer = (frame: string): string => frame.split("\n").at(-1) ?? "";

describe("the footer (#16)", () => {
  for (const columns of [60, 40, 24]) {
    it(`always shows ? 帮助 at ${columns} columns`, async () => {
      const app = renderApp({ ds: fixture() }, { columns, rows: 12 });
      await app.until((f) => expect(f).toContain(">"));
      expect(footer(app.frame())).toContain("? 帮助");
      expect(displayWidth(footer(app.frame()))).toBeLessThanOrEqual(columns - 1);
    });
  }
});

describe("an empty search (#16)", () => {
  it("says what was searched, where, and what to try", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    await app.press("/", "行政许可", KEYS.enter);
    await app.until((f) => expect(f).toContain("没有找到与“行政许可”相符的任务(在“成都市法治政府建设规划(2015-2020年)”中)。"));
    expect(app.frame()).toContain("拼音全拼或首字母");
    expect(app.frame()).not.toContain("(空)");
  });

  it("names the filter that matched nothing", async () => {
    const app = renderApp({ ds: fixture(), root: { kind: "tasks", query: { planId: "chengdu-2015" as never, status: "done" } } });
    await app.until((f) => expect(f).toContain("没有符合条件的任务:状态:已完成。"));
    expect(app.frame()).toContain("f 修改或清除筛选条件");
  });
});

describe("the help screen", () => {
  it("lists the keys of every overlay too, and scrolls", async () => {
    const app = renderApp({ ds: fixture() }, { columns: 100, rows: 24 });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("?");
    await app.until((f) => expect(f).toContain("浏览"));
    expect(app.frame()).toContain("设置完成百分比(0–100)");
    expect(app.frame()).not.toContain("立即退出");
    await app.press("G", KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
    await app.until((f) => expect(f).toContain("Ctrl-C"));
    expect(app.frame()).toContain("立即退出");
    expect(app.frame()).not.toContain("上下移动");
    await app.press(KEYS.escape);
    await app.until((f) => expect(f).not.toContain("立即退出"));
  });
});

describe("progress tables in the terminal (#16)", () => {
  for (const columns of [80, 120, 200]) {
    it(`lays out the overdue list to ${columns} columns without cutting 逾期N天`, async () => {
      const app = renderApp({ ds: localTestSource([...builtInPlans]), asOf: new Date("2026-06-01T04:00:00Z"), root: { kind: "deadlines" } }, { columns, rows: 30 });
      await app.until((f) => expect(f).toContain("逾期 ("));
      const lines = app.frame().split("\n");
      for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(columns);
      const rows = lines.filter((l) => /^[ >]\d{4}-\d\d-\d\d /.test(l));
      expect(rows.length).toBeGreaterThan(10);
      for (const l of rows) expect(l).toMatch(/^[ >]\d{4}-\d\d-\d\d 逾期\d{3,4}天 /);
      if (columns >= 120) expect(rows.join("\n")).not.toMatch(/^[ >]\S+ \S+ +\S*…/m);
    });
  }
});
