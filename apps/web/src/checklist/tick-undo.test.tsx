import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp, testApi } from "../test/render-app.js";
import { UNIT_SJ } from "../test/test-plan.js";

const M2 = "testville-2016/1#m2";
const T2 = "testville-2016/2#task";
const row = (label: string) => screen.getByRole("group", { name: label });

describe("tick, untick and undo", () => {
  it("unticking puts back the status and percent the tick replaced (进行中 60 %, not 进行中 100 %)", async () => {
    const user = userEvent.setup();
    const api = await testApi();
    await api.write("同事", M2, UNIT_SJ, { status: "in_progress", percent: 60 });
    await renderApp({ api, url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "标记为已完成：完成清理工作" }));
    await waitFor(async () => expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "done", percent: 100, version: 2 }));
    await within(row("完成清理工作")).findByText("✓ 已保存");
    await user.click(screen.getByRole("checkbox", { name: "标记为已完成：完成清理工作" }));
    await waitFor(async () => expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "in_progress", percent: 60, version: 3 }));
    expect(api.requests.filter((r) => r.method === "PATCH").at(-1)?.body).toEqual({ status: "in_progress", percent: 60 });
  });

  it("after a reload, unticking reads what preceded 已完成 from the history", async () => {
    const user = userEvent.setup();
    const api = await testApi();
    await api.write("同事", M2, UNIT_SJ, { status: "in_progress", percent: 60 });
    await api.write("同事", M2, UNIT_SJ, { status: "done", percent: 100 });
    await renderApp({ api, url: "/my", signedInAs: "sj" });
    const box = (await screen.findByRole("checkbox", { name: "标记为已完成：完成清理工作" })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(box);
    await waitFor(async () => expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "in_progress", percent: 60, version: 3 }));
  });

  it("offers 撤销 after a tick or a save, which puts back what the save replaced", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await user.click(await screen.findByRole("checkbox", { name: "标记为已完成：完成清理工作" }));
    const undo = await within(row("完成清理工作")).findByRole("button", { name: "撤销刚才的修改：完成清理工作" });
    expect((await api.current(M2, UNIT_SJ)).status).toBe("done");
    await user.click(undo);
    await waitFor(async () => expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "not_started", percent: 0, version: 2 }));
    expect(await within(row("完成清理工作")).findByText("✓ 已撤销")).toBeTruthy();
    expect(within(row("完成清理工作")).queryByRole("button", { name: /撤销/ })).toBeNull();
    // The focus stays in the row, on the tick box, rather than dropping to <body>.
    expect(document.activeElement).toBe(within(row("完成清理工作")).getByRole("checkbox", { name: "标记为已完成：完成清理工作" }));
  });

  it("saves a status chosen in the row's select only when confirmed (ArrowDown through options saves nothing)", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const select = (await within(await screen.findByRole("group", { name: "完成清理工作" })).findByLabelText("状态：完成清理工作")) as HTMLSelectElement;
    await user.selectOptions(select, "in_progress");
    await user.selectOptions(select, "done");
    await user.selectOptions(select, "blocked");
    expect(api.requests.some((r) => r.method === "PATCH")).toBe(false);
    expect(select.value).toBe("blocked");
    // Escape puts the select back; Enter (or 保存状态) saves it.
    select.focus();
    await user.keyboard("{Escape}");
    expect(select.value).toBe("not_started");
    await user.selectOptions(select, "blocked");
    select.focus();
    await user.keyboard("{Enter}");
    await waitFor(async () => expect(await api.current(M2, UNIT_SJ)).toMatchObject({ status: "blocked", version: 1 }));
    expect(api.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(document.activeElement).toBe(select);
  });

  it("says 状态与完成百分比不一致 when the editor's status and percent do not go together, sending nothing", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const r = await screen.findByRole("group", { name: "完成清理工作" });
    await user.click(within(r).getByRole("button", { name: "编辑：完成清理工作" }));
    const form = within(r).getByRole("form", { name: "编辑：完成清理工作" });
    await user.selectOptions(within(form).getByLabelText("状态", { selector: "select[id]" }), "done");
    // 已完成 brings 100 %; typing 10 makes the pair inconsistent.
    expect((within(form).getByLabelText("完成百分比") as HTMLInputElement).value).toBe("100");
    await user.clear(within(form).getByLabelText("完成百分比"));
    await user.type(within(form).getByLabelText("完成百分比"), "10");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    expect(within(form).getByRole("alert").textContent).toBe("状态与完成百分比不一致：“已完成”的完成百分比须为 100%。");
    expect(api.requests.some((q) => q.method === "PATCH")).toBe(false);
  });
});

describe("measured values", () => {
  it("says a number is needed for 人均42学时, and shows 达标 / 未达标 against the target", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const r = await screen.findByRole("group", { name: "健全行政应诉制度" });
    await within(r).findByText(/目标: 出庭应诉率不低于90%/);
    await user.click(within(r).getByRole("button", { name: "编辑：健全行政应诉制度" }));
    const form = within(r).getByRole("form", { name: "编辑：健全行政应诉制度" });
    await user.type(within(form).getByLabelText("实测数值"), "人均42学时");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    expect(within(form).getByRole("alert").textContent).toContain("实测数值须为一个数字");
    await user.clear(within(form).getByLabelText("实测数值"));
    await user.type(within(form).getByLabelText("实测数值"), "85");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    await waitFor(async () => expect((await api.current(T2, UNIT_SJ)).measuredValue?.value).toBe(85));
    expect(await within(r).findByText("未达标")).toBeTruthy();
    await user.click(within(r).getByRole("button", { name: "编辑：健全行政应诉制度" }));
    const again = within(r).getByRole("form", { name: "编辑：健全行政应诉制度" });
    await user.clear(within(again).getByLabelText("实测数值"));
    await user.type(within(again).getByLabelText("实测数值"), "93");
    await user.click(within(again).getByRole("button", { name: "保存" }));
    expect(await within(r).findByText("达标")).toBeTruthy();
  });
});
