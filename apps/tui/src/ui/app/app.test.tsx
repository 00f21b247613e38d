import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "ink-testing-library";
import { builtInPlans } from "@taizhang/core";
import { chengduPlan, hohhotPlan } from "../../test-support/fixture-plans.js";
import { localTestSource, remoteTestSource } from "../../test-support/store-data-source.js";
import { KEYS, renderApp, selectedLine } from "../../test-support/render-app.js";
import { displayWidth } from "../text/index.js";

afterEach(() => cleanup());

const fixture = () => localTestSource([chengduPlan, hohhotPlan]);

describe("navigation", () => {
  it("goes plans → plan tree → tasks → task detail, and shows the task in full", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划(2015-2020年)"));
    expect(app.frame()).toContain("呼和浩特市人民政府");
    expect(selectedLine(app.frame())).toContain("成都市法治政府建设规划");

    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    expect(app.frame()).toContain("二、主要任务");
    expect(app.frame()).toContain("(二)强化对行政权力的制约和监督");

    // all tasks, 一、总体要求 (no tasks: skipped), 二、主要任务, (一), (二)
    await app.press("j", "j", "j");
    expect(selectedLine(app.frame())).toContain("(二)强化对行政权力的制约和监督");
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("健全行政复议体制"));
    expect(app.frame()).toContain("全面推进政务公开");
    expect(app.frame()).not.toContain("深化行政审批制度改革");

    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("chengdu-2015/3  健全行政复议体制"));
    const f = app.frame();
    expect(f).toContain("牵头单位: 市政府法制办");
    expect(f).toContain("责任单位: 各区(市)县政府");
    expect(f).toContain("1. 2016-12-31 2016年年底前");
    expect(f).toContain("行政复议案件审结率 ≥ 95%");
    expect(f).toContain("市政府法制办*");
  });

  it("keeps the cursor where it was when going back (Esc, h and ←)", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    await app.press(KEYS.down, KEYS.down);
    expect(selectedLine(app.frame())).toContain("(一)依法全面履行政府职能");
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("推进政府购买服务"));
    await app.press("j");
    expect(selectedLine(app.frame())).toContain("推进政府购买服务");
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("chengdu-2015/2  推进政府购买服务"));

    await app.press(KEYS.escape);
    await app.until((f) => expect(selectedLine(f)).toContain("推进政府购买服务"));
    await app.press("h");
    await app.until((f) => expect(selectedLine(f)).toContain("(一)依法全面履行政府职能"));
    await app.press(KEYS.left);
    await app.until((f) => expect(selectedLine(f)).toContain("成都市法治政府建设规划"));
    // At the root, back stays.
    await app.press(KEYS.escape);
    expect(selectedLine(app.frame())).toContain("成都市法治政府建设规划");
  });

  it("handles keys that arrive in one chunk in order, each on the screen it was typed at", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("j\r");
    await app.until((f) => expect(f).toContain("台账 › 呼和浩特市人民政府"));
    await app.press("\u001B");
    await app.until((f) => expect(selectedLine(f)).toContain("呼和浩特市人民政府"));
    await app.press("k/行政复议\r");
    await app.until((f) => expect(f).toContain("搜索“行政复议”"));
    expect(app.frame()).toContain("chengdu-2015/3");
  });

  it("handles keys written back to back, before React renders, against the state the previous key left", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    app.stdin.write(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    for (const key of ["j", "j", "j", "/"]) app.stdin.write(key);
    app.stdin.write("复议");
    await app.until((f) => expect(f).toContain("搜索: 复议▏"));
    await app.press(KEYS.escape);
    await app.until((f) => expect(selectedLine(f)).toContain("(二)强化对行政权力的制约和监督"));
  });

  it("moves with g, G, PgUp and PgDn within a long task detail", async () => {
    const app = renderApp({ ds: fixture() }, { columns: 100, rows: 12 });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("深化行政审批制度改革"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("chengdu-2015/1  深化行政审批制度改革"));
    await app.press("G");
    await app.until((f) => expect(f).toContain("最近变更"));
    expect(app.frame()).not.toContain("chengdu-2015/1  深化行政审批制度改革");
    await app.press("g");
    await app.until((f) => expect(f).toContain("chengdu-2015/1  深化行政审批制度改革"));
    await app.press(KEYS.pageDown);
    await app.until((f) => expect(f).not.toContain("chengdu-2015/1  深化行政审批制度改革"));
    await app.press(KEYS.pageUp);
    await app.until((f) => expect(f).toContain("chengdu-2015/1  深化行政审批制度改革"));
  });
});

