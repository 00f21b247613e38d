import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { ChecklistItemId, UnitId } from "@taizhang/core";
import { chengduPlan, hohhotPlan } from "../../test-support/fixture-plans.js";
import { localTestSource } from "../../test-support/store-data-source.js";
import { KEYS, renderApp, selectedLine } from "../../test-support/render-app.js";

afterEach(() => cleanup());

const fixture = () => localTestSource([chengduPlan, hohhotPlan]);
const TASK3 = { kind: "task", taskId: "chengdu-2015/3" as never } as const;
const M1 = "chengdu-2015/3#m1" as ChecklistItemId;
const FAZHIBAN = "成都市:市政府法制办" as UnitId;

async function openTask3(app: ReturnType<typeof renderApp>): Promise<void> {
  await app.until((f) => expect(f).toContain("chengdu-2015/3  健全行政复议体制"));
}

describe("the progress note (n) keeps what is there (#16)", () => {
  it("starts from the current note, and an empty Enter cancels instead of erasing it", async () => {
    const ds = fixture();
    await ds.updateProgress({ itemId: M1, unitId: FAZHIBAN, patch: { status: "blocked", note: "等待编办批复" } });
    const app = renderApp({ ds, root: TASK3 });
    await openTask3(app);
    await app.press("n");
    await app.until((f) => expect(f).toContain("进展说明 · chengdu-2015/3#m1 · 市政府法制办: 等待编办批复▏"));
    for (let i = 0; i < 6; i++) await app.press(KEYS.backspace);
    await app.until((f) => expect(f).toContain("市政府法制办: ▏"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("进展说明为空,未保存"));
    expect((await ds.history())).toHaveLength(1);
    expect(app.frame()).toContain("└ 等待编办批复");
  });

  it("writes nothing when Enter leaves the note as it was", async () => {
    const ds = fixture();
    await ds.updateProgress({ itemId: M1, unitId: FAZHIBAN, patch: { note: "已试点" } });
    const app = renderApp({ ds, root: TASK3 });
    await openTask3(app);
    await app.press("n", KEYS.enter);
    await app.until((f) => expect(f).toContain("进展说明未改变,未保存"));
    expect((await ds.history())).toHaveLength(1);
  });

  it("keeps the typed note after a conflict, and n brings it back to apply again", async () => {
    const ds = fixture();
    const app = renderApp({ ds, root: TASK3 });
    await openTask3(app);
    await app.press("n", "已在3个区试点");
    // Someone else writes the same line while the note is being typed.
    await ds.updateProgress({ itemId: M1, unitId: FAZHIBAN, patch: { status: "blocked", note: "他人的说明" } });
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("他人已先修改(版本1),已刷新,请重试;你输入的内容已保留,按 n 继续编辑"));
    await app.until((f) => expect(f).toContain("└ 他人的说明"));
    await app.press("n");
    await app.until((f) => expect(f).toContain("市政府法制办: 已在3个区试点▏"));
    await app.press(KEYS.enter);
    await app.until((f) => expect(f).toContain("└ 已在3个区试点"));
    expect((await ds.history())).toHaveLength(2);
    expect((await ds.history())[1]?.before.note).toBe("他人的说明");
    expect((await ds.history())[1]?.after).toMatchObject({ note: "已在3个区试点", status: "blocked" });
  });

  it("shows note and 责任人 changes in the history, not only the status", async () => {
    const ds = fixture();
    await ds.updateProgress({ itemId: M1, unitId: FAZHIBAN, patch: { status: "blocked" } });
    const app = renderApp({ ds, root: TASK3 }, { columns: 100, rows: 60 });
    await openTask3(app);
    await app.press("n", "等待编办批复", KEYS.enter);
    await app.until((f) => expect(f).toContain("└ 等待编办批复"));
    await app.press("p", "张伟，法规科科长", KEYS.enter);
    await app.until((f) => expect(f).toContain("└ 责任人: 张伟 · 法规科科长"));
    const f = app.frame();
    expect(f).toMatch(/tui m1 市政府法制办: 进展说明: — → 等待编办批复/);
    expect(f).toMatch(/tui m1 市政府法制办: 责任人: — → 张伟\(法规科科长\)/);
    expect(f).toMatch(/tui m1 市政府法制办: 未开始 → 受阻/);
    // When, on a China clock, as the deadlines are China dates: the first write was at 04:00 UTC.
    expect(f).toContain("2016-11-01 12:00 tui m1 市政府法制办: 未开始 → 受阻");
  });
});

