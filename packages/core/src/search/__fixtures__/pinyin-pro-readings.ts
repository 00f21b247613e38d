import { pinyin } from "pinyin-pro";
import { PINYIN_SYLLABLES } from "../pinyin-syllables.js";

const SYLLABLES: ReadonlySet<string> = new Set(PINYIN_SYLLABLES);

/**
 * The readings pinyin-pro gives a character (all of them, toneless, ü as v),
 * kept to the syllable list: the source of the packed table, used by
 * scripts/generate-pinyin-table.ts and by the test that checks the table.
 */
export function pinyinProReadings(code: number): string[] {
  const readings = pinyin(String.fromCharCode(code), { toneType: "none", type: "array", multiple: true })
    .map((r) => r.replace(/ü/g, "v"))
    .filter((r) => SYLLABLES.has(r));
  return [...new Set(readings)];
}