describe("search", () => {
  it("finds tasks by a Chinese term within the plan, typed through /", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    await app.press("/");
    await app.until((f) => expect(f).toContain("搜索: ▏"));
    await app.press("行政", "复议", "x", KEYS.backspace);
    await app.until((f) => expect(f).toContain("搜索: 行政复议▏"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("搜索“行政复议”"));
    const f = app.frame();
    expect(f).toContain("健全行政复议体制");
    expect(f).not.toContain("深化行政审批制度改革");
    expect(f).not.toContain("全面推进政务公开");
  });

  it("closes the search prompt with Esc without searching", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("/", "复议", KEYS.escape);
    await app.until((f) => expect(f).not.toContain("搜索:"));
    expect(app.frame()).toContain("呼和浩特市人民政府");
  });
});

describe("filter", () => {
  it("narrows tasks to overdue ones, and to a unit", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    await app.press("f");
    await app.until((f) => expect(f).toContain("[应用]"));
    expect(app.frame()).toContain("成都市法治政府建设规划"); // the plan filter starts as the current plan
    // plan, unit, status, theme, overdue: toggle overdue, then apply.
    await app.press("j", "j", "j", "j", KEYS.enter);
    await app.until((f) => expect(selectedLine(f)).toContain("是"));
    await app.press("j", KEYS.enter);
    await app.until((f) => expect(f).toContain("仅逾期"));
    let f = app.frame();
    expect(f).toContain("深化行政审批制度改革"); // its 2015 milestone is overdue on 2016-11-01
    expect(f).not.toContain("健全行政复议体制");

    // Change the filter on the list: no overdue, unit 市财政局.
    await app.press("f");
    await app.until((f2) => expect(f2).toContain("[应用]"));
    await app.press("j", KEYS.enter, "市财政局", KEYS.enter);
    await app.until((f2) => expect(f2).toContain("市财政局"));
    await app.press("j", "j", "j", KEYS.enter, "j", KEYS.enter);
    await app.until((f2) => expect(f2).toContain("单位:市财政局"));
    f = app.frame();
    expect(f).toContain("推进政府购买服务");
    expect(f).not.toContain("深化行政审批制度改革");
  });

  it("filters by status with the picker", async () => {
    const ds = fixture();
    const rows = await ds.progressRows({ taskId: chengduPlan.tasks[3]?.id });
    if (!rows.ok || !rows.value[0]) throw new Error("fixture has no rows for task 4");
    const row = rows.value[0];
    await ds.updateProgress({ itemId: row.itemId, unitId: row.unitId, patch: { status: "blocked" } });
    const app = renderApp({ ds });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("f");
    await app.until((f) => expect(f).toContain("[应用]"));
    await app.press("j", "j", KEYS.enter);
    await app.until((f) => expect(f).toContain("受阻 Blocked"));
    await app.press("j", "j", "j", "j", KEYS.enter);
    await app.until((f) => expect(selectedLine(f)).toMatch(/^>状态\s+受阻$/));
    await app.press("j", "j", "j", KEYS.enter);
    await app.until((f) => expect(f).toContain("状态:受阻"));
    expect(app.frame()).toContain("chengdu-2015/4");
    expect(app.frame()).not.toContain("chengdu-2015/1 ");
  });
});