describe("percent complete (%)", () => {
  it("refuses numbers out of 0–100 and words with a message naming the field, keeps the text, and saves a good one", async () => {
    const ds = fixture();
    const app = renderApp({ ds, root: TASK3 });
    await openTask3(app);
    await app.press("%");
    await app.until((f) => expect(f).toContain("完成百分比(0–100) · chengdu-2015/3#m1 · 市政府法制办: 0▏"));
    await app.press(KEYS.backspace, "150", KEYS.enter);
    await app.until((f) => expect(f).toContain("完成百分比须在 0 到 100 之间,150 超出范围"));
    expect((await ds.history())).toHaveLength(0);
    // The next key goes back to the prompt, with what was typed.
    await app.press(KEYS.backspace);
    await app.until((f) => expect(f).toContain("市政府法制办: 15▏"));
    await app.press(KEYS.backspace, KEYS.backspace, "六十", KEYS.enter);
    await app.until((f) => expect(f).toContain("完成百分比须是 0 到 100 的整数,“六十”不是数字"));
    await app.press(KEYS.backspace, KEYS.backspace, "60", KEYS.enter);
    await app.until((f) => expect(f).toContain("已保存:chengdu-2015/3#m1 市政府法制办 · 完成百分比 60%"));
    // 60 % alone moves 未开始 to 进行中 (core's rule for status and percent, docs/progress.md).
    await app.until((f) => expect(f).toMatch(/m1 +2016-12-31 市政府法制办\* +进行中 +60/));
    expect((await ds.history())[0]?.after.percent).toBe(60);
  });

  it("speaks English with lang en", async () => {
    const app = renderApp({ ds: fixture(), root: TASK3, lang: "en" });
    await app.until((f) => expect(f).toContain("chengdu-2015/3  健全行政复议体制"));
    await app.press("%", KEYS.backspace, "1.5", KEYS.enter);
    await app.until((f) => expect(f).toContain("Percent complete must be a whole number from 0 to 100, not 1.5"));
  });
});

describe("whose line s takes (#16)", () => {
  it("off a progress line, takes the --unit's line, not the first one", async () => {
    const app = renderApp({ ds: fixture(), root: TASK3, unit: "各区(市)县政府" });
    await openTask3(app);
    expect(selectedLine(app.frame())).toContain("chengdu-2015/3  健全行政复议体制");
    await app.press("s");
    await app.until((f) => expect(f).toContain("设置状态 · chengdu-2015/3#m1 · 各区(市)县政府"));
  });

  it("says so when the task has no line of my unit, rather than taking another office's", async () => {
    const ds = fixture();
    const app = renderApp({ ds, root: TASK3, unit: "市财政局" });
    await openTask3(app);
    await app.press("s");
    await app.until((f) => expect(f).toContain("此处没有 市财政局 的进展行"));
    expect(app.frame()).not.toContain("设置状态");
  });
});

describe("my checklist without --unit (#16)", () => {
  it("2 opens a unit picker that narrows as one types, and Enter shows that unit's checklist", async () => {
    const app = renderApp({ ds: fixture() });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("2");
    await app.until((f) => expect(f).toContain("选择单位(我的清单)"));
    await app.until((f) => expect(f).toContain("(6/6)"));
    // Letters are text here: j and k narrow the list rather than move.
    await app.press("审改");
    await app.until((f) => expect(f).toContain("(1/6)"));
    expect(selectedLine(app.frame())).toContain("成都市 市委编办 (市审改办)");
    await app.press(KEYS.backspace, KEYS.backspace, "各", KEYS.down, KEYS.enter);
    await app.until((f) => expect(f).toContain("我的清单 · 成都市 市政府各部门"));
    // The unit chosen stays mine: 1 then 2 comes back to it without asking.
    await app.press("1");
    await app.until((f) => expect(f).toContain("台账 › 规划"));
    await app.press("2");
    await app.until((f) => expect(f).toContain("我的清单 · 成都市 市政府各部门"));
  });

  it("says in Chinese that --unit names no unit, and u picks one", async () => {
    const app = renderApp({ ds: fixture(), unit: "不存在的办" });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    await app.press("2");
    await app.until((f) => expect(f).toContain("没有名为“不存在的办”的单位;按 u 选择单位"));
    expect(app.frame()).not.toContain("no unit named");
    await app.press("u", "法制", KEYS.enter);
    await app.until((f) => expect(f).toContain("我的清单 · 成都市 市政府法制办"));
  });
});
