import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render-app.js";

const items = () => screen.queryAllByRole("group").map((g) => g.getAttribute("data-item"));

describe("filters ↔ URL", () => {
  it("reads the filters from the URL on load and shows them in the controls", async () => {
    await renderApp({ url: "/my?overdue=1&role=lead", signedInAs: "sj" });
    await screen.findByRole("heading", { level: 1, name: "我的任务 · 市司法局" });
    expect(items()).toEqual(["testville-2016/1#m1"]);
    const search = screen.getByRole("search", { name: "筛选" });
    expect((within(search).getByLabelText("只看逾期") as HTMLInputElement).checked).toBe(true);
    expect((within(search).getByLabelText("职责") as HTMLSelectElement).value).toBe("lead");
    expect(screen.getByText("显示 1 / 4 项")).toBeTruthy();
  });

  it("writes every control into the URL, and Back restores the previous view", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/my", signedInAs: "sj" });
    const search = await screen.findByRole("search", { name: "筛选" });
    expect(items()).toHaveLength(4);

    await user.selectOptions(within(search).getByLabelText("职责"), "responsible");
    expect(window.location.search).toBe("?role=responsible");
    expect(items()).toEqual(["testville-2016/2#task"]);

    await user.selectOptions(within(search).getByLabelText("职责"), "");
    expect(window.location.search).toBe("");
    // Free text matches the task's title and full text: all three items of task 1.
    await user.type(within(search).getByLabelText("搜索"), "审批");
    expect(window.location.search).toBe(`?q=${encodeURIComponent("审批")}`);
    await waitFor(() => expect(items()).toEqual(["testville-2016/1#m1", "testville-2016/1#m2", "testville-2016/1#task"]));

    await user.type(within(search).getByLabelText("到期天数内"), "20");
    expect(window.location.search).toBe(`?within=20&q=${encodeURIComponent("审批")}`);
    // Due within 20 days: m2 (15 days left); m1 is overdue, not "due within".
    expect(items()).toEqual(["testville-2016/1#m2"]);

    await user.selectOptions(within(search).getByLabelText("状态"), "not_started");
    expect(window.location.search).toBe(`?status=not_started&within=20&q=${encodeURIComponent("审批")}`);

    await user.click(within(search).getByRole("button", { name: "清除筛选" }));
    expect(window.location.search).toBe("");
    expect(items()).toHaveLength(4);

    window.history.back();
    await waitFor(() => expect(window.location.search).toContain("status=not_started"));
    await waitFor(() => expect((within(search).getByLabelText("状态") as HTMLSelectElement).value).toBe("not_started"));
    expect((within(search).getByLabelText("搜索") as HTMLInputElement).value).toBe("审批");
    await waitFor(() => expect(items()).toEqual(["testville-2016/1#m2"]));
  });

  it("finds tasks through the API's search, so traditional input matches simplified text", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/my", signedInAs: "sj" });
    const search = await screen.findByRole("search", { name: "筛选" });
    await user.type(within(search).getByLabelText("搜索"), "行政應訴");
    await waitFor(() => expect(items()).toEqual(["testville-2016/2#task"]));
  });

  it("is the header's search: pinyin initials, full pinyin and -exclusion find what /api/search finds", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const search = await screen.findByRole("search", { name: "筛选" });
    const box = within(search).getByLabelText("搜索");
    for (const [q, expected] of [
      ["xzsp", ["testville-2016/1#m1", "testville-2016/1#m2", "testville-2016/1#task"]],
      ["xingzhengshenpi", ["testville-2016/1#m1", "testville-2016/1#m2", "testville-2016/1#task"]],
      ["-审批", ["testville-2016/2#task"]],
    ] as const) {
      await user.clear(box);
      await user.type(box, q);
      await waitFor(() => expect(items()).toEqual(expected));
      // The same as the header search's answer.
      const hits = await api.admin().op.search({ query: { q } });
      const found = new Set(hits.hits.map((h) => h.taskId as string));
      expect(expected.every((id) => found.has(id.split("#")[0] as string))).toBe(true);
    }
  });

  it("says so when nothing matches", async () => {
    await renderApp({ url: "/my?status=blocked", signedInAs: "sj" });
    expect(await screen.findByText("没有符合条件的事项。")).toBeTruthy();
  });
});
