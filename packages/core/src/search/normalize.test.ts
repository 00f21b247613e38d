import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeForSearch } from "./normalize.js";

describe("normalizeForSearch", () => {
  it("turns traditional characters into simplified ones", () => {
    expect(normalizeForSearch("行政復議與聽證")).toBe("行政复议与听证");
  });

  it("folds full-width forms to half-width and upper case to lower case", () => {
    expect(normalizeForSearch("ＸＺＦＹ，（ＰＰＰ）１２")).toBe("xzfy,(ppp)12");
    expect(normalizeForSearch("PPP模式")).toBe("ppp模式");
  });

  it("returns the very same string when nothing changes", () => {
    const text = "深化行政审批制度改革。";
    expect(normalizeForSearch(text)).toBe(text);
  });

  it("keeps the length, so offsets in normalised text are offsets in the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(normalizeForSearch(s)).toHaveLength(s.length);
      }),
    );
  });

  it("normalises a substring the same as it normalises inside its text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."行政復議决策聽證ＡＢab１2乾著後臺") }), fc.nat(), fc.nat(), (s, a, b) => {
        const [from, to] = a % (s.length + 1) <= b % (s.length + 1) ? [a, b] : [b, a];
        const start = from % (s.length + 1);
        const end = to % (s.length + 1);
        expect(normalizeForSearch(s.slice(start, end))).toBe(normalizeForSearch(s).slice(start, end));
      }),
    );
  });
});
