import { Converter } from "opencc-js/t2cn";

/**
 * Search normalisation maps every UTF-16 code unit to exactly one code unit, so
 * an offset in normalised text is the same offset in the original: highlights
 * computed on normalised text apply to the text as stored. Phrase-level OpenCC
 * conversion could change lengths and make a substring convert differently from
 * its context, so conversion is done character by character.
 */

const HAN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
];

let foldTable: Uint16Array | null = null;

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < table.length; c++) table[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 0x20; // A-Z → a-z
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const half = c - 0xfee0; // full-width ASCII variants → ASCII
    table[c] = half >= 0x41 && half <= 0x5a ? half + 0x20 : half;
  }
  table[0x3000] = 0x20; // ideographic space
  // Converting one newline-separated string keeps phrase tables from matching
  // while costing a single converter call.
  const convert: (text: string) => string = Converter({ from: "t", to: "cn" });
  for (const [from, to] of HAN_RANGES) {
    const chars: string[] = [];
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
    const converted = convert(chars.join("\n")).split("\n");
    if (converted.length !== chars.length) {
      throw new Error(`traditional→simplified table: expected ${chars.length} characters, got ${converted.length}`);
    }
    converted.forEach((s, i) => {
      if (s.length === 1) table[from + i] = s.charCodeAt(0);
    });
  }
  return table;
}

/** The per-code-unit fold table (built on first use, about 30 ms). */
export function searchFoldTable(): Uint16Array {
  foldTable ??= buildFoldTable();
  return foldTable;
}

/**
 * Normalises text for search: traditional → simplified, full-width → half-width,
 * upper → lower case (ASCII). The result has the same length as the input, and
 * is the input itself when nothing changes (so no copy is kept).
 */
export function normalizeForSearch(text: string): string {
  const table = searchFoldTable();
  let firstChange = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (table[c] !== c) {
      firstChange = i;
      break;
    }
  }
  if (firstChange < 0) return text;
  const out = new Array<string>(text.length - firstChange);
  for (let i = firstChange; i < text.length; i++) {
    out[i - firstChange] = String.fromCharCode(table[text.charCodeAt(i)] ?? text.charCodeAt(i));
  }
  return text.slice(0, firstChange) + out.join("");
}
