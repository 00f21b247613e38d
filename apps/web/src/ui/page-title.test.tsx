import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render-app.js";

describe("the tab's title names the page (issue 16: every tab was 台账 Taizhang)", () => {
  it("per section, per plan and per task, in the page's language", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/plans" });
    await waitFor(() => expect(document.title).toBe("规划文本 - 台账"));
    await user.click(await screen.findByRole("link", { name: "测试市法治政府建设实施方案" }));
    await waitFor(() => expect(document.title).toBe("测试市法治政府建设实施方案 - 台账"));
    await user.click((await screen.findAllByRole("link", { name: "深化行政审批制度改革" }))[0] as HTMLElement);
    await waitFor(() => expect(document.title).toMatch(/^\S+ 深化行政审批制度改革 - 台账$/));
    await user.click(screen.getByRole("button", { name: "Switch to English" }));
    await waitFor(() => expect(document.title).toMatch(/深化行政审批制度改革 - Taizhang$/));
    await user.click(screen.getByRole("link", { name: "Dashboard" }));
    await waitFor(() => expect(document.title).toBe("Dashboard - Taizhang"));
  });

  it("我的任务 names the unit", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    await screen.findByRole("heading", { level: 1, name: "我的任务 · 市司法局" });
    expect(document.title).toBe("我的任务 · 市司法局 - 台账");
  });

  it("an unknown page says so", async () => {
    await renderApp({ url: "/nowhere" });
    await screen.findByRole("heading", { level: 1, name: "页面不存在" });
    expect(document.title).toBe("页面不存在 - 台账");
  });
});
