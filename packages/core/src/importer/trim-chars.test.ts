import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trimChars, trimEndChars } from "./trim-chars.js";

const junk = new Set([",", "、", " "]);

describe("trimChars", () => {
  it("trims only the given characters, only at the ends", () => {
    expect(trimChars(" ,市司法局、 ", junk)).toBe("市司法局");
    expect(trimChars("市, 局", junk)).toBe("市, 局");
    expect(trimEndChars(",市、", junk)).toBe(",市");
    expect(trimChars(",、 ", junk)).toBe("");
  });

  it("agrees with the equivalent regex", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(",", "、", " ", "a", "市") }), (s) => {
        expect(trimChars(s, junk)).toBe(s.replace(/^[,、 ]+|[,、 ]+$/gu, ""));
      }),
    );
  });

  it("is linear on a long inner run", () => {
    const started = performance.now();
    trimChars(`a${" ".repeat(200_000)}b`, junk);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
