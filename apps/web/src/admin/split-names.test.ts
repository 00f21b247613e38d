import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitNames } from "./assign-units.js";

describe("splitNames", () => {
  it("splits on 、 , ， ; ； and new lines, trimming and dropping empties", () => {
    expect(splitNames(" 市司法局、市财政局,市发改委；；\n市审计局 ，")).toEqual(["市司法局", "市财政局", "市发改委", "市审计局"]);
    expect(splitNames("   ")).toEqual([]);
  });

  it("gives names without separators or outer spaces, and reads its own output back the same", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."市司法局财政、,，;；\n (区)") }), (text) => {
        const names = splitNames(text);
        for (const n of names) {
          expect(n).not.toBe("");
          expect(n).toBe(n.trim());
          expect(n).not.toMatch(/[、,，;；\n]/);
        }
        expect(splitNames(names.join("、"))).toEqual(names);
      }),
    );
  });
});
