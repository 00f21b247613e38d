import { pinyin } from "pinyin-pro";
import { describe, expect, it } from "vitest";
import { charReadings, findPinyin, pinyinQueryKeySets, pinyinSegmentations } from "./pinyin.js";
import { PINYIN_SYLLABLES } from "./pinyin-syllables.js";

describe("pinyin", () => {
  it("the syllable list holds every reading pinyin-pro gives a CJK ideograph (bar interjections)", () => {
    const known = new Set<string>(PINYIN_SYLLABLES);
    const missing = new Set<string>();
    for (let c = 0x4e00; c <= 0x9fff; c += 7) {
      for (const r of pinyin(String.fromCharCode(c), { toneType: "none", type: "array", multiple: true })) {
        const v = r.replace(/ü/g, "v");
        if (/^[a-z]+$/.test(v) && !known.has(v) && !["m", "n", "ng", "hng"].includes(v)) missing.add(v);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("reads a character every way it can be read, ü as v", () => {
    expect(charReadings("行".charCodeAt(0))).toEqual(expect.arrayContaining(["xing", "hang"]));
    expect(charReadings("律".charCodeAt(0))).toEqual(["lv"]);
    expect(charReadings("A".charCodeAt(0))).toEqual([]);
  });

  it("splits full pinyin into syllables, the last possibly unfinished", () => {
    expect(pinyinSegmentations("xingzhengfuyi")).toContainEqual(["xing", "zheng", "fu", "yi"]);
    expect(pinyinSegmentations("xian")).toEqual(expect.arrayContaining([["xian"], ["xi", "an"]]));
    expect(pinyinSegmentations("xingzhengf")).toContainEqual(["xing", "zheng", "f"]);
    expect(pinyinSegmentations("xzfy")).toEqual([]);
  });

  it("finds text by initials and by full pinyin, with character ranges", () => {
    const text = "加强行政复议工作";
    expect(findPinyin(text, "xzfy")).toEqual([{ start: 2, end: 6 }]);
    expect(findPinyin(text, "xingzhengfuyi")).toEqual([{ start: 2, end: 6 }]);
    expect(findPinyin(text, "xingzhengf")).toEqual([{ start: 2, end: 5 }]);
    expect(findPinyin(text, "fuyigongzuo")).toEqual([{ start: 4, end: 8 }]);
    // 行 read háng, as in 银行: every reading is accepted.
    expect(findPinyin(text, "hangzheng")).toEqual([{ start: 2, end: 4 }]);
  });

  it("does not match across syllable boundaries or non-Han characters", () => {
    expect(findPinyin("加强行政复议工作", "ingzheng")).toEqual([]);
    expect(findPinyin("行政,复议", "xzfy")).toEqual([]);
    expect(findPinyin("法律", "falv")).toEqual([{ start: 0, end: 2 }]);
  });

  it("falls back to the first initial when a query splits too many ways to list", () => {
    const q = "xianxianxianxianxianxian"; // 2^6 ways
    expect(pinyinSegmentations(q).length).toBe(32);
    expect(pinyinQueryKeySets(q)).toContainEqual([676 + 23]);
    expect(findPinyin("县县县县县县", q)).toEqual([{ start: 0, end: 6 }]);
  });

  it("asks the pinyin index for the initials of every reading of the query", () => {
    const sets = pinyinQueryKeySets("xzfy");
    const x = 23;
    const z = 25;
    expect(sets[0]).toContain(x * 26 + z);
    expect(pinyinQueryKeySets("xingzhengfuyi")).toContainEqual(pinyinQueryKeySets("xzfy")[0]);
  });
});
