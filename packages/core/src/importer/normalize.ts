import * as OpenCC from "opencc-js";
import type { ImportWarning, SCRIPTS, SOURCE_FORMATS } from "../model/provenance.js";
import { importWarning } from "./import-warning.js";
import { DEADLINE_FIELD, LABEL_START } from "./units.js";

export type Script = (typeof SCRIPTS)[number];
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** One line of normalised text and the 1-based line of the source it starts on. */
export interface SourceLine {
  text: string;
  line: number;
}

/** The result of {@link normalizeText}. */
export interface NormalizedText {
  /** Simplified, cleaned text: one paragraph per line, no blank lines. */
  text: string;
  /** The same text before script conversion, line for line (equal to `text` for simplified sources). */
  original: string;
  /** The source line each line of `text` starts on. */
  lineNumbers: number[];
  script: Script;
  format: SourceFormat;
  warnings: ImportWarning[];
}

const HAN = /\p{Script=Han}/u;
// CJK punctuation, full-width forms and the curly quotes Chinese text uses.
const CJK_PUNCTUATION = /[\u3000-\u303F\uFE30-\uFE4F\uFF00-\uFFEF\u2018-\u201F\u2026\u2014\u2015\u00B7《》〈〉〔〕「」『』【】]/u;

export function isCjk(ch: string): boolean {
  return HAN.test(ch) || CJK_PUNCTUATION.test(ch);
}

/** Removes byte-order marks, zero-width and control characters; turns odd spaces into plain ones. */
export function stripInvisible(line: string): string {
  return line
    .replace(/[\uFEFF\u200B-\u200D\u2060\u00AD]/g, "")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " ")
    .split("")
    .filter((ch) => !isControlCharacter(ch.charCodeAt(0)))
    .join("");
}

/** C0 controls other than tab and line feed, and DEL: never part of a plan's text. */
export function isControlCharacter(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;
}

/** Removes HTML tags, entities and the stray `'>` left where a tag was cut. */
export function stripMarkupRemnants(line: string): { text: string; removed: number } {
  let removed = 0;
  const count = (): string => {
    removed += 1;
    return "";
  };
  const text = line
    .replace(/<\/?[a-zA-Z][^<>\n]{0,300}>/g, count)
    .replace(/&(?:nbsp|ensp|emsp|amp|lt|gt|quot|apos|#\d{1,6});/g, (entity) => {
      removed += 1;
      const named: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
      return named[entity] ?? " ";
    })
    .replace(/['"]\s*\/?>/g, count);
  return { text, removed };
}

/** Removes PDF-to-text artefacts such as `[bookmark: _GoBack]`. */
export function stripPdfArtefacts(line: string): { text: string; removed: number } {
  let removed = 0;
  const text = line.replace(/\[(?:bookmark|image|anchor|footnote|endnote)\s*:[^\]\n]*\]/gi, () => {
    removed += 1;
    return "";
  });
  return { text, removed };
}

/** Folds full-width ASCII variants (U+FF01–U+FF5E) to half-width; leaves 、。“”《》〈〉〔〕 alone. */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const PAREN_IDEOGRAPHS = "一二三四五六七八九十";

/**
 * Spells out the enclosed numerals word processors print as one character:
 * ㈠…㈩ → (一)…(十), ⑴…⒇ → (1)…(20), ⒈…⒛ → 1.…20.
 */
export function foldEnclosedNumerals(text: string): string {
  return text.replace(/[\u3220-\u3229\u2474-\u249B]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0x3220) return `(${PAREN_IDEOGRAPHS[code - 0x3220] ?? ""})`;
    if (code <= 0x2487) return `(${code - 0x2474 + 1})`;
    return `${code - 0x2488 + 1}.`;
  });
}

const PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ";
const PINYIN_READING = new RegExp(`(?<=\\p{Script=Han})\\(([${PINYIN_LETTERS}]{1,7})\\)`, "gu");
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/u;

/**
 * Removes pinyin readings printed after characters ("關(guān)于" → "關于").
 * A reading with a tone mark always goes; toneless ones only when the text
 * carries several readings, so a lone "(a)" after a character survives.
 */
export function removePinyinReadings(text: string): { text: string; removed: number } {
  const candidates = [...text.matchAll(PINYIN_READING)].length;
  let removed = 0;
  const result = text.replace(PINYIN_READING, (match, reading: string) => {
    if (TONE_MARK.test(reading) || candidates >= 3) {
      removed += 1;
      return "";
    }
    return match;
  });
  return { text: result, removed };
}

