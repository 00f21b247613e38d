import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeXlsxText, encodeXlsxText } from "./xlsx-text.js";

describe("cell text escapes (ST_Xstring)", () => {
  it("writes a carriage return as _x000D_ and escapes text that looks like an escape", () => {
    expect(encodeXlsxText("a\r\nb")).toBe("a_x000D_\nb");
    expect(encodeXlsxText("_x000D_")).toBe("_x005F_x000D_");
    expect(decodeXlsxText(encodeXlsxText("_x000D\r"))).toBe("_x000D\r");
    expect(decodeXlsxText("_x005F_x000D_")).toBe("_x000D_");
    expect(decodeXlsxText("a_x000D_\nb")).toBe("a\r\nb");
  });

  it("property: decode undoes encode", () => {
    const text = fc.string({ unit: fc.constantFrom("_", "x", "0", "D", "5", "F", "\r", "\n", "a") });
    fc.assert(
      fc.property(text, (t) => {
        expect(decodeXlsxText(encodeXlsxText(t))).toBe(t);
      }),
    );
  });
});
