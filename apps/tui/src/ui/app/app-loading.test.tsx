import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { chengduPlan, hohhotPlan } from "../../test-support/fixture-plans.js";
import { gated } from "../../test-support/gated-data-source.js";
import { localTestSource, remoteTestSource } from "../../test-support/store-data-source.js";
import { KEYS, renderApp, selectedLine } from "../../test-support/render-app.js";

afterEach(() => cleanup());

const fixture = () => localTestSource([chengduPlan, hohhotPlan]);

describe("keys typed while a screen loads (#16)", () => {
  it("waits with keys typed before the data source first answers, then applies them in order", async () => {
    const gate = gated(fixture());
    const app = renderApp({ ds: gate.ds });
    app.stdin.write("j");
    app.stdin.write(KEYS.enter);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.frame()).toContain("加载中");
    gate.open();
    await app.until((f) => expect(f).toContain("台账 › 呼和浩特市人民政府"));
  });

  it("queues keys typed while an opened screen loads, against that screen once it is there", async () => {
    const gate = gated(fixture());
    gate.open();
    const app = renderApp({ ds: gate.ds });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    gate.close();
    // Enter opens the plan; j j j and Enter are typed while it loads: 全部任务 → 二、主要任务 → (一) → (二), then open it.
    for (const key of [KEYS.enter, "j", "j", "j", KEYS.enter]) app.stdin.write(key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.frame()).toContain("加载中");
    gate.open();
    await app.until((f) => expect(f).toContain("› (二)强化对行政权力的制约和监督"));
    expect(app.frame()).toContain("健全行政复议体制");
  });

  it("sends text typed ahead into the prompt it opened, and searches once the screen is ready", async () => {
    const gate = gated(fixture());
    const app = renderApp({ ds: gate.ds });
    app.stdin.write("/行政复议\r");
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.open();
    await app.until((f) => expect(f).toContain("搜索“行政复议”"));
    expect(app.frame()).toContain("健全行政复议体制");
  });

  it("holds keys typed after a write until the screen shows what was written", async () => {
    const gate = gated(fixture());
    gate.open();
    const app = renderApp({ ds: gate.ds, root: { kind: "task", taskId: "chengdu-2015/3" as never } });
    await app.until((f) => expect(f).toContain("chengdu-2015/3  健全行政复议体制"));
    gate.close();
    // s 2 saves 进行中; the second s comes before the save has answered: it must meet the new version, not a stale one.
    for (const key of ["s", "2", "s", "3"]) app.stdin.write(key);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.open();
    await app.until((f) => expect(f).toContain("已保存:chengdu-2015/3#m1 市政府法制办 → 已完成"));
    expect(app.frame()).not.toContain("他人已先修改");
  });
});

describe("a server that stops answering (#16)", () => {
  it("marks the stale screen offline, tries again by itself, and clears the mark when it answers", async () => {
    const ds = remoteTestSource([chengduPlan, hohhotPlan], { role: "admin" });
    const app = renderApp({ ds, retryMs: 100 });
    await app.until((f) => expect(f).toContain("成都市法治政府建设规划"));
    ds.offline = true;
    await app.press("r");
    await app.until((f) => expect(f.split("\n")[0]).toContain("[离线]"));
    // The list stays, marked as old; the footer says why and that it retries.
    expect(app.frame()).toContain("成都市法治政府建设规划");
    expect(app.frame()).toContain("离线:服务器 http://127.0.0.1:9 无响应");
    ds.offline = false;
    await app.until((f) => expect(f.split("\n")[0]).not.toContain("离线"));
    expect(selectedLine(app.frame())).toContain("成都市法治政府建设规划");
  });

  it("shows a screen that could not load at all in Chinese, with the retry", async () => {
    const ds = remoteTestSource([chengduPlan], { role: "admin" });
    ds.offline = true;
    const app = renderApp({ ds, retryMs: 60_000 });
    await app.until((f) => expect(f).toContain("服务器 http://127.0.0.1:9 无响应"));
    expect(app.frame()).toContain("r 重试  Esc 返回;每 60 秒自动重试");
    expect(app.frame()).not.toMatch(/does not answer|fetch failed/);
  });

  it("says it in English with lang en, from the same catalogue as the CLI", async () => {
    const ds = remoteTestSource([chengduPlan], { role: "admin" });
    ds.offline = true;
    const app = renderApp({ ds, retryMs: 60_000, lang: "en" });
    await app.until((f) => expect(f).toContain("The server at http://127.0.0.1:9 does not answer"));
    expect(app.frame()).not.toMatch(/fetch failed|ECONNREFUSED/);
  });
});
