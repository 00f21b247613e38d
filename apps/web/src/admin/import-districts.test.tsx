import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { testApi, renderApp, type WebTestApi } from "../test/render-app.js";
// Made-up plans of two sibling districts of 成都市 (the same offices, different 文号).
import JINJIANG from "./__fixtures__/chengdu-jinjiang-2024.txt?raw";
import WUHOU from "./__fixtures__/chengdu-wuhou-2024.txt?raw";

async function previewOf(text: string, given?: WebTestApi) {
  const api = given ?? (await testApi());
  const user = userEvent.setup();
  await renderApp({ api, url: "/admin", signedInAs: "admin" });
  const textarea = await screen.findByLabelText("规划全文");
  await user.click(textarea);
  await user.paste(text);
  await user.click(screen.getByRole("button", { name: "预览" }));
  await screen.findByRole("heading", { level: 4, name: "导入提示" });
  return { user, api };
}

describe("importing a district's plan", () => {
  it("previews the id, the jurisdiction and the units it would be stored with", async () => {
    await previewOf(JINJIANG);
    expect((screen.getByLabelText("规划标识") as HTMLInputElement).value).toBe("chengdu-jinjiang-2024");
    expect((screen.getByLabelText("行政区名称") as HTMLInputElement).value).toBe("锦江区");
    expect((screen.getByLabelText("层级") as HTMLSelectElement).value).toBe("county");
    expect((screen.getByLabelText("上级行政区") as HTMLInputElement).value).toBe("成都市");
    expect(screen.getByText("成都市锦江区:区司法局")).toBeTruthy();
    expect(screen.getByText(/成都市锦江区 \(县级/)).toBeTruthy();
  });

  it("stores it under the id and jurisdiction the admin set, after previewing them again", async () => {
    const { user, api } = await previewOf(JINJIANG);
    const id = screen.getByLabelText("规划标识");
    await user.clear(id);
    await user.type(id, "jinjiang-2024");
    expect(await screen.findByText("标识或行政区已修改，请重新预览后再导入。")).toBeTruthy();
    expect(screen.getByRole("button", { name: "确认导入" }).hasAttribute("disabled")).toBe(true);
    await user.click(screen.getByRole("button", { name: "预览" }));
    expect(await screen.findByText("jinjiang-2024", { selector: "code" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "确认导入" }));
    expect(await screen.findByText(/已导入/)).toBeTruthy();
    expect((await api.plans()).map((p) => p.id)).toContain("jinjiang-2024");
    const saved = api.requests.filter((r) => r.path === "/api/import?dryRun=false").at(-1);
    expect(saved?.body).toMatchObject({ id: "jinjiang-2024", jurisdiction: { name: "锦江区", level: "county", parent: "成都市" } });
  });

  it("replaces a stored plan whose title and 文号 differ only after a second, explicit step showing both", async () => {
    const api = await testApi();
    const { user } = await previewOf(JINJIANG, api);
    await user.click(screen.getByRole("button", { name: "确认导入" }));
    await screen.findByText(/已导入/);
    // 武侯区's text under 锦江区's id, with "update its text" ticked.
    const textarea = screen.getByLabelText("规划全文");
    await user.clear(textarea);
    await user.click(textarea);
    await user.paste(WUHOU);
    await user.click(screen.getByRole("button", { name: "预览" }));
    await screen.findByText("chengdu-wuhou-2024", { selector: "code" });
    const id = screen.getByLabelText("规划标识");
    await user.clear(id);
    await user.type(id, "chengdu-jinjiang-2024");
    await user.click(screen.getByRole("button", { name: "预览" }));
    expect(await screen.findByRole("heading", { level: 4, name: "已存在同一标识的规划" })).toBeTruthy();
    await user.click(screen.getByLabelText(/如已存在同一规划/));
    await user.click(screen.getByRole("button", { name: "确认导入" }));
    const dialog = await screen.findByRole("alertdialog", { name: "这是另一份规划吗？" });
    expect(within(dialog).getByText("锦府发〔2024〕3号")).toBeTruthy();
    expect(within(dialog).getByText("武府发〔2024〕5号")).toBeTruthy();
    expect((await api.plans()).find((p) => p.id === "chengdu-jinjiang-2024")?.documentNumber).toBe("锦府发〔2024〕3号");
    expect(api.requests.filter((r) => r.path.startsWith("/api/import?dryRun=false"))).toHaveLength(1);
    await user.click(within(dialog).getByRole("button", { name: "确认以新文本替换已保存的规划" }));
    expect(await screen.findByText(/已导入/)).toBeTruthy();
    expect((await api.plans()).find((p) => p.id === "chengdu-jinjiang-2024")?.documentNumber).toBe("武府发〔2024〕5号");
    expect(api.requests.filter((r) => r.path.startsWith("/api/import?dryRun=false")).at(-1)?.path).toBe("/api/import?dryRun=false&replace=true&replaceDifferent=true");
  });

  it("asks the admin to check a jurisdiction the importer is unsure of before storing", async () => {
    const { user } = await previewOf(JINJIANG.replaceAll("锦江区", "朝阳区").replaceAll("成都市", ""));
    expect(await screen.findByText(/无法确定/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "确认导入" }).hasAttribute("disabled")).toBe(true);
    await user.click(screen.getByLabelText("我已核对行政区"));
    expect(screen.getByRole("button", { name: "确认导入" }).hasAttribute("disabled")).toBe(false);
  });
});