const GARBLED = new RegExp(`\\uFFFD|\\?[${PINYIN_LETTERS}]{1,7}\\)`, "u");

/**
 * Text the source itself lost: U+FFFD replacement characters, or a pinyin
 * reading whose character became "?" ("區域?qū)嶋H"). Nothing can restore it;
 * the importer says where it is.
 */
export function isGarbled(line: string): boolean {
  return GARBLED.test(line);
}

/**
 * Removes spaces a PDF or a web page put inside Chinese text ("2016 年年底前",
 * "十  八大", "( 一 )"), keeping the spaces between Latin words and between numbers.
 */
export function collapseSpaces(line: string): string {
  const trimmed = line.trim();
  return trimmed.replace(/ +/g, (spaces, offset: number) => {
    const before = trimmed[offset - 1] ?? "";
    const after = trimmed[offset + spaces.length] ?? "";
    if (isCjk(before) || isCjk(after)) return "";
    if ("([{".includes(before) || ")]}%,.;:!?".includes(after)) return "";
    if (/[,.;:!?]/.test(before) && /\d/.test(after) && !/\d/.test(trimmed[offset - 2] ?? "")) return "";
    return " ";
  });
}

/** Collapses doubled punctuation left by scrapers: ",、" → "、", ",," → ",", ",。" → "。". */
export function collapseDoubledPunctuation(line: string): string {
  return line
    .replace(/,+(?=[、。;:!?])/g, "")
    .replace(/,{2,}/g, ",")
    .replace(/、{2,}/g, "、")
    .replace(/。{2,}/g, "。")
    .replace(/、(?=[,。;])/g, "");
}

const BOILERPLATE_PATTERNS: readonly RegExp[] = [
  /浏览量|浏览次数|瀏覽量|瀏覽次數|阅读量|阅读次数|閱讀量|閱讀次數|点击量|点击数|點擊量|點擊數|访问量|访问次数|訪問量/,
  /二维码|二維碼|公众号|公眾號|本文链接|本文鏈接|本文关键词|本文關鍵詞|原文链接|扫一扫|掃一掃|分享到|上一篇|下一篇|责任编辑|責任編輯|相关阅读|相关文章|网站地图|版权所有|版權所有|copyright|icp备/i,
  /^(?:【|\[)?(?:打印|打印本页|打印此页|关闭|关闭窗口|收藏|返回顶部)(?:】|\])?$/,
  /字体.{0,12}(?:打印|大|中|小)|(?:打印|关闭).{0,12}字体|【(?:大|中|小)】/,
  /^(?:https?:)?\/\/\S+$|www\.[\w-]+\.[\w.-]+/i,
  /^[-—–_=*·\s]*\d{1,3}[-—–_=*·\s]*$/,
];
const BOILERPLATE_MAX_LENGTH = 80;

/** A line of page or site furniture (view counters, print bars, QR codes, links, page numbers). */
export function isBoilerplateLine(line: string): boolean {
  // A heading is plan text even when it names 公众号 or 二维码.
  if ([...line].length > BOILERPLATE_MAX_LENGTH || startsWithHeading(line)) return false;
  return BOILERPLATE_PATTERNS.some((p) => p.test(line));
}

const RUNNING_HEADER_MIN_REPEATS = 3;
const RUNNING_HEADER_MAX_LENGTH = 40;

/**
 * Lines a PDF repeats on every page (running headers and footers such as a
 * document's title): short, no sentence punctuation, not a heading, printed at
 * least three times. Normalisation keeps the first and drops the repeats.
 */
export function runningHeaders(lines: readonly string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    if (line === "" || [...line].length > RUNNING_HEADER_MAX_LENGTH || /[。,;:!?、]/.test(line) || startsWithHeading(line)) continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= RUNNING_HEADER_MIN_REPEATS).map(([line]) => line));
}

const PART_START = /^[一二三四五六七八九十百]+[、.]/;
const PAREN_START = /^\([一二三四五六七八九十百]+\)/;
const NUMBER_START = /^\d{1,3}[.、](?!\d)/;
const CHAPTER_START = /^第[一二三四五六七八九十百\d]+[章节部分条]/;

/** A line that opens a part, section or task ("一、", "(一)", "1.", "第一章"). */
export function startsWithHeading(line: string): boolean {
  return PART_START.test(line) || PAREN_START.test(line) || NUMBER_START.test(line) || CHAPTER_START.test(line);
}

const RUN_ON_HEADING = /(?<=[。;:!?])(?=(?:[一二三四五六七八九十百]+、|\([一二三四五六七八九十百]+\)|\d{1,3}[.、](?!\d))\p{Script=Han})/gu;

