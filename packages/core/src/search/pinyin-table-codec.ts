import { PINYIN_SYLLABLES } from "./pinyin-syllables.js";

/**
 * The readings of every Han character, packed into a string so that core
 * needs no pinyin dictionary at run time (pinyin-pro costs ~200 ms to import
 * and much of a browser bundle). Each code point of PINYIN_TABLE_RANGES, in
 * order, has an entry: its readings as one character each, U+0100 + the
 * reading's index in PINYIN_SYLLABLES; entries are separated by commas.
 */
export const PINYIN_TABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
];

const BASE = 0x100;
const SEPARATOR = ",";

/** Position of a code point among the table's entries, or -1 outside its ranges. */
export function tableIndex(code: number): number {
  let offset = 0;
  for (const [from, to] of PINYIN_TABLE_RANGES) {
    if (code >= from && code <= to) return offset + code - from;
    offset += to - from + 1;
  }
  return -1;
}

/** Every code point the table covers, in entry order. */
export function tableCodePoints(): number[] {
  return PINYIN_TABLE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** Packs readings (each one of PINYIN_SYLLABLES) into the table string. */
export function encodePinyinTable(readingsOf: (code: number) => readonly string[]): string {
  const index = new Map<string, number>(PINYIN_SYLLABLES.map((s, i) => [s, i]));
  return tableCodePoints()
    .map((code) =>
      readingsOf(code)
        .map((r) => {
          const i = index.get(r);
          if (i === undefined) throw new Error(`U+${code.toString(16)}: ${r} is not in PINYIN_SYLLABLES`);
          return String.fromCharCode(BASE + i);
        })
        .join(""),
    )
    .join(SEPARATOR);
}

/** Reads a packed table: `readingsAt(code)` gives the readings of a code point. */
export function decodePinyinTable(table: string): (code: number) => readonly string[] {
  const starts = new Uint32Array(tableCodePoints().length + 1);
  let entry = 0;
  for (let i = 0; i < table.length; i++) if (table[i] === SEPARATOR) starts[++entry] = i + 1;
  if (entry + 1 !== starts.length - 1) throw new Error(`pinyin table has ${entry + 1} entries, expected ${starts.length - 1}`);
  starts[starts.length - 1] = table.length + 1;
  const none: readonly string[] = [];
  return (code) => {
    const k = tableIndex(code);
    if (k < 0) return none;
    const from = starts[k] ?? 0;
    const to = (starts[k + 1] ?? from + 1) - 1;
    if (to <= from) return none;
    const readings: string[] = [];
    for (let i = from; i < to; i++) readings.push(PINYIN_SYLLABLES[table.charCodeAt(i) - BASE] ?? "");
    return readings;
  };
}
