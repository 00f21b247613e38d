import { describe, expect, it } from "vitest";
import { pinyinProReadings } from "./__fixtures__/pinyin-pro-readings.js";
import { charReadings } from "./pinyin.js";
import { decodePinyinTable, encodePinyinTable, tableCodePoints, tableIndex } from "./pinyin-table-codec.js";
import { PINYIN_TABLE } from "./pinyin-table-data.js";

describe("packed pinyin table", () => {
  it("is what scripts/generate-pinyin-table.ts writes from the installed pinyin-pro", () => {
    expect(PINYIN_TABLE.join("")).toBe(encodePinyinTable(pinyinProReadings));
  });

  it("gives back, for every character it covers, pinyin-pro's readings", () => {
    for (const code of tableCodePoints()) expect(charReadings(code), String.fromCharCode(code)).toEqual(pinyinProReadings(code));
  });

  it("round-trips arbitrary readings and knows no character outside its ranges", () => {
    const readingsOf = (code: number) => (code % 3 === 0 ? [] : code % 3 === 1 ? ["xing"] : ["hang", "xing", "zhuang"]);
    const decode = decodePinyinTable(encodePinyinTable(readingsOf));
    for (const code of [0x3400, 0x3401, 0x3402, 0x4e00, 0x9fff, 0xfaff]) expect(decode(code)).toEqual(readingsOf(code));
    expect(tableIndex(0x41)).toBe(-1);
    expect(decode(0x41)).toEqual([]);
    expect(charReadings("，".charCodeAt(0))).toEqual([]);
  });
});
