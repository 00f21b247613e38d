import { describe, expect, it } from "vitest";
import { displayWidth } from "./display-width.js";
import { promptText, truncateStart } from "./truncate.js";

describe("promptText", () => {
  it("keeps the typed end in sight: cuts the title first, then the start of the value", () => {
    expect(promptText("进展说明", "已试点", 40)).toBe("进展说明: 已试点▏");
    const cut = promptText("责任人(姓名,职务,联系方式) · chengdu-2015/3#m1", "张伟，科长", 30);
    expect(cut.endsWith(": 张伟，科长▏")).toBe(true);
    expect(displayWidth(cut)).toBeLessThanOrEqual(30);
    const long = promptText("进展说明", "一二三四五六七八九十".repeat(3), 20);
    expect(long.startsWith("…")).toBe(true);
    expect(long.endsWith("九十▏")).toBe(true);
    expect(displayWidth(long)).toBeLessThanOrEqual(20);
    expect(truncateStart("abcdef", 4)).toBe("…def");
  });
});
