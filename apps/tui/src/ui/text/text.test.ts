import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columns, displayWidth, ELLIPSIS, fit, graphemes, singleLine, truncate, wrap } from "./index.js";

// Strings that mix ASCII, Han, full-width punctuation, astral characters
// (surrogate pairs such as 𠀀 and emoji) and combining marks.
const mixedChar = fc.constantFrom("a", "Z", " ", "1", "行", "政", "复", "议", "，", "。", "（", "《", "𠀀", "😀", "e\u0301", "👍🏽", "…");
const mixedText = fc.array(mixedChar, { maxLength: 40 }).map((cs) => cs.join(""));
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe("displayWidth", () => {
  it("counts full-width characters as two cells", () => {
    expect(displayWidth("行政复议")).toBe(8);
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("（一）")).toBe(6);
    expect(displayWidth("e\u0301")).toBe(1);
  });
});

describe("truncate", () => {
  it("leaves text that fits alone and marks a cut with an ellipsis", () => {
    expect(truncate("法治政府", 8)).toBe("法治政府");
    expect(truncate("法治政府建设", 8)).toBe("法治政…");
    expect(truncate("法治政府建设", 7)).toBe("法治政…");
    expect(truncate("abcdef", 4)).toBe(`abc${ELLIPSIS}`);
    expect(truncate("abc", 0)).toBe("");
  });

  it("never exceeds the budget (property)", () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 0, max: 50 }), (text, budget) => {
        expect(displayWidth(truncate(text, budget))).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it("never splits a surrogate pair or a grapheme (property)", () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 0, max: 50 }), (text, budget) => {
        const out = truncate(text, budget);
        expect(hasLoneSurrogate(out)).toBe(false);
        const kept = out.endsWith(ELLIPSIS) && out !== text ? out.slice(0, -ELLIPSIS.length) : out;
        expect(graphemes(text).slice(0, graphemes(kept).length).join("")).toBe(kept);
      }),
    );
  });

  it("uses the budget fully unless a wide character straddles it (property)", () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 1, max: 50 }), (text, budget) => {
        const out = truncate(text, budget);
        if (displayWidth(text) > budget) expect(displayWidth(out)).toBeGreaterThanOrEqual(budget - 1);
      }),
    );
  });
});

describe("fit and columns", () => {
  it("pads to exactly the width, on either side", () => {
    expect(fit("复议", 6)).toBe("复议  ");
    expect(fit("12", 4, "right")).toBe("  12");
    expect(fit("行政复议体制改革", 7)).toBe("行政复…");
    expect(displayWidth(fit("行政复议体制改革", 7))).toBe(7);
  });

  it("fitted cells always take exactly their width (property)", () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 0, max: 40 }), (text, width) => {
        expect(displayWidth(fit(text, width))).toBe(width);
      }),
    );
  });

  it("lines up columns of mixed Chinese and ASCII", () => {
    const layout = [{ width: 4, align: "right" as const }, { width: 10 }, { width: 6 }];
    const a = columns(["1", "推进行政复议体制改革", "进行中"], layout);
    const b = columns(["12", "ab", "done"], layout);
    expect(displayWidth(a)).toBe(22);
    expect(displayWidth(b)).toBe(22);
    expect(a.indexOf("进行中")).toBeGreaterThan(0);
  });
});

describe("wrap", () => {
  it("breaks Chinese text anywhere and keeps Latin words whole", () => {
    expect(wrap("全面推进依法行政", 6)).toEqual(["全面推", "进依法", "行政"]);
    expect(wrap("hello world again", 11)).toEqual(["hello world", "again"]);
    expect(wrap("第一段\n第二段", 20)).toEqual(["第一段", "第二段"]);
  });

  it("does not begin a line with closing punctuation (禁则)", () => {
    expect(wrap("减程序、减时限", 6)).toEqual(["减程", "序、减", "时限"]);
    expect(wrap("公开审批流程。压缩时限", 12)).toEqual(["公开审批流", "程。压缩时限"]);
    for (const line of wrap("围绕减程序、减时限、减费用,进一步清理、取消、调整和下放行政审批事项。", 10)) expect(line).not.toMatch(/^[、。，]/);
  });

  it("never makes a line wider than the width, and loses no character (property)", () => {
    fc.assert(
      fc.property(mixedText, fc.integer({ min: 2, max: 30 }), (text, width) => {
        const lines = wrap(text, width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
      }),
    );
  });
});

describe("singleLine", () => {
  it("turns control characters into spaces", () => {
    expect(singleLine("a\nb\tc\u001b[31m")).toBe("a b c [31m");
  });
});
