import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { EVIDENCE_SAMPLES } from "@taizhang/core/testing";
import { describe, expect, it } from "vitest";
import { UNIT_SJ } from "../test/test-plan.js";
import { renderApp } from "../test/render-app.js";

const M2 = "testville-2016/1#m2";

async function openEditor(label: string) {
  const user = userEvent.setup();
  const row = await screen.findByRole("group", { name: label });
  await user.click(within(row).getByRole("button", { name: `编辑：${label}` }));
  const form = within(row).getByRole("form", { name: `编辑：${label}` });
  return { user, row, form };
}

const fileOf = (bytes: Uint8Array, name: string, type: string) => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

describe("evidence files in the progress editor", () => {
  it("uploads a scan, lists it with a link, attaches it on save, and the line links the file", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const { user, row, form } = await openEditor("完成清理工作");
    await user.upload(within(form).getByLabelText("上传佐证文件（PDF、图片、OFD、Word、Excel）"), fileOf(EVIDENCE_SAMPLES.pdf(), "清理台账扫描件.pdf", "application/pdf"));
    expect((await within(form).findByRole("status")).textContent).toBe("已上传 清理台账扫描件.pdf，保存后附到本事项");
    const link = within(form).getByRole("link", { name: "清理台账扫描件.pdf" });
    expect(link.getAttribute("href")).toMatch(/^\/api\/progress\/testville-2016\/1\/m2\/.+\/evidence\/[0-9a-f]{64}$/);
    expect((within(form).getByLabelText("说明") as HTMLInputElement).value).toBe("清理台账扫描件");
    // Nothing is attached until the editor is saved.
    expect((await api.current(M2, UNIT_SJ)).evidence).toEqual([]);
    await user.click(within(form).getByRole("button", { name: "保存" }));
    await waitFor(async () => expect((await api.current(M2, UNIT_SJ)).version).toBe(1));
    const [evidence] = (await api.current(M2, UNIT_SJ)).evidence;
    expect(evidence).toMatchObject({ description: "清理台账扫描件", url: null, file: { name: "清理台账扫描件.pdf", mediaType: "application/pdf" } });
    const onLine = await within(row).findByRole("link", { name: "清理台账扫描件" });
    const href = onLine.getAttribute("href") ?? "";
    expect(href).toBe(link.getAttribute("href"));
    // The link serves the bytes to a reader of the row.
    const served = await api.server.fetch(href, {});
    expect(served.status, await served.clone().text()).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(EVIDENCE_SAMPLES.pdf()))).toBe(true);
  });

  it("says in words why a file is refused, and adds nothing to the draft", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const { user, form } = await openEditor("完成清理工作");
    await user.upload(within(form).getByLabelText("上传佐证文件（PDF、图片、OFD、Word、Excel）"), fileOf(EVIDENCE_SAMPLES.htmlAsPdf(), "伪装.pdf", "application/pdf"));
    expect((await within(form).findByRole("alert")).textContent).toBe("不支持此文件类型：仅接受 PDF、JPEG、PNG、WebP、OFD、Word（.docx）和 Excel（.xlsx），按文件内容判断");
    expect(within(form).queryByRole("link")).toBeNull();
    expect(api.requests.filter((r) => r.method === "POST" && r.path.endsWith("/evidence"))).toHaveLength(1);
  });
});
