import { TaizhangApiError } from "@taizhang/client";
import { PROBLEM_CODES, fieldErrorsOf, problemType, type Problem } from "@taizhang/contract";
import { ProgressPatchSchema } from "@taizhang/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render-app.js";
import { UNIT_SJ } from "../test/test-plan.js";
import { en } from "./messages-en.js";
import { zh } from "./messages-zh.js";
import { fieldWords, problemText, problemWords } from "./problem-text.js";

const apiError = (status: number, code: string, extra: Partial<Problem> = {}) =>
  new TaizhangApiError(status, { type: `https://taizhang.dev/problems/${code}`, title: "t", status, detail: "some English detail", instance: "/x", requestId: "r", ...extra } as Problem);

/** The field errors the API would answer for a patch (the same fieldErrorsOf its validation hook uses). */
function errorsOf(patch: unknown) {
  const parsed = ProgressPatchSchema.safeParse(patch);
  if (parsed.success) throw new Error("the patch is valid");
  return fieldErrorsOf(parsed.error, "body");
}

describe("the problem catalogue (issue 16)", () => {
  it("names fields in words, entries by their number from 1", () => {
    expect(fieldWords(zh, "body.evidence.0.url")).toBe("佐证材料第1项的链接");
    expect(fieldWords(zh, "body.responsiblePerson.name")).toBe("责任人的姓名");
    expect(fieldWords(en, "body.evidence.2.description")).toBe("the description of evidence item 3");
  });

  it("says what is wrong from the issue's code, never the API's English", () => {
    const url = apiError(400, "validation-failed", { errors: errorsOf({ evidence: [{ description: "a", url: "not a url" }] }) });
    expect(problemText(zh, url)).toBe("佐证材料第1项的链接不是有效网址");
    expect(problemText(en, url)).toBe("The link of evidence item 1 is not a valid web address");
    expect(problemText(zh, apiError(400, "validation-failed", { errors: errorsOf({ note: "x".repeat(4001) }) }))).toBe("进展说明不能超过 4000 个字");
    expect(problemText(zh, apiError(400, "validation-failed", { errors: errorsOf({ percent: 150 }) }))).toBe("完成百分比不能大于 100");
    expect(problemText(zh, apiError(400, "validation-failed", { errors: errorsOf({ measuredValue: { value: "人均42学时", unit: "", asOf: null } }) }))).toBe("实测值的数值须为数字");
    expect(problemText(zh, apiError(409, "plan-exists"))).toContain("同一规划已经导入过");
    expect(problemText(zh, new TypeError("fetch failed"))).toBe("无法连接服务器，请检查网络后重试。");
  });

  it("has words for every problem code of the contract, in both languages", () => {
    for (const code of PROBLEM_CODES) {
      for (const m of [zh, en]) {
        const text = problemText(m, apiError(400, code));
        expect(text, code).not.toContain("English detail");
        expect(text, code).toBe(m.problems.codes[code]);
      }
      expect(problemType(code).endsWith(code)).toBe(true);
    }
  });

  it("asks to sign in again on a 401, not 无权修改", () => {
    expect(problemWords(zh, apiError(401, "unauthorized"))).toEqual({ text: "登录已失效，请重新登录。", signIn: true });
    expect(problemWords(zh, apiError(403, "forbidden")).signIn).toBe(false);
  });
});

describe("problems on the page", () => {
  it("a refused evidence link is shown in Chinese words, against the real API", async () => {
    await renderApp({ url: "/my", signedInAs: "sj" });
    const user = userEvent.setup();
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    await user.click(within(row).getByRole("button", { name: "编辑：完成清理工作" }));
    const form = within(row).getByRole("form", { name: "编辑：完成清理工作" });
    await user.click(within(form).getByRole("button", { name: "+ 添加佐证材料" }));
    await user.type(within(form).getByLabelText("说明"), "清理台账");
    await user.type(within(form).getByLabelText("链接（可选）"), "ftp//nowhere");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    const alert = await within(row).findByRole("alert");
    expect(alert.textContent).toBe("佐证材料第1项的链接不是有效网址");
  });

  it("a save after the session ended says 登录已失效 with a sign-in link back to the page", async () => {
    const { api } = await renderApp({ url: "/my", signedInAs: "sj" });
    const user = userEvent.setup();
    const row = await screen.findByRole("group", { name: "完成清理工作" });
    // Signed out in another tab: the session is gone on the server.
    await api.server.fetch("/api/session", { method: "DELETE", headers: { cookie: `taizhang_session=${api.sessionToken ?? ""}`, origin: "http://localhost" } });
    await user.click(within(row).getByRole("button", { name: "编辑：完成清理工作" }));
    const form = within(row).getByRole("form", { name: "编辑：完成清理工作" });
    await user.type(within(form).getByLabelText("进展说明"), "已部署");
    await user.click(within(form).getByRole("button", { name: "保存" }));
    const alert = await within(row).findByRole("alert");
    expect(alert.textContent).toContain("登录已失效");
    expect(alert.textContent).not.toContain("无权修改");
    expect(within(alert).getByRole("link", { name: "重新登录" }).getAttribute("href")).toBe("/sign-in?next=%2Fmy");
    await waitFor(async () => expect((await api.current("testville-2016/1#m2", UNIT_SJ)).version).toBe(0));
  });
});
