import { PINYIN_SYLLABLES } from "./pinyin-syllables.js";
import { decodePinyinTable } from "./pinyin-table-codec.js";
import { PINYIN_TABLE } from "./pinyin-table-data.js";

/**
 * Pinyin matching works on normalised text one character at a time: each Han
 * character has the set of its toneless readings (every reading, so that 行 in
 * 行政 and 银行 both match without phrase analysis). Readings come from a table
 * packed from pinyin-pro (pinyin-table-data.ts), decoded on first use; nothing
 * is stored per task.
 */

const SYLLABLES: ReadonlySet<string> = new Set(PINYIN_SYLLABLES);
const SYLLABLE_PREFIXES: ReadonlySet<string> = new Set(
  PINYIN_SYLLABLES.flatMap((s) => Array.from({ length: s.length }, (_, i) => s.slice(0, i + 1))),
);
const readingsCache = new Map<number, readonly string[]>();
// -1: not looked up yet; otherwise a bit mask of initial letters (bit 0 = a).
const initialMasks = new Int32Array(0x10000).fill(-1);
let readingsAt: ((code: number) => readonly string[]) | null = null;

/** Every toneless reading of one (normalised) character; empty for non-Han characters. */
export function charReadings(code: number): readonly string[] {
  const cached = readingsCache.get(code);
  if (cached) return cached;
  readingsAt ??= decodePinyinTable(PINYIN_TABLE.join(""));
  const readings = readingsAt(code);
  readingsCache.set(code, readings);
  return readings;
}

/** Bit mask (bit 0 = a … bit 25 = z) of the first letters of a character's readings. */
export function initialMask(code: number): number {
  const cached = initialMasks[code];
  if (cached !== undefined && cached >= 0) return cached;
  let mask = 0;
  for (const r of charReadings(code)) mask |= 1 << (r.charCodeAt(0) - 0x61);
  initialMasks[code] = mask;
  return mask;
}

/** True when the query can only be meant as pinyin: two or more lower-case ASCII letters. */
export function isPinyinQuery(term: string): boolean {
  return term.length >= 2 && /^[a-z]+$/.test(term);
}

const MAX_SEGMENTATIONS = 32;

/**
 * The ways a full-pinyin query splits into syllables, the last of which may be
 * unfinished (a prefix of a syllable, as while typing). "xian" gives
 * [["xian"], ["xi", "an"]]; a query that cannot be split gives [].
 */
export function pinyinSegmentations(query: string): string[][] {
  const results: string[][] = [];
  const pieces: string[] = [];
  const walk = (pos: number): void => {
    if (results.length >= MAX_SEGMENTATIONS) return;
    for (let end = pos + 1; end <= query.length && end - pos <= 6; end++) {
      const piece = query.slice(pos, end);
      if (end === query.length) {
        if (SYLLABLE_PREFIXES.has(piece)) results.push([...pieces, piece]);
      } else if (SYLLABLES.has(piece)) {
        pieces.push(piece);
        walk(end);
        pieces.pop();
      }
    }
  };
  walk(0);
  return results;
}

/** Does `query` match the initials of the characters of `text` from `start` on? */
function initialsMatchAt(text: string, start: number, query: string): boolean {
  if (start + query.length > text.length) return false;
  for (let j = 0; j < query.length; j++) {
    const bit = 1 << (query.charCodeAt(j) - 0x61);
    if ((initialMask(text.charCodeAt(start + j)) & bit) === 0) return false;
  }
  return true;
}

/**
 * Does `query`, from `pos` on, spell the full readings of the characters of
 * `text` from `at` on (the last one possibly unfinished)? Returns the end
 * offset in `text` of the match, or -1.
 */
function fullMatchFrom(text: string, at: number, query: string, pos: number): number {
  if (at >= text.length) return -1;
  for (const reading of charReadings(text.charCodeAt(at))) {
    if (query.startsWith(reading, pos)) {
      const next = pos + reading.length;
      if (next === query.length) return at + 1;
      const end = fullMatchFrom(text, at + 1, query, next);
      if (end >= 0) return end;
    } else if (reading.startsWith(query.slice(pos))) {
      return at + 1;
    }
  }
  return -1;
}

