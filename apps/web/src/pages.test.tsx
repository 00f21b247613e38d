import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { UNIT_SJ } from "./test/test-plan.js";
import { testApi, renderApp } from "./test/render-app.js";

describe("sign in and out", () => {
  it("signs in with a token, lands on 我的任务, and signs out", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/sign-in" });
    await user.type(screen.getByLabelText("访问令牌"), api.tokens.sj);
    await user.click(screen.getByRole("button", { name: "登录" }));
    expect(await screen.findByRole("heading", { level: 1, name: "我的任务 · 市司法局" })).toBeTruthy();
    expect(window.location.pathname).toBe("/my");
    // The token went to the session endpoint, not into the URL or storage.
    expect(window.location.href).not.toContain(api.tokens.sj);
    expect(window.sessionStorage.length).toBe(0);
    // The cookie holds a server-side session id, never the token itself (issue 14).
    expect(api.sessionToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(api.sessionToken).not.toBe(api.tokens.sj);
    await user.click(screen.getByRole("button", { name: "退出" }));
    await waitFor(() => expect(window.location.pathname).toBe("/plans"));
    expect(api.sessionToken).toBeNull();
    expect(screen.getAllByRole("link", { name: "登录" }).length).toBeGreaterThan(0);
  });

  it("says so when the token is wrong", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/sign-in" });
    await user.type(screen.getByLabelText("访问令牌"), "wrong");
    await user.click(screen.getByRole("button", { name: "登录" }));
    expect((await screen.findByRole("alert")).textContent).toBe("令牌无效或已吊销。");
  });
});

describe("plans, read-only", () => {
  it("lists the plans and shows one as a document with parts, sections and tasks, signed out", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/plans" });
    await user.click(await screen.findByRole("link", { name: "测试市法治政府建设实施方案" }));
    expect(await screen.findByRole("heading", { level: 1, name: "测试市法治政府建设实施方案" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "二、主要任务" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "(一)依法全面履行政府职能" })).toBeTruthy();
    expect(screen.getByText("全面推进依法行政。")).toBeTruthy();
    expect(screen.getAllByRole("link", { name: "深化行政审批制度改革" }).length).toBeGreaterThan(0);
    // Nothing on the page can change anything.
    expect(screen.queryByRole("checkbox")).toBeNull();
    expect(screen.queryByRole("textbox")).toBeNull();
    // The print ledger is there for printing: one row per task.
    const ledger = screen.getByRole("table");
    expect(within(ledger).getAllByRole("row")).toHaveLength(1 + 3);
    expect(within(ledger).getAllByText("市司法局")).toHaveLength(2);
    // Due dates: the milestones', then the whole task's from the API's checklist.
    expect(within(ledger).getAllByRole("row")[1]?.textContent).toContain("2016/03/312016/06/302016/12/31");
  });
});

describe("task page", () => {
  it("shows the full text, milestones, units, every unit's progress and the history", async () => {
    const api = await testApi();
    await api.write("市财政局 office token", "testville-2016/1#m1", "测试市:市财政局", { status: "in_progress", percent: 50, note: "财政已拨款" });
    await api.write("市司法局 office token", "testville-2016/1#m1", UNIT_SJ, { status: "done", percent: 100 });
    await renderApp({ api, url: "/tasks/testville-2016/1" });
    expect(await screen.findByRole("heading", { level: 1, name: "1 深化行政审批制度改革" })).toBeTruthy();
    expect(screen.getByText("2016年3月底前公布行政审批事项目录。2016年6月底前完成清理工作。")).toBeTruthy();
    expect(screen.getByText(/2016年3月底前公佈行政審批事項目錄/)).toBeTruthy();
    const units = screen.getByRole("heading", { level: 2, name: "责任分工" }).parentElement as HTMLElement;
    expect(within(units).getByText("市司法局")).toBeTruthy();
    expect(within(units).getByText("市财政局")).toBeTruthy();
    const progress = screen.getByRole("heading", { level: 2, name: "各单位进展" }).parentElement as HTMLElement;
    // 3 items × 2 units.
    expect(within(progress).getAllByRole("row")).toHaveLength(1 + 6);
    expect(within(progress).getByText("财政已拨款")).toBeTruthy();
    const history = screen.getByRole("heading", { level: 2, name: "变更记录" }).parentElement as HTMLElement;
    const rows = within(history).getAllByRole("row");
    expect(rows).toHaveLength(1 + 2);
    // Newest first: 市司法局's change to done.
    expect(rows[1]?.textContent).toContain("状态：未开始 → 已完成");
    expect(rows[2]?.textContent).toContain("进展说明：— → 财政已拨款");
    // One request for the task's whole history, not one per item.
    expect(api.requests.filter((r) => r.path.startsWith("/api/history?")).map((r) => r.path)).toEqual([
      `/api/history?taskId=${encodeURIComponent("testville-2016/1")}&limit=500`,
    ]);
  });
});

