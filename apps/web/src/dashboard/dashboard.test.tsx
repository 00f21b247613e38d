import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildTestPlan } from "@taizhang/core/testing";
import { UNIT_SJ, testPlan } from "../test/test-plan.js";
import { testApi, renderApp } from "../test/render-app.js";
import { monthsBetween } from "./timeline.js";
import { shade } from "./heat-map.js";

describe("dashboard", () => {
  it("draws the API's completion and overdue numbers as SVG with text, and the deadline timeline", async () => {
    const api = await testApi();
    await api.write("x", "testville-2016/1#m1", UNIT_SJ, { status: "done", percent: 100 });
    await renderApp({ api, url: "/dashboard" });
    const byPlan = await screen.findByRole("img", { name: "各规划完成情况" });
    // 9 (item, unit) rows: 1 done and 8 not started → 11.1 % by core's rollUp on the server side; 1 overdue.
    expect(byPlan.textContent).toContain("11.1% · ⚠1");
    expect(within(byPlan).getByText("测试市法治政府建设实施方案")).toBeTruthy();
    expect(await screen.findByRole("img", { name: "各板块完成情况" })).toBeTruthy();
    const heat = screen.getByRole("img", { name: "单位 × 规划 完成率" });
    expect(within(heat).getByText("市司法局")).toBeTruthy();
    expect(heat.textContent).toContain("25%");
    const timeline = screen.getByRole("img", { name: "时限时间轴" });
    expect(timeline.textContent).toContain("今天");
    expect(screen.getByRole("heading", { level: 3, name: "⚠ 已逾期 (1)" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "◷ 即将到期 (2)" })).toBeTruthy();
    // The legend names every status in words, not colour alone.
    expect(screen.getAllByRole("list", { name: "图例" })[0]?.textContent).toContain("已完成");
  });

  it("says why a plan's bar is empty: no units assigned yet, not 0 % done", async () => {
    const unassigned = buildTestPlan({
      id: "wudanwei-2016",
      title: "无单位县法治政府建设规划",
      jurisdiction: { name: "无单位县", level: "county", parent: null },
      period: { startYear: 2016, endYear: 2016 },
      sections: ["一"],
      tasks: [{ title: "健全依法决策机制", text: "健全依法决策机制。", section: 1 }],
    });
    await renderApp({ api: await testApi({ plans: [testPlan, unassigned] }), url: "/dashboard" });
    const byPlan = await screen.findByRole("img", { name: "各规划完成情况" });
    expect(byPlan.textContent).toContain("尚无事项：该规划还没有指定责任单位");
    expect(screen.getByText(/以下规划尚无可统计的事项.*无单位县法治政府建设规划/)).toBeTruthy();
  });

  it("buckets months across a year end and shades percentages in quarters", () => {
    expect(monthsBetween("2015-11-30", "2016-02-01")).toEqual(["2015-11", "2015-12", "2016-01", "2016-02"]);
    expect([0, 24.9, 25, 50, 99.9, 100].map(shade)).toEqual([0, 0, 1, 2, 3, 4]);
  });
});