/**
 * Splits a line where a heading follows the end of a sentence inside it
 * ("…法治环境。二、主要任务(一)…"): pages pasted without their line breaks.
 * The structure parser's numbering rules decide which of them really are headings.
 */
export function splitRunOnHeadings(line: string): string[] {
  return line.split(RUN_ON_HEADING).filter((part) => part !== "");
}

const SENTENCE_END = /[。;:!?】\]]$/;
const BREAK_MIN_LENGTH = 20;

/**
 * Joins lines broken in mid-sentence (PDF extracts, pasted web pages). A line
 * is continued by the next when it does not end a sentence, is not a bare
 * heading, is long enough to be body text (or ends in a comma) and the next
 * line does not open a heading or a 责任单位:/完成时限: line. Lines before the first full sentence are the
 * title block and stay as they are.
 */
export function joinBrokenLines(lines: readonly SourceLine[]): SourceLine[] {
  const firstSentence = lines.findIndex((l) => l.text.includes("。"));
  const out: SourceLine[] = [];
  lines.forEach((current, index) => {
    const previous = out[out.length - 1];
    if (previous !== undefined && index > firstSentence && firstSentence >= 0 && continues(previous.text, current.text)) {
      previous.text = previous.text + current.text;
    } else {
      out.push({ ...current });
    }
  });
  return out;
}

function continues(previous: string, next: string): boolean {
  // "责任单位:…" and "完成时限:…" lines (a task table's row) each stand alone.
  if (SENTENCE_END.test(previous) || startsWithHeading(next) || LABEL_START.test(next) || DEADLINE_FIELD.test(next)) return false;
  const bareHeading = startsWithHeading(previous) && !/[。;!?]/.test(previous);
  if (bareHeading) return false;
  return [...previous].length >= BREAK_MIN_LENGTH || /[,、]$/.test(previous);
}

// OpenCC builds its dictionaries when a converter is made (hundreds of milliseconds):
// made on first use, so importing core stays cheap for everyone who never imports a plan.
let converters: { toSimplified: OpenCC.ConverterFunction; toTraditional: OpenCC.ConverterFunction } | null = null;
function openCC(): { toSimplified: OpenCC.ConverterFunction; toTraditional: OpenCC.ConverterFunction } {
  converters ??= {
    toSimplified: OpenCC.Converter({ from: "t", to: "cn" }),
    toTraditional: OpenCC.Converter({ from: "cn", to: "t" }),
  };
  return converters;
}

/** Counts characters that only traditional script uses and those that only simplified script uses. */
export function scriptCounts(text: string): { traditional: number; simplified: number } {
  const { toSimplified, toTraditional } = openCC();
  const chars = [...text];
  const asSimplified = [...toSimplified(text)];
  const asTraditional = [...toTraditional(text)];
  let traditional = 0;
  let simplified = 0;
  // Conversion is character for character in practice; when it is not, compare what lines up.
  const length = Math.min(chars.length, asSimplified.length, asTraditional.length);
  for (let i = 0; i < length; i += 1) {
    if (asSimplified[i] !== chars[i]) traditional += 1;
    if (asTraditional[i] !== chars[i]) simplified += 1;
  }
  return { traditional, simplified };
}

const TRADITIONAL_SHARE = 0.8;

/** Which script a text is written in: some traditional-only characters make it mixed, most make it traditional. */
export function detectScript(text: string): Script {
  return classifyScript(scriptCounts(text));
}

function classifyScript({ traditional, simplified }: { traditional: number; simplified: number }): Script {
  if (traditional === 0) return "simplified";
  return traditional / (traditional + simplified) >= TRADITIONAL_SHARE ? "traditional" : "mixed";
}

/** Converts traditional characters to simplified (OpenCC), line by line so lines still line up. */
export function convertToSimplified(text: string): string {
  const { toSimplified } = openCC();
  return text
    .split("\n")
    .map((line) => toSimplified(line))
    .join("\n");
}

interface FormatSignals {
  newsPreface: boolean;
  pdfArtefacts: number;
  pdfSpaces: number;
  pinyin: number;
  markup: number;
  boilerplate: number;
}

/** Guesses the layout the text came in, from what normalisation found. */
export function detectFormat(signals: FormatSignals): SourceFormat {
  if (signals.newsPreface) return "news-reprint";
  if (signals.pdfArtefacts > 0 || signals.pdfSpaces >= 20) return "pdf-extract";
  if (signals.pinyin > 0 || signals.markup > 0) return "web-scrape";
  if (signals.boilerplate > 0) return "web-page";
  return "plain";
}

