import { builtInPlans } from "@taizhang/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp, testApi } from "../test/render-app.js";

// The four real plans behind the real API: core's own search, themes and concordance.
const realPlans = () => testApi({ plans: structuredClone([...builtInPlans]) });

describe("search", () => {
  it("finds 行政复议 typed in traditional script, with highlighted titles and snippets, state in the URL", async () => {
    await renderApp({ api: await realPlans(), url: "/search?q=%E8%A1%8C%E6%94%BF%E5%BE%A9%E8%AD%B0" });
    expect(await screen.findByRole("heading", { level: 1, name: "搜索任务" })).toBeTruthy();
    const status = await screen.findByText(/^共 \d+ 条结果 · 第 1–\d+ 条$/);
    expect(status).toBeTruthy();
    const list = screen.getByRole("list", { name: "搜索结果" });
    const links = within(list).getAllByRole("link");
    expect(links.map((l) => l.getAttribute("href"))).toContain("/tasks/chengdu-2015/38");
    const marks = [...list.querySelectorAll("mark")].map((m) => m.textContent);
    expect(marks.length).toBeGreaterThan(5);
    expect(new Set(marks)).toEqual(new Set(["行政复议"]));
    expect((screen.getByLabelText("搜索") as HTMLInputElement).value).toBe("行政復議");
  });

  it("searches from the header box by pinyin initials, then narrows by theme and plan through the URL", async () => {
    const user = userEvent.setup();
    await renderApp({ api: await realPlans(), url: "/plans" });
    const box = await screen.findByRole("searchbox");
    await user.type(box, "xzfy{Enter}");
    await waitFor(() => expect(window.location.pathname).toBe("/search"));
    expect(new URLSearchParams(window.location.search).get("q")).toBe("xzfy");
    expect(await screen.findByText(/^共 6 条结果/)).toBeTruthy();

    await user.selectOptions(screen.getByLabelText("规划"), "chengdu-2015");
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("plan")).toBe("chengdu-2015"));
    expect(await screen.findByText(/^共 2 条结果/)).toBeTruthy();

    await user.selectOptions(screen.getByLabelText("主题"), "leadership-capacity");
    await waitFor(() => expect(new URLSearchParams(window.location.search).get("theme")).toBe("leadership-capacity"));
    // 加强行政复议应诉队伍建设 is about the team (能力建设); 加强行政复议工作 is not.
    await waitFor(() => expect(screen.getByText(/^共 1 条结果/)).toBeTruthy());
    const only = within(screen.getByRole("list", { name: "搜索结果" })).getByRole("link");
    expect(only.getAttribute("href")).toBe("/tasks/chengdu-2015/42");
    expect(only.textContent).toBe("42 加强行政复议应诉队伍建设");
  });

  it("says so when nothing matches", async () => {
    await renderApp({ api: await realPlans(), url: "/search?q=%E6%97%A0%E6%AD%A4%E8%AF%8D%E8%AF%AD" });
    expect(await screen.findByText("没有找到相关任务。")).toBeTruthy();
  });
});

describe("theme coverage", () => {
  it("shows themes × plans with counts in every cell; only the 2021 plan covers emergency response", async () => {
    await renderApp({ api: await realPlans(), url: "/themes" });
    const table = await screen.findByRole("table", { name: "主题 × 规划：任务数与完成率" });
    const row = within(table).getByRole("row", { name: /突发事件应对体系/ });
    const cells = within(row).getAllByRole("cell");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    const imColumn = headers.findIndex((h) => h?.includes("内蒙古自治区")) - 1;
    cells.slice(0, -1).forEach((cell, j) => expect(cell.textContent).toBe(j === imColumn ? "3 项" : "无"));
    expect(within(table).getByRole("rowheader", { name: "能力建设" }).closest("tr")?.className).toBe("sub-theme");
  });

  it("links each themes × plans cell to that theme's tasks of that plan", async () => {
    const user = userEvent.setup();
    await renderApp({ api: await realPlans(), url: "/themes" });
    const table = await screen.findByRole("table", { name: "主题 × 规划：任务数与完成率" });
    const row = within(table).getByRole("row", { name: /突发事件应对体系/ });
    const link = within(row).getByRole("link", { name: /突发事件应对体系：3 项任务/ });
    expect(link.getAttribute("href")).toMatch(/^\/search\?plan=[a-z0-9-]+&theme=/);
    await user.click(link);
    expect(await screen.findByText("共 3 条结果")).toBeTruthy();
    const results = screen.getByRole("list", { name: "搜索结果" });
    expect(within(results).getAllByRole("link")).toHaveLength(3);
  });

  it("speaks English", async () => {
    await renderApp({ api: await realPlans(), url: "/themes", lang: "en" });
    const table = await screen.findByRole("table", { name: "Themes × plans: tasks and completion" });
    expect(within(table).getByRole("rowheader", { name: "Emergency response" })).toBeTruthy();
  });
});

describe("counterparts on the task page", () => {
  it("lists Chengdu 9's counterparts in the other plans with similarity and shared terms", async () => {
    await renderApp({ api: await realPlans(), url: "/tasks/chengdu-2015/9" });
    expect(await screen.findByRole("heading", { level: 2, name: "其他规划中的对应任务" })).toBeTruthy();
    const section = screen.getByRole("heading", { level: 2, name: "其他规划中的对应任务" }).closest("section");
    if (!section) throw new Error("the counterparts heading is not in a section");
    const first = within(section).getAllByRole("row")[1];
    if (!first) throw new Error("no counterpart rows");
    expect(within(first).getByRole("link").getAttribute("href")).toBe("/tasks/baotou-2016/10");
    expect(first.textContent).toContain("0.94");
    expect(first.textContent).toContain("重大行政决策程序");
  });
});