/** A matched range of characters, [start, end). */
export interface CharRange {
  start: number;
  end: number;
}

// Whether a query splits into syllables at all, for the last few queries: a
// search asks this for every candidate field, and splitting a long query
// ("xingzhengfuyi", up to 32 ways) cost more than matching it.
const fullPossibleCache = new Map<string, boolean>();
const FULL_POSSIBLE_CACHE_SIZE = 64;

function fullPinyinPossible(query: string): boolean {
  let possible = fullPossibleCache.get(query);
  if (possible === undefined) {
    possible = pinyinSegmentations(query).length > 0;
    if (fullPossibleCache.size >= FULL_POSSIBLE_CACHE_SIZE) fullPossibleCache.clear();
    fullPossibleCache.set(query, possible);
  }
  return possible;
}

/** End of a pinyin match of `query` starting at character `i` of `text`, or -1. */
function pinyinMatchAt(text: string, i: number, query: string, fullPossible: boolean): number {
  if (initialMask(text.charCodeAt(i)) === 0) return -1;
  if (initialsMatchAt(text, i, query)) return i + query.length;
  return fullPossible ? fullMatchFrom(text, i, query, 0) : -1;
}

/**
 * Every non-overlapping place where `query` (lower-case letters) spells the
 * text in pinyin: by initials (xzfy) or in full (xingzhengfuyi, xingzhengf).
 */
export function findPinyin(text: string, query: string): CharRange[] {
  const ranges: CharRange[] = [];
  const fullPossible = fullPinyinPossible(query);
  let i = 0;
  while (i < text.length) {
    const end = pinyinMatchAt(text, i, query, fullPossible);
    if (end > i) {
      ranges.push({ start: i, end });
      i = end;
    } else {
      i++;
    }
  }
  return ranges;
}

/** True when `query` spells some part of `text` in pinyin (findPinyin would find a range). */
export function hasPinyin(text: string, query: string): boolean {
  const fullPossible = fullPinyinPossible(query);
  for (let i = 0; i < text.length; i++) if (pinyinMatchAt(text, i, query, fullPossible) > i) return true;
  return false;
}

/**
 * Keys of the pinyin posting lists for one text: each adjacent pair of Han
 * characters contributes (initial, initial) keys 0..675, each Han character a
 * single-initial key 676..701.
 */
export function pinyinKeys(text: string, emit: (key: number) => void): void {
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const mask = initialMask(text.charCodeAt(i));
    for (let a = 0; a < 26; a++) {
      if ((mask & (1 << a)) === 0) continue;
      emit(676 + a);
      for (let p = 0; p < 26; p++) if ((previous & (1 << p)) !== 0) emit(p * 26 + a);
    }
    previous = mask;
  }
}

/**
 * The key sets a text must contain (all keys of one set) for `query` to match
 * it in pinyin; a text is a candidate when it holds every key of any one set.
 */
export function pinyinQueryKeySets(query: string): number[][] {
  const segmentations = pinyinSegmentations(query);
  // Past the cap some readings went unlisted: fall back to the first initial alone.
  const capped = segmentations.length >= MAX_SEGMENTATIONS ? [query.slice(0, 1)] : [];
  const letterSeqs = [query, ...capped, ...segmentations.map((pieces) => pieces.map((p) => p[0] ?? "").join(""))];
  const sets = new Map<string, number[]>();
  for (const letters of letterSeqs) {
    if (sets.has(letters)) continue;
    const codes = [...letters].map((c) => c.charCodeAt(0) - 0x61);
    const keys =
      codes.length === 1
        ? [676 + (codes[0] ?? 0)]
        : codes.slice(1).map((b, j) => (codes[j] ?? 0) * 26 + b);
    sets.set(letters, [...new Set(keys)]);
  }
  return [...sets.values()];
}