describe("themes and counterparts (the four built-in plans)", () => {
  const builtIn = () => localTestSource([...builtInPlans]);

  it("filters tasks by a theme of the outline with the picker", async () => {
    const app = renderApp({ ds: builtIn() }, { columns: 100, rows: 30 });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("f");
    await app.until((f) => expect(f).toContain("[应用]"));
    await app.press("j", "j", "j", KEYS.enter);
    await app.until((f) => expect(f).toContain("突发事件应对体系"));
    // any, 政府机构职能体系, 依法行政制度体系, 行政决策制度体系, 行政执法工作体系, 突发事件应对体系
    await app.press("j", "j", "j", "j", "j", KEYS.enter);
    await app.until((f) => expect(selectedLine(f)).toMatch(/^>主题\s+突发事件应对体系$/));
    await app.press("j", "j", KEYS.enter);
    await app.until((f) => expect(f).toContain("主题:突发事件应对体系"));
    const expected = builtInPlans.flatMap((p) => p.tasks).filter((t) => t.themes.includes("emergency-response"));
    expect(expected.length).toBeGreaterThan(0);
    for (const task of expected) expect(app.frame()).toContain(task.id);
    expect(app.frame()).not.toContain("chengdu-2015/");
  });

  it("shows a task's counterparts in the other plans, and Enter opens one", async () => {
    const app = renderApp({ ds: builtIn(), root: { kind: "task", taskId: "chengdu-2015/9" as never } }, { columns: 100, rows: 40 });
    await app.until((f) => expect(f).toContain("chengdu-2015/9  全面落实重大行政决策法定程序"));
    await app.press("G");
    await app.until((f) => expect(f).toContain("其他规划中的对应任务"));
    expect(app.frame()).toMatch(/0\.94 {2}baotou-2016\/10 {2}全面落实重大行政决策法定程序/);
    expect(app.frame()).toContain("共同关键词: 重大行政决策程序");
    for (let i = 0; i < 60 && !selectedLine(app.frame())?.includes("baotou-2016/10"); i++) await app.press("k");
    expect(selectedLine(app.frame())).toContain("baotou-2016/10");
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("包头市“十三五”法治政府建设专项规划 › 10."));
    await app.press(KEYS.escape);
    await app.until((f) => expect(selectedLine(f)).toContain("baotou-2016/10"));
  });
});

