import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/render-app.js";
import { en } from "./messages-en.js";
import { zh } from "./messages-zh.js";

/** Every leaf of a message table, as "path" → value. */
function leaves(table: object, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(table)) {
    if (value && typeof value === "object") for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, value);
  }
  return out;
}

describe("i18n", () => {
  it("has the same keys in both languages and a real translation for each", () => {
    const z = leaves(zh);
    const e = leaves(en);
    expect([...e.keys()].sort()).toEqual([...z.keys()].sort());
    for (const [key, value] of e) {
      expect(typeof value, key).toBe(typeof z.get(key));
      // No Chinese left in the English table, except the switch back to Chinese.
      if (typeof value === "string" && key !== "app.switchLanguage" && key !== "app.switchLanguageLabel") expect(value, key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("starts in Chinese, switches to English and back, and remembers the choice", async () => {
    const user = userEvent.setup();
    await renderApp({ url: "/my", signedInAs: "sj" });
    const nav = screen.getByRole("navigation", { name: "主导航" });
    expect(within(nav).getByRole("link", { name: "我的任务" })).toBeTruthy();
    await screen.findByRole("group", { name: "公布行政审批事项目录" });
    expect(document.documentElement.lang).toBe("zh-CN");

    await user.click(screen.getByRole("button", { name: "Switch to English" }));
    expect(document.documentElement.lang).toBe("en");
    const navEn = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(navEn).getByRole("link", { name: "My tasks" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1, name: "My tasks · 市司法局" })).toBeTruthy();
    const row = screen.getByRole("group", { name: "公布行政审批事项目录" });
    // Domain data stays Chinese; the interface around it is English.
    expect(within(row).getByText("76 days overdue")).toBeTruthy();
    expect(within(row).getByText("Lead")).toBeTruthy();
    expect(within(row).getByRole("checkbox", { name: "Mark as done: 公布行政审批事项目录" })).toBeTruthy();
    expect(screen.getByRole("search", { name: "Filters" })).toBeTruthy();
    expect(window.localStorage.getItem("taizhang.lang")).toBe("en");

    await user.click(screen.getByRole("button", { name: "切换到中文" }));
    expect(within(screen.getByRole("navigation", { name: "主导航" })).getByRole("link", { name: "我的任务" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("zh-CN");
  });

  it("opens in the language chosen on an earlier visit", async () => {
    window.localStorage.setItem("taizhang.lang", "en");
    await renderApp({ url: "/plans" });
    expect(await screen.findByRole("heading", { level: 1, name: "Plans" })).toBeTruthy();
    expect(await screen.findByText("2016–2016", { exact: false })).toBeTruthy();
  });
});
