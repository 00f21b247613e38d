import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { UNIT_SJ } from "../test/test-plan.js";
import { renderApp } from "../test/render-app.js";

const M2 = "testville-2016/1#m2";
const T2 = "testville-2016/2#task";

async function openEditor(label: string) {
  const user = userEvent.setup();
  const row = await screen.findByRole("group", { name: label });
  await user.click(within(row).getByRole("button", { name: `编辑：${label}` }));
  const form = within(row).getByRole("form", { name: `编辑：${label}` });
  return { user, row, form };
}

describe("inline edit", () => {
  it("saves percent, note and evidence with If-Match and sends only what changed", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const { user, row, form } = await openEditor("完成清理工作");
    const percent = within(form).getByLabelText("完成百分比");
    await user.clear(percent);
    await user.type(percent, "40");
    await user.type(within(form).getByLabelText("进展说明"), "已完成一半清理");
    await user.click(within(form).getByRole("button", { name: "+ 添加佐证材料" }));
    await user.type(within(form).getByLabelText("说明"), "清理台账");
    await user.type(within(form).getByLabelText("链接（可选）"), "https://example.gov.cn/a");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    await waitFor(async () => expect((await api.current(M2, UNIT_SJ)).version).toBe(1));
    const patch = api.requests.find((r) => r.method === "PATCH");
    expect(patch?.headers["if-match"]).toBe('"0"');
    expect(patch?.body).toEqual({ percent: 40, note: "已完成一半清理", evidence: [{ description: "清理台账", url: "https://example.gov.cn/a" }] });
    expect(within(row).queryByRole("form")).toBeNull();
    expect(within(row).getByText("已完成一半清理")).toBeTruthy();
    expect(within(row).getByRole("link", { name: "清理台账" }).getAttribute("href")).toBe("https://example.gov.cn/a");
  });

  it("names a 责任人 (name, post, contact), shows it on the line, and clears it with an empty name", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const { user, row, form } = await openEditor("完成清理工作");
    await user.type(within(form).getByLabelText("姓名（留空表示未指定）"), "张伟");
    await user.type(within(form).getByLabelText("职务"), "法规科科长");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    await waitFor(async () => expect((await api.current(M2, UNIT_SJ)).version).toBe(1));
    expect(api.requests.find((r) => r.method === "PATCH")?.body).toEqual({ responsiblePerson: { name: "张伟", post: "法规科科长", contact: null } });
    expect(within(row).getByText("张伟（法规科科长）")).toBeTruthy();

    await user.click(within(row).getByRole("button", { name: "编辑：完成清理工作" }));
    const again = within(row).getByRole("form", { name: "编辑：完成清理工作" });
    await user.clear(within(again).getByLabelText("姓名（留空表示未指定）"));
    await user.click(within(again).getByRole("button", { name: "保存" }));
    await waitFor(async () => expect((await api.current(M2, UNIT_SJ)).version).toBe(2));
    expect((await api.current(M2, UNIT_SJ)).responsiblePerson).toBeNull();
    expect(within(row).queryByText("张伟（法规科科长）")).toBeNull();
  });

  it("records a measured value against the item's target", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    await screen.findByText(/目标: 出庭应诉率不低于90%/);
    const { user, form } = await openEditor("健全行政应诉制度");
    await user.type(within(form).getByLabelText("实测数值"), "93");
    expect((within(form).getByLabelText("计量单位") as HTMLInputElement).value).toBe("%");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    await waitFor(async () => expect((await api.current(T2, UNIT_SJ)).measuredValue).toEqual({ value: 93, unit: "%", asOf: null }));
    await waitFor(() => expect(screen.getByRole("group", { name: "健全行政应诉制度" }).textContent).toContain("实测值: 93%"));
  });

  it("refuses a percent over 100 before sending anything", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const { user, form } = await openEditor("完成清理工作");
    const percent = within(form).getByLabelText("完成百分比");
    await user.clear(percent);
    await user.type(percent, "140");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    expect(within(form).getByRole("alert").textContent).toContain("完成百分比");
    expect(api.requests.some((r) => r.method === "PATCH")).toBe(false);
  });

  it("on a stale version shows the newer value, keeps the change unsaved, and redoes it on request", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const { user, row, form } = await openEditor("完成清理工作");
    await user.type(within(form).getByLabelText("进展说明"), "我方说明");
    // Someone else saves first.
    await api.write("市司法局 另一位同事", M2, UNIT_SJ, { status: "blocked", note: "对方说明" });
    await user.click(within(form).getByRole("button", { name: "保存" }));

    const conflict = await within(row).findByRole("alert", { name: "该事项已被他人更新" });
    expect(within(conflict).getByText("对方说明")).toBeTruthy();
    expect(within(conflict).getByText("我方说明")).toBeTruthy();
    expect(within(conflict).getByText(/市司法局 另一位同事/)).toBeTruthy();
    // Nothing was overwritten, and the row already shows the newer state.
    expect(await api.current(M2, UNIT_SJ)).toMatchObject({ version: 1, note: "对方说明", status: "blocked" });
    expect(row.querySelector(".badge.status")?.textContent).toContain("受阻");

    await user.click(within(conflict).getByRole("button", { name: "在最新内容上重新提交我的修改" }));
    await waitFor(async () => expect(await api.current(M2, UNIT_SJ)).toMatchObject({ version: 2, note: "我方说明", status: "blocked" }));
    const last = api.requests.filter((r) => r.method === "PATCH").at(-1);
    expect(last?.headers["if-match"]).toBe('"1"');
    expect(within(row).queryByRole("alert")).toBeNull();
  });

  it("can discard the unsaved change after a conflict", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    const user = userEvent.setup();
    await api.write("同事", M2, UNIT_SJ, { status: "in_progress", percent: 30 });
    await user.selectOptions(within(row).getByLabelText("状态：完成清理工作"), "done");
    await user.click(within(row).getByRole("button", { name: "将状态改为“已完成”并保存：完成清理工作" }));
    const conflict = await within(row).findByRole("alert", { name: "该事项已被他人更新" });
    await user.click(within(conflict).getByRole("button", { name: "放弃我的修改" }));
    expect(within(row).queryByRole("alert")).toBeNull();
    expect(await api.current(M2, UNIT_SJ)).toMatchObject({ version: 1, status: "in_progress", percent: 30 });
    expect(row.querySelector(".badge.status")?.textContent).toContain("进行中");
  });

  it("says so when the API refuses another unit's item", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    // The token is revoked/replaced by another office's session behind the page's back.
    await api.signIn(api.tokens.cz);
    await userEvent.setup().click(within(row).getByRole("checkbox", { name: "标记为已完成：完成清理工作" }));
    expect(await within(row).findByText("无权修改该事项（只能修改本单位的事项）。")).toBeTruthy();
    expect((await api.current(M2, UNIT_SJ)).version).toBe(0);
  });
});

describe("inline edit by keyboard", () => {
  it("opens in its first field, closes with Escape and returns focus to the Edit button", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    const user = userEvent.setup();
    const edit = within(row).getByRole("button", { name: "编辑：完成清理工作" });
    edit.focus();
    await user.keyboard("{Enter}");
    expect(edit.getAttribute("aria-expanded")).toBe("true");
    expect(document.activeElement).toBe(within(row).getByLabelText("状态", { selector: "select[id]" }));
    await user.keyboard("{Escape}");
    expect(within(row).queryByRole("form")).toBeNull();
    expect(document.activeElement).toBe(edit);
  });
});