describe("set status and notes", () => {
  async function openTask3(app: ReturnType<typeof renderApp>): Promise<void> {
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("/", "行政复议", KEYS.enter);
    await app.until((f) => expect(f).toContain("健全行政复议体制"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("chengdu-2015/3  健全行政复议体制"));
  }

  it("sets a status through the picker and shows it with its history", async () => {
    const ds = fixture();
    const app = renderApp({ ds });
    await openTask3(app);
    await app.press("s");
    await app.until((f) => expect(f).toContain("设置状态 · chengdu-2015/3#m1 · 市政府法制办"));
    expect(app.frame()).toContain("3  已完成  Done");
    expect(selectedLine(app.frame())).toContain("未开始");
    await app.press("j", KEYS.enter);
    await app.until((f) => expect(f).toContain("已保存:chengdu-2015/3#m1 市政府法制办 → 进行中"));
    await app.until((f) => expect(f).toMatch(/m1 +2016-12-31 市政府法制办\* +进行中/));
    await app.press("G");
    await app.until((f) => expect(f).toContain("tui m1 市政府法制办: 未开始 → 进行中"));
    expect((await ds.history())).toHaveLength(1);
    expect((await ds.history())[0]?.after.status).toBe("in_progress");
    expect((await ds.history())[0]?.before.status).toBe("not_started");
  });

  it("acts on the progress row under the cursor, and saves a note with n", async () => {
    const ds = fixture();
    const app = renderApp({ ds });
    await openTask3(app);
    // Move down to the second progress row (各区(市)县政府, m1).
    let guard = 0;
    while (!/m1 .*各区\(市\)县政府/.test(selectedLine(app.frame()) ?? "") && guard++ < 20) await app.press("j");
    expect(selectedLine(app.frame())).toContain("m1");
    await app.press("n");
    await app.until((f) => expect(f).toContain("进展说明 · chengdu-2015/3#m1 · 各区(市)县政府: ▏"));
    await app.press("已在3个区试点", KEYS.enter);
    await app.until((f) => expect(f).toContain("└ 已在3个区试点"));
    expect((await ds.history())[0]?.unitId).toBe("成都市:各区(市)县政府");
    expect((await ds.history())[0]?.after.note).toBe("已在3个区试点");
  });

  it("names the 责任人 of the progress row with p, shows it under the row, and clears it with an empty line", async () => {
    const ds = fixture();
    const app = renderApp({ ds });
    await openTask3(app);
    let guard = 0;
    while (!/m1 .*各区\(市\)县政府/.test(selectedLine(app.frame()) ?? "") && guard++ < 20) await app.press("j");
    await app.press("p");
    await app.until((f) => expect(f).toContain("责任人(姓名,职务,联系方式;留空表示未指定) · chengdu-2015/3#m1 · 各区(市)县政府: ▏"));
    await app.press("张伟，法规科科长，028-61881234", KEYS.enter);
    await app.until((f) => expect(f).toContain("└ 责任人: 张伟 · 法规科科长 · 028-61881234"));
    expect((await ds.history())[0]?.after.responsiblePerson).toEqual({ name: "张伟", post: "法规科科长", contact: "028-61881234" });
    // The prompt starts from the person named, so a change is an edit; all erased names no one.
    await app.press("p");
    await app.until((f) => expect(f).toContain(": 张伟，法规科科长，028-61881234▏"));
    for (let i = 0; i < 25; i++) await app.press(KEYS.backspace);
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).not.toContain("└ 责任人"));
    expect((await ds.history())[1]?.after.responsiblePerson).toBeNull();
  });

  it("lists the row's uploaded evidence files by name under it (read only)", async () => {
    const ds = fixture();
    const rows = await ds.progressRows({ taskId: chengduPlan.tasks[2]?.id });
    if (!rows.ok || !rows.value[0]) throw new Error("fixture has no rows for task 3");
    const row = rows.value[0];
    const stored = await (await ds.store()).evidenceFiles.put(new TextEncoder().encode("%PDF-1.4 复议决定书"));
    const file = { sha256: stored.sha256, name: "复议决定书.pdf", mediaType: "application/pdf" as const, size: stored.size };
    const saved = await ds.updateProgress({ itemId: row.itemId, unitId: row.unitId, patch: { evidence: [{ description: "决定书", url: null, file }, { description: "链接", url: "https://example.gov.cn/a" }] } });
    expect(saved.ok).toBe(true);
    const app = renderApp({ ds });
    await openTask3(app);
    await app.until((f) => expect(f).toContain("└ 佐证文件: 复议决定书.pdf"));
  });

  it("reports a stale version as a conflict and reloads", async () => {
    const ds = fixture();
    const app = renderApp({ ds });
    await openTask3(app);
    // Someone else writes the same row after the screen loaded.
    await ds.updateProgress({ itemId: "chengdu-2015/3#m1" as never, unitId: "成都市:市政府法制办" as never, patch: { status: "blocked" } });
    await app.press("s", "3");
    await app.until((f) => expect(f).toContain("他人已先修改(版本1)"));
    await app.until((f) => expect(f).toContain("受阻"));
    expect((await ds.history())).toHaveLength(1);
  });

  it("off a progress line, s takes an office's own unit's line", async () => {
    const ds = remoteTestSource([chengduPlan], { role: "office", unitId: "成都市:各区(市)县政府" as never, name: "区县" });
    const app = renderApp({ ds });
    await openTask3(app);
    await app.press("s");
    await app.until((f) => expect(f).toContain("设置状态 · chengdu-2015/3#m1 · 各区(市)县政府"));
  });

  it("refuses to open the picker when the token cannot write", async () => {
    const ds = remoteTestSource([chengduPlan], { role: "viewer" });
    const app = renderApp({ ds });
    await openTask3(app);
    await app.press("s");
    await app.until((f) => expect(f).toContain("只读:需要令牌才能修改"));
    expect((await ds.history())).toHaveLength(0);
  });
});

