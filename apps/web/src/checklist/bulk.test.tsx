import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render-app.js";
import { UNIT_SJ } from "../test/test-plan.js";

const M1 = "testville-2016/1#m1";
const M2 = "testville-2016/1#m2";
const bar = () => screen.queryByRole("region", { name: "批量设置状态" });

describe("bulk change", () => {
  it("selects only what is shown: a filter that hides selected rows unselects them, and 应用 never changes hidden rows", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "选择：公布行政审批事项目录" }));
    await user.click(screen.getByRole("checkbox", { name: "选择：完成清理工作" }));
    expect(within(bar() as HTMLElement).getByText("已选 2 项")).toBeTruthy();

    // 只看逾期: m1 stays, m2 goes out of view and out of the selection.
    const filters = screen.getByRole("search", { name: "筛选" });
    await user.click(within(filters).getByLabelText("只看逾期"));
    await waitFor(() => expect(within(bar() as HTMLElement).getByText("已选 1 项")).toBeTruthy());
    expect(screen.getByText("筛选已变更：已取消选择 1 个不再显示的事项。")).toBeTruthy();
    await user.selectOptions(within(bar() as HTMLElement).getByLabelText("批量设置状态"), "blocked");
    await user.click(within(bar() as HTMLElement).getByRole("button", { name: "应用" }));
    expect(await screen.findByText("已更新 1 项")).toBeTruthy();
    expect((await api.current(M1, UNIT_SJ)).status).toBe("blocked");
    expect((await api.current(M2, UNIT_SJ)).version).toBe(0);

    // A filter that shows nothing leaves nothing selected ("已选 2 项" beside "显示 0 / 4 项" was the bug).
    await user.click(screen.getByRole("checkbox", { name: "选择：公布行政审批事项目录" }));
    await user.selectOptions(within(filters).getByLabelText("状态"), "done");
    await waitFor(() => expect(bar()).toBeNull());
    await user.click(within(filters).getByRole("button", { name: "清除筛选" }));
    await screen.findByRole("checkbox", { name: "选择：公布行政审批事项目录" });
    expect(bar()).toBeNull();
  });

  it("shows, per refused row, their values and mine, and re-applies on their version only once I confirm that row", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "选择：公布行政审批事项目录" }));
    await user.click(screen.getByRole("checkbox", { name: "选择：完成清理工作" }));
    await api.write("市司法局 张科长", M2, UNIT_SJ, { status: "blocked", percent: 40, note: "经费未到位" });
    await user.selectOptions(within(bar() as HTMLElement).getByLabelText("批量设置状态"), "done");
    await user.click(within(bar() as HTMLElement).getByRole("button", { name: "应用" }));

    const conflicts = await screen.findByRole("region", { name: "以下事项已被他人更新，您的修改没有应用：" });
    const line = within(conflicts).getByText("完成清理工作").closest("li") as HTMLElement;
    expect(line.textContent).toContain("对方（市司法局 张科长）：受阻 40%");
    expect(line.textContent).toContain("您的修改：已完成");
    expect(line.textContent).toContain("经费未到位");
    // The refused row left the selection: 应用 again changes only the other one.
    expect(within(bar() as HTMLElement).getByText("已选 1 项")).toBeTruthy();
    await user.click(within(bar() as HTMLElement).getByRole("button", { name: "应用" }));
    expect(await screen.findByText("已更新 1 项")).toBeTruthy();
    expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "blocked", note: "经费未到位", version: 1 });
    expect((await api.current(M1, UNIT_SJ)).status).toBe("done");
  });

  it("after a conflict, a confirmed row is sent with the version shown in the conflict (a later change is a conflict again)", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "选择：完成清理工作" }));
    await api.write("同事", M2, UNIT_SJ, { status: "blocked", percent: 40 });
    await user.click(within(bar() as HTMLElement).getByRole("button", { name: "应用" }));
    const conflicts = await screen.findByRole("region", { name: "以下事项已被他人更新，您的修改没有应用：" });
    expect(bar()).toBeNull();
    await user.click(within(conflicts).getByRole("checkbox", { name: "确认在对方的最新内容上应用我的修改：完成清理工作" }));
    expect(within(bar() as HTMLElement).getByText("已选 1 项")).toBeTruthy();
    await user.click(within(bar() as HTMLElement).getByRole("button", { name: "应用" }));
    expect(await screen.findByText("已更新 1 项")).toBeTruthy();
    const sent = api.requests.filter((r) => r.method === "POST" && r.path.startsWith("/api/progress/bulk")).at(-1);
    expect(sent?.body).toEqual({ updates: [{ itemId: M2, unitId: UNIT_SJ, version: 1, patch: { status: "done", percent: 100 } }] });
    expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "done", percent: 100, version: 2 });
  });
});
