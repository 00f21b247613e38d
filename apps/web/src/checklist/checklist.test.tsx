import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render-app.js";

const M1 = "testville-2016/1#m1";

function row(label: string): HTMLElement {
  return screen.getByRole("group", { name: label });
}

describe("我的任务", () => {
  it("asks a signed-out visitor to sign in", async () => {
    await renderApp({ url: "/my" });
    expect(await screen.findByText("请先以责任单位的令牌登录，查看本单位的任务。")).toBeTruthy();
    expect(screen.getAllByRole("link", { name: "登录" }).length).toBeGreaterThan(0);
  });

  it("lists exactly the office's items grouped plan → section → task, lead apart from responsible", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    const heading = await screen.findByRole("heading", { level: 2, name: "测试市法治政府建设实施方案" });
    expect(heading).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "依法全面履行政府职能" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 3, name: "强化对行政权力的制约和监督" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 4, name: /深化行政审批制度改革/ })).toBeTruthy();
    // 市司法局 leads task 1 (two milestones + the whole task) and is responsible for task 2; task 3 is not its.
    const items = screen.getAllByRole("group");
    expect(items.map((g) => g.getAttribute("data-item"))).toEqual([M1, "testville-2016/1#m2", "testville-2016/1#task", "testville-2016/2#task"]);
    expect(screen.queryByText("推进政务公开")).toBeNull();
    expect(within(row("公布行政审批事项目录")).getByText("牵头")).toBeTruthy();
    expect(within(row("健全行政应诉制度")).getByText("责任")).toBeTruthy();
    // Headings come before their items in document order.
    const order = [heading, screen.getByRole("heading", { level: 3, name: "依法全面履行政府职能" }), row("公布行政审批事项目录")];
    expect(order[0]?.compareDocumentPosition(order[1] as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(order[1]?.compareDocumentPosition(order[2] as Node)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });

  it("shows due dates with days left or overdue as text, judged by core as of today", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    const overdue = await screen.findByRole("group", { name: "公布行政审批事项目录" });
    expect(within(overdue).getByText("逾期 76 天")).toBeTruthy();
    expect(overdue.className).toContain("overdue");
    expect(within(row("完成清理工作")).getByText("剩余 15 天")).toBeTruthy();
    expect(row("完成清理工作").querySelector(".badge.status")?.textContent).toContain("未开始");
    // The target and the (not yet) measured value.
    expect(await within(row("健全行政应诉制度")).findByText(/目标: 出庭应诉率不低于90%/)).toBeTruthy();
  });

  it("ticks an item done through the API with its version, and shows it saved", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const box = await screen.findByRole("checkbox", { name: "标记为已完成：公布行政审批事项目录" });
    await user.click(box);
    await waitFor(async () => expect((await api.current(M1, "测试市:市司法局")).status).toBe("done"));
    const patch = api.requests.find((r) => r.method === "PATCH");
    expect(patch?.headers["if-match"]).toBe('"0"');
    expect(patch?.body).toEqual({ status: "done", percent: 100 });
    expect(await within(row("公布行政审批事项目录")).findByText("✓ 已保存")).toBeTruthy();
    expect(row("公布行政审批事项目录").querySelector(".badge.status")?.textContent).toContain("已完成");
    // Closed: no more days overdue, and no longer marked as overdue.
    expect(within(row("公布行政审批事项目录")).queryByText(/逾期/)).toBeNull();
    expect(row("公布行政审批事项目录").className).not.toContain("overdue");
    expect((box as HTMLInputElement).checked).toBe(true);
  });

  it("lets an admin open any unit's list", async () => {
    await renderApp({ url: "/my?unit=%E6%B5%8B%E8%AF%95%E5%B8%82%3A%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%80", signedInAs: "admin" });
    expect(await screen.findByRole("heading", { level: 1, name: "我的任务 · 市财政局" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 4, name: /推进政务公开/ })).toBeTruthy();
  });

  it("changes the status of many selected items at once", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "选择：公布行政审批事项目录" }));
    await user.click(screen.getByRole("checkbox", { name: "选择：完成清理工作" }));
    const bar = screen.getByRole("region", { name: "批量设置状态" });
    expect(within(bar).getByText("已选 2 项")).toBeTruthy();
    await user.selectOptions(within(bar).getByLabelText("批量设置状态"), "in_progress");
    await user.click(within(bar).getByRole("button", { name: "应用" }));
    expect(await screen.findByText("已更新 2 项")).toBeTruthy();
    expect((await api.current(M1, "测试市:市司法局")).status).toBe("in_progress");
    expect((await api.current("testville-2016/1#m2", "测试市:市司法局")).status).toBe("in_progress");
    expect((await api.current("testville-2016/1#task", "测试市:市司法局")).status).toBe("not_started");
  });

  it("applies no part of a bulk change when one item is stale, and shows the newer state", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "选择：公布行政审批事项目录" }));
    await user.click(screen.getByRole("checkbox", { name: "选择：完成清理工作" }));
    await api.write("someone else", "testville-2016/1#m2", "测试市:市司法局", { status: "blocked", note: "经费未到位" });
    await user.click(screen.getByRole("button", { name: "应用" }));
    expect(await screen.findByText("批量更新未执行（全部或全不）：")).toBeTruthy();
    const conflicts = screen.getByRole("region", { name: "以下事项已被他人更新，您的修改没有应用：" });
    expect(within(conflicts).getByText("完成清理工作")).toBeTruthy();
    expect(within(conflicts).queryByText("公布行政审批事项目录")).toBeNull();
    expect((await api.current(M1, "测试市:市司法局")).version).toBe(0);
    expect(within(row("完成清理工作")).getByText("经费未到位")).toBeTruthy();
  });

  it("swaps the list for the full ledger table while printing, with the filters applied", async () => {
    await renderApp({ url: "/my?role=lead", signedInAs: "sj" });
    await screen.findByRole("group", { name: "公布行政审批事项目录" });
    expect(screen.queryByRole("table")).toBeNull();
    // React runs the effect that listens for printing after the list paints; under load that can come later
    // than the list itself, so the event is sent until the page answers it.
    await waitFor(() => {
      act(() => {
        window.dispatchEvent(new Event("beforeprint"));
      });
      expect(screen.getByRole("table")).toBeTruthy();
    });
    const table = screen.getByRole("table");
    expect(within(table).getByText("我的任务 · 市司法局")).toBeTruthy();
    const rows = within(table).getAllByRole("row").map((r) => r.textContent ?? "");
    // Header, plan, section, task, three lead items of task 1; task 2 (responsible) is filtered out.
    expect(rows).toHaveLength(1 + 3 + 3);
    expect(rows.some((r) => r.includes("健全行政应诉制度"))).toBe(false);
    expect(rows.find((r) => r.includes("公布行政审批事项目录"))).toContain("逾期 76 天");
    act(() => {
      window.dispatchEvent(new Event("afterprint"));
    });
    expect(screen.queryByRole("table")).toBeNull();
  });
});