describe("help overlay", () => {
  it("lists every key and closes with ?", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("?");
    await app.until((f) => expect(f).toContain("帮助"));
    const f = app.frame();
    for (const key of ["↑ ↓  k j", "Enter → l", "Esc ← h", "g G", "PgUp PgDn", "/", "f", "s", "n", "?", "q"]) expect(f).toContain(key);
    expect(f).toContain("设置所选进展的状态");
    await app.press("?");
    await app.until((f2) => expect(f2).not.toContain("显示或关闭帮助"));
  });

  it("speaks English with lang en", async () => {
    const app = renderApp({ ds: fixture(), lang: "en" });
    await app.until((f) => expect(f).toContain("Tasks"));
    await app.press("?");
    await app.until((f) => expect(f).toContain("set the status of the selected progress"));
  });
});

describe("my checklist and deadlines", () => {
  it("shows a unit's checklist (2) and the overdue list (3)", async () => {
    const app = renderApp({ ds: fixture(), unit: "市审改办" });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("2");
    await app.until((f) => expect(f).toContain("我的清单 · 成都市 市委编办"));
    expect(app.frame()).toContain("2015-12-31");
    expect(app.frame()).toContain("逾期306天");
    await app.press("3");
    await app.until((f) => expect(f).toContain("逾期与临近到期 · 截至 2016-11-01"));
    expect(app.frame()).toContain("逾期 (6)");
    expect(app.frame()).toMatch(/2016-06-30 逾期124天 市委编办 +1\.m2 建立行政审批事项动态管理机制/);
  });
});

describe("errors", () => {

  it("shows an unreachable server as a message in the UI's language, not a crash", async () => {
    const ds = remoteTestSource([chengduPlan, hohhotPlan], { role: "admin" });
    ds.offline = true;
    const app = renderApp({ ds });
    await app.until((f) => expect(f).toContain("服务器 http://127.0.0.1:9 无响应"));
    expect(app.frame()).toContain("r 重试");
    // The data source's own words (English, technical) stay out of the Chinese UI.
    expect(app.frame()).not.toContain("does not answer");
    ds.offline = false;
    await app.press("r");
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
  });
});

describe("layout", () => {
  const bodyLines = (frame: string): string[] => frame.split("\n").slice(1, -1);

  it("keeps CJK columns aligned at 60 columns, and follows a resize", async () => {
    const app = renderApp({ ds: fixture() }, { columns: 100, rows: 24 });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("深化行政审批制度改革"));
    for (const l of app.frame().split("\n")) expect(displayWidth(l)).toBeLessThanOrEqual(99);

    app.resize(60, 20);
    await app.until((f) => expect(f.split("\n").every((l) => displayWidth(l) <= 59)).toBe(true));
    const frame = app.frame();
    expect(frame.split("\n")).toHaveLength(19);
    const taskLines = bodyLines(frame).filter((l) => /^[ >]\s+\d+ /.test(l));
    expect(taskLines.length).toBe(5);
    // Columns are as wide as what they hold (#16): here everything fits, so nothing in a row is cut;
    // the right-aligned 完成 column ends in the same cell on every row.
    for (const l of taskLines) expect(l).not.toContain("…");
    const percentEnds = taskLines.map((l) => displayWidth(l.slice(0, l.search(/(?:—|%)/) + 1)));
    expect(new Set(percentEnds).size).toBe(1);
    const leadStarts = taskLines.map((l) => displayWidth(l.slice(0, l.search(/市委编办|市财政局|市政府法制办/))));
    expect(new Set(leadStarts).size).toBe(1);
    // A title too long for the line is cut with an ellipsis rather than wrapped.
    expect(frame.split("\n")[0]).toContain("…");
  });

  it("stays within a tiny terminal (24×8) on every screen", async () => {
    const app = renderApp({ ds: fixture(), unit: "市委编办" }, { columns: 24, rows: 8 });
    const fits = (f: string): void => {
      for (const l of f.split("\n")) expect(displayWidth(l)).toBeLessThanOrEqual(23);
      expect(f.split("\n").length).toBeLessThanOrEqual(7);
    };
    await app.until((f) => expect(f).toContain(">"));
    fits(app.frame());
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("全部任务"));
    fits(app.frame());
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("序号"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("chengdu-2015/1"));
    fits(app.frame());
    for (const key of ["2", "3", "?"]) {
      await app.press(key);
      await app.until((f) => expect(f).not.toContain("加载中"));
      fits(app.frame());
    }
  });
});