describe("routing", () => {
  it("shows a not-found page for unknown paths", async () => {
    await renderApp({ url: "/nowhere" });
    expect(await screen.findByRole("heading", { name: "页面不存在" })).toBeTruthy();
  });
});

describe("task page, signed in", () => {
  it("lets the office record its own lines there, and no one else's", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/tasks/testville-2016/1", signedInAs: "cz" });
    const mine = (await screen.findByRole("heading", { level: 2, name: "我的任务" })).parentElement as HTMLElement;
    expect(within(mine).getAllByRole("group").map((g) => g.getAttribute("data-unit"))).toEqual(["测试市:市财政局", "测试市:市财政局", "测试市:市财政局"]);
    await user.click(within(mine).getByRole("checkbox", { name: "标记为已完成：完成清理工作" }));
    await waitFor(async () => expect((await api.current("testville-2016/1#m2", "测试市:市财政局")).status).toBe("done"));
    expect((await api.current("testville-2016/1#m2", UNIT_SJ)).status).toBe("not_started");
    const progress = screen.getByRole("heading", { level: 2, name: "各单位进展" }).parentElement as HTMLElement;
    // The table of every unit's progress follows the change: 市财政局's 节点 2 is done, 市司法局's is not.
    const rows = within(progress).getAllByRole("row").map((r) => r.textContent ?? "");
    expect(rows.filter((t) => t.includes("节点 2") && t.includes("市财政局") && t.includes("已完成"))).toHaveLength(1);
    expect(rows.filter((t) => t.includes("节点 2") && t.includes("市司法局") && t.includes("未开始"))).toHaveLength(1);
  });
});

describe("ledger downloads", () => {
  it("offers the unit's ledger as Excel and CSV on 我的任务, and a plan's on its page", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    const xlsx = await screen.findByRole("link", { name: "下载台账（Excel）" });
    const params = new URL(xlsx.getAttribute("href") ?? "", "http://x").searchParams;
    expect(Object.fromEntries(params)).toEqual({ unitId: UNIT_SJ, format: "xlsx", lang: "zh" });
    expect(xlsx.hasAttribute("download")).toBe(true);
    expect(new URL(screen.getByRole("link", { name: "下载 CSV" }).getAttribute("href") ?? "", "http://x").searchParams.get("format")).toBe("csv");
    const history = new URL(screen.getByRole("link", { name: "下载变更记录" }).getAttribute("href") ?? "", "http://x").searchParams;
    expect(Object.fromEntries(history)).toEqual({ unitId: UNIT_SJ, format: "xlsx", lang: "zh", history: "only" });
    // An office may bring the filled-in ledger back.
    expect(screen.getByRole("link", { name: "上传已填写的台账" }).getAttribute("href")).toBe("/ledger/import");
  });

  it("on a plan's page, for the plan", async () => {
    await renderApp({ url: "/plans/testville-2016" });
    const xlsx = await screen.findByRole("link", { name: "下载台账（Excel）" });
    expect(new URL(xlsx.getAttribute("href") ?? "", "http://x").searchParams.get("planId")).toBe("testville-2016");
  });
});
