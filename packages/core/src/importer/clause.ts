import { WHITESPACE, trimEndChars } from "./trim-chars.js";

// Sentence and comma-segment boundaries shared by the milestone and target
// extractors: both report "the clause" a phrase belongs to.

const SENTENCE_END = new Set(["。", ";", "；", "!", "！", "?", "？", "\n"]);
const COMMA = new Set([",", "，"]);
const OPENERS = new Set(["“", "‘", "《", "(", "（", "〔", "[", "【", "〈", "「", "『"]);
const CLOSERS = new Set(["”", "’", "》", ")", "）", "〕", "]", "】", "〉", "」", "』"]);

/** Leading words a clause should not start with ("并于2019年年底前…" → "2019年年底前…"). */
const LEADING_PUNCTUATION = /^[\s,，、;；:：]+/u;
const LEADING_CONJUNCTION = /^(?:并且|而且|同时|并|且)(?=.)/u;
// 于/在 go only before a date ("在2016年年底前"), not from words like 在线.
const LEADING_PREPOSITION = /^(?:于|在)(?=[\d〇零一二两三四五六七八九十]|年|第|上半年|下半年|本|当|今)/u;
const TRAILING_JUNK = new Set([...WHITESPACE, ",", "，", "、", ";", "；", ":", "："]);

export interface Span {
  start: number;
  end: number;
}

/** Index of the last element of a sorted array that is at most `x`, or -1. */
function lastAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= x) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Sentence and segment boundaries of one text, found in a single pass so that
 * looking up the clause of each of many phrases stays linear in the text.
 * Commas inside quotes, brackets and title marks do not split segments.
 */
export class ClauseIndex {
  /** Positions of sentence-ending marks, ascending. */
  private readonly ends: number[] = [];
  /** Positions of commas at bracket depth 0 within their sentence, ascending. */
  private readonly commas: number[] = [];

  constructor(private readonly text: string) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] ?? "";
      if (SENTENCE_END.has(c)) {
        this.ends.push(i);
        depth = 0;
      } else if (OPENERS.has(c)) depth++;
      else if (CLOSERS.has(c)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && COMMA.has(c)) this.commas.push(i);
    }
  }

  /** The sentence holding position `at`, without its closing mark. */
  sentenceAround(at: number): Span {
    const pos = Math.max(0, Math.min(at, this.text.length));
    const before = lastAtMost(this.ends, pos - 1);
    const start = before < 0 ? 0 : (this.ends[before] ?? -1) + 1;
    const next = this.ends[before + 1];
    return { start, end: next === undefined ? this.text.length : next };
  }

  /** The comma-separated segment holding position `at`, inside its sentence. */
  segmentAround(at: number): Span {
    const sentence = this.sentenceAround(at);
    const pos = Math.max(sentence.start, Math.min(at, sentence.end));
    const before = lastAtMost(this.commas, pos - 1);
    const comma = this.commas[before];
    const start = comma !== undefined && comma >= sentence.start ? comma + 1 : sentence.start;
    const next = this.commas[before + 1];
    const end = next !== undefined && next < sentence.end ? next : sentence.end;
    return { start, end };
  }
}

/** Trims connecting words and punctuation from a clause's ends; falls back to `fallback` when nothing is left. */
export function tidyClause(raw: string, fallback: string): string {
  const trimmed = raw
    .replace(LEADING_PUNCTUATION, "")
    .replace(LEADING_CONJUNCTION, "")
    .replace(LEADING_PREPOSITION, "");
  const tidy = trimEndChars(trimmed, TRAILING_JUNK);
  return tidy === "" ? fallback : tidy;
}

