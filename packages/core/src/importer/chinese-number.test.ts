import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNumber } from "./chinese-number.js";

describe("parseNumber", () => {
  it.each([
    ["24", 24],
    ["3.5", 3.5],
    ["两", 2],
    ["十", 10],
    ["十二", 12],
    ["二十四", 24],
    ["三十一", 31],
    ["一百零五", 105],
    ["六十", 60],
    ["两千", 2000],
    ["一万二千", 12000],
    ["二〇一六", 2016],
    ["二零二零", 2020],
  ])("%s → %d", (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(["", "三四", "十三五规划", "abc", "1.2.3", "两两"])("%j is not one number", (text) => {
    expect(parseNumber(text)).toBeNull();
  });

  it("reads back every integer written in Chinese up to 99 999", () => {
    const digits = "零一二三四五六七八九";
    const write = (n: number): string => {
      const units: [number, string][] = [[10000, "万"], [1000, "千"], [100, "百"], [10, "十"]];
      let out = "";
      let rest = n;
      let zero = false;
      for (const [size, name] of units) {
        const d = Math.floor(rest / size);
        rest %= size;
        if (d > 0) {
          if (zero) out += "零";
          out += (digits[d] ?? "") + name;
          zero = false;
        } else if (out !== "") zero = true;
      }
      if (rest > 0) out += (zero ? "零" : "") + (digits[rest] ?? "");
      return out;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999 }), (n) => {
        expect(parseNumber(write(n))).toBe(n);
        expect(parseNumber(String(n))).toBe(n);
      }),
    );
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.string(), (s) => void parseNumber(s)));
  });
});