const NEWS_PREFACE =
  /^本报.{0,30}讯|^新华社.{0,20}电|(?:全文|主要内容|原文)如下[。:]?$|^(?:近日|日前|近期|今年\d{1,2}月|\d{1,2}月\d{1,2}日).{0,40}(?:印发|发布)了?《[^》]+》/;

/** A newspaper's or a site's preface to a reprinted plan ("本报…讯 … 全文如下。"), not part of the plan. */
export function isNewsPreface(line: string): boolean {
  return NEWS_PREFACE.test(line);
}

/**
 * Normalises a raw plan text for the structure parser and the extractors:
 * cleans page furniture, folds full-width characters, removes PDF spaces and
 * pinyin readings, collapses doubled punctuation, joins broken lines and
 * converts traditional script to simplified. Never throws.
 */
export function normalizeText(raw: string): NormalizedText {
  const warnings: ImportWarning[] = [];
  const signals: FormatSignals = { newsPreface: false, pdfArtefacts: 0, pdfSpaces: 0, pinyin: 0, markup: 0, boilerplate: 0 };

  const rawLines = raw.replace(/\r\n?/g, "\n").split("\n");
  const cleaned: SourceLine[] = rawLines.map((rawLine, index) => {
    const line = index + 1;
    let text = stripInvisible(rawLine);
    const markup = stripMarkupRemnants(text);
    if (markup.removed > 0) {
      signals.markup += markup.removed;
      warnings.push(importWarning("boilerplate-removed", "removed HTML remnants", line, text));
    }
    const pdf = stripPdfArtefacts(markup.text);
    if (pdf.removed > 0) {
      signals.pdfArtefacts += pdf.removed;
      warnings.push(importWarning("boilerplate-removed", "removed a PDF artefact", line, markup.text));
    }
    text = foldEnclosedNumerals(foldFullWidth(pdf.text));
    signals.pdfSpaces += (text.match(/\p{Script=Han} +(?=\p{Script=Han})/gu) ?? []).length;
    return { text, line };
  });

  const pinyin = removePinyinReadings(cleaned.map((l) => l.text).join("\n"));
  signals.pinyin = pinyin.removed;
  if (pinyin.removed > 0) {
    warnings.push(importWarning("pinyin-removed", `removed ${pinyin.removed} pinyin readings printed after characters`));
  }
  const depinyined = pinyin.text.split("\n");

  const collapsed = cleaned.map((source, index) => collapseDoubledPunctuation(collapseSpaces(depinyined[index] ?? source.text)));
  const headers = runningHeaders(collapsed);
  const seenHeaders = new Set<string>();
  const kept: SourceLine[] = [];
  cleaned.forEach((source, index) => {
    const text = collapsed[index] ?? "";
    if (text === "") return;
    // The first one stays: it is often the title itself.
    if (headers.has(text) && seenHeaders.has(text)) {
      signals.boilerplate += 1;
      warnings.push(importWarning("boilerplate-removed", "removed a running header or footer repeated on every page", source.line, text));
      return;
    }
    if (headers.has(text)) seenHeaders.add(text);
    if (isBoilerplateLine(text)) {
      signals.boilerplate += 1;
      warnings.push(importWarning("boilerplate-removed", "removed a line of page furniture", source.line, text));
      return;
    }
    if (isGarbled(text)) {
      warnings.push(importWarning("garbled-text", "the source lost characters here (garbled or replaced by ?); the text is kept as it is", source.line, text.slice(Math.max(0, text.search(GARBLED) - 10))));
    }
    if (isNewsPreface(text)) signals.newsPreface = true;
    kept.push({ text, line: source.line });
  });

  const split = kept.flatMap((source) => {
    const pieces = splitRunOnHeadings(source.text);
    if (pieces.length > 1) {
      warnings.push(importWarning("headings-split", `split a line at ${pieces.length - 1} heading(s) run on after a sentence`, source.line, source.text));
    }
    return pieces.map((text) => ({ text, line: source.line }));
  });
  const joined = joinBrokenLines(split);
  const original = joined.map((l) => l.text).join("\n");
  const counts = scriptCounts(original);
  const script = classifyScript(counts);
  let text = original;
  if (script !== "simplified") {
    text = convertToSimplified(original);
    const { traditional } = counts;
    warnings.push(
      importWarning(
        "script-converted",
        `converted ${traditional} traditional characters to simplified (source script: ${script})`,
      ),
    );
  }

  return {
    text,
    original,
    lineNumbers: joined.map((l) => l.line),
    script,
    format: detectFormat(signals),
    warnings,
  };
}
