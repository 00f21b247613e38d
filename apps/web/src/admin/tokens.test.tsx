import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TaizhangClient } from "@taizhang/client";
import { TOKENS, renderApp } from "../test/render-app.js";
import { UNIT_SJ } from "../test/test-plan.js";

describe("admin: access tokens (issue 16)", () => {
  it("is closed to anyone but an admin", async () => {
    await renderApp({ url: "/admin/tokens", signedInAs: "sj" });
    expect(await screen.findByText("此页面需要管理员令牌。")).toBeTruthy();
    expect(document.title).toBe("访问令牌 - 台账");
  });

  it("lists tokens with holder, role, unit and times, and is linked from the admin page", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/admin", signedInAs: "admin" });
    await user.click(await screen.findByRole("link", { name: "管理访问令牌" }));
    expect(await screen.findByRole("heading", { level: 1, name: "访问令牌" })).toBeTruthy();
    const table = await screen.findByRole("table");
    const sj = within(table).getByRole("row", { name: new RegExp(TOKENS.sj.name) });
    expect(sj.textContent).toContain("责任单位");
    expect(sj.textContent).toContain("市司法局");
    expect(sj.textContent).toContain("从未使用");
    // The admin's own token is marked, and has been used (to sign in).
    const own = within(table).getByRole("row", { name: /admin.*当前使用/ });
    expect(own.textContent).not.toContain("从未使用");
  });

  it("creates a token for a named person, shows its secret once, and history names that person", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/admin/tokens", signedInAs: "admin" });
    await user.type(await screen.findByLabelText("持有人姓名"), "张三");
    expect(screen.getByLabelText("角色")).toHaveProperty("value", "office");
    const unit = screen.getByLabelText("所属单位");
    await waitFor(() => expect(within(unit).getAllByRole("option").length).toBeGreaterThan(1));
    await user.selectOptions(unit, UNIT_SJ);
    await user.click(screen.getByRole("button", { name: "生成令牌" }));
    expect(await screen.findByRole("heading", { name: "已为“张三”生成令牌" })).toBeTruthy();
    const secret = (screen.getByLabelText("新令牌") as HTMLInputElement).value;
    expect(secret.length).toBeGreaterThan(20);
    // The browser's clipboard, as the page sees it (user-event's stub reads back through jsdom's Blob, which the setup replaces).
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", { value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) }, configurable: true });
    await user.click(screen.getByRole("button", { name: "复制" }));
    expect(await screen.findByText("已复制")).toBeTruthy();
    expect(copied).toEqual([secret]);
    // The secret works, as an office token of 市司法局, and its changes are signed with the person's name.
    const client = new TaizhangClient({ baseUrl: "", token: secret, fetch: api.server.fetch });
    const me = await client.op.getSession();
    expect(me).toMatchObject({ signedIn: true, name: "张三", role: "office", unitId: UNIT_SJ });
    const row = (await client.op.unitChecklist({ params: { unitId: UNIT_SJ } })).items[0];
    if (!row) throw new Error("the test plan gives 市司法局 no item");
    await client.updateProgress(row.item.id, UNIT_SJ, { percent: 10 });
    const history = await client.op.listHistory({ query: { unitId: UNIT_SJ } });
    expect(history.items[0]?.actor).toBe("张三");
    // Closed, the secret is gone from the page; the list holds the new token.
    await user.click(screen.getByRole("button", { name: "我已复制，关闭" }));
    expect(screen.queryByDisplayValue(secret)).toBeNull();
    expect(await screen.findByRole("row", { name: /张三/ })).toBeTruthy();
  });

  it("revokes a token after a confirmation, and it stops working", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/admin/tokens", signedInAs: "admin" });
    const row = await screen.findByRole("row", { name: new RegExp(TOKENS.cz.name) });
    await user.click(within(row).getByRole("button", { name: `吊销“${TOKENS.cz.name}”的令牌` }));
    await user.click(within(row).getByRole("button", { name: "确定吊销" }));
    expect(await screen.findByText(`已吊销“${TOKENS.cz.name}”的令牌。`)).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("row", { name: new RegExp(TOKENS.cz.name) }).textContent).toMatch(/已于 .* 吊销/));
    const client = new TaizhangClient({ baseUrl: "", token: api.tokens.cz, fetch: api.server.fetch });
    await expect(client.op.getSession()).rejects.toMatchObject({ status: 401 });
  });

  it("says in words why a token cannot be made (no catalogue-less English)", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/admin/tokens", signedInAs: "admin" });
    await user.type(await screen.findByLabelText("持有人姓名"), "李四");
    await user.selectOptions(screen.getByLabelText("角色"), "viewer");
    // The admin's session ends (signed out in another tab) before the form is sent.
    await api.server.fetch("/api/session", { method: "DELETE", headers: { cookie: `taizhang_session=${api.sessionToken ?? ""}`, origin: "http://localhost" } });
    await user.click(screen.getByRole("button", { name: "生成令牌" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("登录已失效");
    expect(within(alert).getByRole("link", { name: "重新登录" }).getAttribute("href")).toBe("/sign-in?next=%2Fadmin%2Ftokens");
  });
});
