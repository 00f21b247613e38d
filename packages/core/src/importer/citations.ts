import type { Citation } from "../model/citation.js";

const CJK = "\\u4e00-\\u9fff";
/**
 * A 文号 in one of its printed shapes:
 * - well formed: 呼党发〔2014〕16号 (also with [] 【】 () around the year);
 * - lost its closing bracket: 呼党发〔201416号;
 * - lost its opening bracket: 呼党发2014〕16号;
 * - a decree: 国务院令第492号.
 */
const DOCUMENT_NUMBER = new RegExp(
  [
    // The issuer part is at most 14 characters (新疆维吾尔自治区人民政府令).
    `(?<prefix>[${CJK}]{1,14}?)`,
    "(?:",
    "(?<open>[〔\\[【(（])\\s*(?<year>\\d{4})\\s*(?<close>[〕\\]】)）])\\s*(?<seq>\\d{1,5})",
    "|〔(?<lostCloseYear>\\d{4})(?<lostCloseSeq>[1-9]\\d{0,4})",
    "|(?<lostOpenYear>\\d{4})〕(?<lostOpenSeq>\\d{1,5})",
    "|(?<decree>令)第(?<decreeSeq>\\d{1,6})",
    ")[号號]",
  ].join(""),
  "gu",
);

// Words that end the prose before a bare 文号 ("根据呼政发〔2015〕32号" → 呼政发).
const PROSE_BEFORE = /^.*(?:根据|依据|按照|参照|印发|转发|执行|落实|详见|关于|的|和|及|与|见|即|是)/u;

interface FoundNumber {
  start: number;
  end: number;
  printed: string;
  number: string;
  repaired: boolean;
}

function plausibleYear(year: string): boolean {
  const y = Number(year);
  return y >= 1949 && y <= 2099;
}

function readNumber(m: RegExpExecArray | RegExpMatchArray): FoundNumber | null {
  const g = m.groups ?? {};
  const start = m.index ?? 0;
  const printed = m[0];
  const rawPrefix = g["prefix"] ?? "";
  const prefix = rawPrefix.replace(PROSE_BEFORE, "");
  if (prefix === "") return null;
  const skipped = rawPrefix.length - prefix.length;
  const shown = printed.slice(skipped);
  const at = { start: start + skipped, end: start + printed.length, printed: shown };
  if (g["decree"] !== undefined) return { ...at, number: shown, repaired: false };
  if (g["year"] !== undefined) return plausibleYear(g["year"]) ? { ...at, number: shown, repaired: false } : null;
  const year = g["lostCloseYear"] ?? g["lostOpenYear"];
  const seq = g["lostCloseSeq"] ?? g["lostOpenSeq"];
  if (year === undefined || seq === undefined || !plausibleYear(year)) return null;
  return { ...at, number: `${prefix}〔${year}〕${seq}号`, repaired: true };
}

function numbersIn(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const m of text.matchAll(DOCUMENT_NUMBER)) {
    const n = readNumber(m);
    if (n !== null) found.push(n);
  }
  return found;
}

/**
 * Every bare 文号 in the text, in order and without repeats — "成府发〔2015〕20号",
 * "国务院令第492号" — with a lost bracket restored ("呼党发〔201416号" →
 * "呼党发〔2014〕16号"). Never throws.
 */
export function findDocumentNumbers(text: string): string[] {
  return [...new Set(numbersIn(text).map((n) => n.number))];
}

const MAX_TITLE = 200;
const MAX_NUMBER_BRACKET = 60;

/** Index of the 》 closing the 《 at `open`, honouring nested 《》; -1 when there is none nearby. */
function closingTitleMark(text: string, open: number): number {
  let depth = 0;
  const stop = Math.min(text.length, open + MAX_TITLE);
  for (let i = open; i < stop; i++) {
    const c = text[i];
    if (c === "《") depth++;
    else if (c === "》" && --depth === 0) return i;
  }
  return -1;
}

/** The 文号 printed in brackets right after a title, e.g. "(川府发〔2015〕1号)". */
function numberAfterTitle(text: string, from: number): FoundNumber | null {
  let i = from;
  while (i < text.length && /\s/u.test(text[i] ?? "")) i++;
  if (text[i] !== "(" && text[i] !== "（") return null;
  const closeAt = text.slice(i + 1, i + 1 + MAX_NUMBER_BRACKET).search(/[)）]/u);
  if (closeAt < 0) return null;
  const inside = text.slice(i + 1, i + 1 + closeAt);
  const first = numbersIn(inside)[0];
  // Only a bracket that opens with the number: "(2015年修订)" holds none.
  if (first === undefined || inside.slice(0, first.start).trim() !== "") return null;
  return first;
}

/**
 * Finds the documents a text cites: each 《title》 (nested 〈〉 kept inside the
 * title) and the 文号 printed in brackets right after it, if any —
 * 《…》(呼党发〔2014〕16号), 《…》(省政府令第278号). A 文号 that lost a bracket
 * ("〔201416号") is repaired and the repair described in `repairs`. A title
 * cited twice is listed once, with the first 文号 printed for it. Never throws.
 */
export function extractCitations(text: string): { citations: Citation[]; repairs: string[] } {
  const citations: Citation[] = [];
  const repairs: string[] = [];
  const byTitle = new Map<string, Citation>();
  let i = text.indexOf("《");
  while (i >= 0) {
    const close = closingTitleMark(text, i);
    if (close < 0) {
      i = text.indexOf("《", i + 1);
      continue;
    }
    const title = text.slice(i + 1, close).trim();
    const found = numberAfterTitle(text, close + 1);
    if (found?.repaired === true) repairs.push(`文号 "${found.printed}" after 《${title}》 lost a bracket; read as "${found.number}"`);
    if (title !== "") {
      const known = byTitle.get(title);
      if (known === undefined) {
        const citation: Citation = { title, documentNumber: found?.number ?? null };
        byTitle.set(title, citation);
        citations.push(citation);
      } else if (known.documentNumber === null && found !== null) {
        known.documentNumber = found.number;
      }
    }
    i = text.indexOf("《", close + 1);
  }
  return { citations, repairs };
}

/**
 * Excerpts of the 《 in a text that no 》 closes within a title's length, for the
 * importer's `citation-unbalanced` warning. Never throws.
 */
export function unclosedTitleMarks(text: string): string[] {
  const excerpts: string[] = [];
  let i = text.indexOf("《");
  while (i >= 0) {
    const close = closingTitleMark(text, i);
    if (close < 0) {
      excerpts.push(text.slice(i, i + 20));
      i = text.indexOf("《", i + 1);
    } else {
      i = text.indexOf("《", close + 1);
    }
  }
  return excerpts;
}
