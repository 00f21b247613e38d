import { NOTE_MAX_LENGTH } from "@taizhang/core";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp, testApi } from "../test/render-app.js";
import { UNIT_SJ } from "../test/test-plan.js";

const M2 = "testville-2016/1#m2";

describe("long notes and the printed 我的任务 (issue 16)", () => {
  it("prints 责任人 and 佐证材料 (with the link's address) for each line", async () => {
    const api = await testApi();
    await api.write("张伟", M2, UNIT_SJ, {
      responsiblePerson: { name: "张伟", post: "法规科科长", contact: null },
      evidence: [{ description: "清理台账", url: "https://example.gov.cn/a" }],
    });
    await renderApp({ api, url: "/my", signedInAs: "sj" });
    await screen.findByRole("group", { name: "完成清理工作" });
    await waitFor(() => {
      act(() => {
        window.dispatchEvent(new Event("beforeprint"));
      });
      expect(screen.getByRole("table")).toBeTruthy();
    });
    const table = screen.getByRole("table");
    const headers = within(table).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toContain("责任人");
    expect(headers).toContain("佐证材料");
    const line = within(table).getAllByRole("row").find((r) => r.textContent?.includes("完成清理工作"));
    const cells = within(line as HTMLElement).getAllByRole("cell").map((c) => c.textContent);
    expect(cells[headers.indexOf("责任人")]).toBe("张伟（法规科科长）");
    expect(cells[headers.indexOf("佐证材料")]).toBe("清理台账 https://example.gov.cn/a");
    act(() => {
      window.dispatchEvent(new Event("afterprint"));
    });
  });

  it("folds a long note to its start, with 展开 / 收起", async () => {
    const api = await testApi();
    const note = `第一段${"长".repeat(600)}末尾`;
    await api.write("张伟", M2, UNIT_SJ, { note });
    await renderApp({ api, url: "/my", signedInAs: "sj" });
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    expect(within(row).queryByText(note)).toBeNull();
    expect(within(row).getByText(/^第一段长+…$/)).toBeTruthy();
    const user = userEvent.setup();
    const unfold = within(row).getByRole("button", { name: `展开全文（${note.length} 字）` });
    expect(unfold.getAttribute("aria-expanded")).toBe("false");
    await user.click(unfold);
    expect(within(row).getByText(note)).toBeTruthy();
    await user.click(within(row).getByRole("button", { name: "收起" }));
    expect(within(row).queryByText(note)).toBeNull();
  });

  it("counts the note's characters near the core's limit", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    const user = userEvent.setup();
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    await user.click(within(row).getByRole("button", { name: "编辑：完成清理工作" }));
    const form = within(row).getByRole("form", { name: "编辑：完成清理工作" });
    const textarea = within(form).getByLabelText("进展说明") as HTMLTextAreaElement;
    expect(textarea.maxLength).toBe(NOTE_MAX_LENGTH);
    await user.type(textarea, "短");
    expect(within(form).queryByText(/已输入/)).toBeNull();
    await user.click(textarea);
    await user.paste("字".repeat(NOTE_MAX_LENGTH - 301));
    const count = within(form).getByText(`已输入 ${NOTE_MAX_LENGTH - 300} / ${NOTE_MAX_LENGTH} 字 · 还可输入 300 字`);
    expect(textarea.getAttribute("aria-describedby")).toBe(count.id);
    await user.paste("满".repeat(400));
    expect(within(form).getByText(`已输入 ${NOTE_MAX_LENGTH} / ${NOTE_MAX_LENGTH} 字 · 已达字数上限`)).toBeTruthy();
  });
});
