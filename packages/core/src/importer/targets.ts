import type { IsoDate } from "../model/ids.js";
import type { Milestone } from "../model/milestone.js";
import type { Comparator, Target } from "../model/target.js";
import { NUMBER_SOURCE, parseNumber } from "./chinese-number.js";
import { ClauseIndex, type Span } from "./clause.js";

const COMPARATOR_WORDS: readonly (readonly [string, Comparator])[] = [
  ["不低于", "gte"],
  ["不少于", "gte"],
  ["不小于", "gte"],
  ["至少", "gte"],
  ["最少", "gte"],
  ["不高于", "lte"],
  ["不超过", "lte"],
  ["不多于", "lte"],
  ["不大于", "lte"],
  ["最多", "lte"],
  ["控制在", "lte"],
  ["超过", "gt"],
  ["高于", "gt"],
  ["多于", "gt"],
  ["大于", "gt"],
  ["低于", "lt"],
  ["少于", "lt"],
  ["小于", "lt"],
  ["提高到", "gte"],
  ["提高至", "gte"],
  ["提升到", "gte"],
  ["提升至", "gte"],
  ["达到", "eq"],
  ["保持在", "eq"],
  ["达", "eq"],
];
const COMPARATOR_OF = new Map<string, Comparator>(COMPARATOR_WORDS);

/** Units, longest first so that 个工作日 wins over 个. */
const TIME_UNITS = ["个工作日", "工作日", "个月", "小时", "天", "日", "周", "年"];
const UNITS = [
  "个百分点",
  "个工作日",
  "工作日",
  "个月",
  "学时",
  "课时",
  "小时",
  "人次",
  "万元",
  "亿元",
  "%",
  "％",
  "‰",
  "元",
  "人",
  "名",
  "次",
  "期",
  "件",
  "项",
  "场",
  "家",
  "所",
  "批",
  "篇",
  "份",
  "部",
  "户",
  "套",
  "倍",
  "个",
  "天",
  "日",
  "周",
  "年",
];

// A short verb may sit between the comparator and the number: "至少接受一次培训".
const VERB_GAP = "接受|举办|开展|组织|参加|进行|举行|召开|配备|安排|培训";
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

const TARGET = new RegExp(
  [
    `(?:(?<cmp>${COMPARATOR_WORDS.map(([w]) => w).join("|")})(?<verb>${VERB_GAP})?)?`,
    `(?<percentOf>百分之)?`,
    // 半 only as a time ("半年内", "受理后半个月内"); 上半年, 下半年 and 后半年 are halves of a year.
    `(?<value>${NUMBER_SOURCE}|(?<![上下前后每])半(?=年)|(?<![上下每])半(?=个月|小时|天))`,
    `(?:(?<rangeSep>至|到|-|—|~|～)(?<upper>${NUMBER_SOURCE}))?`,
    `(?<unit>${UNITS.map(escape).join("|")})?`,
    "(?<suffix>以上|以下|以内|之内|内)?",
  ].join(""),
  "gu",
);

const PER_TOKEN = /每(?:人|名|位|年度|年|季度|半年|季|月|周|天|日|个工作日|工作日)/gu;
const PER_CANONICAL: Readonly<Record<string, string>> = { 每名: "每人", 每位: "每人", 每年度: "每年", 每季: "每季度" };

const LEADING_FILLER = /^(?:其中|其|并且|并|且|同时|确保|力争|争取|保证|努力|使|要|应当|应|须|必须|均|都|到|于|在|把|将)+/u;
const LEADING_VERB = /^(?:开展|举办|举行|组织|接受|参加|进行|完成|实现|达到|保持|召开|配备|安排)/u;
const TRAILING_FILLER = /(?:应当|应|要|须|必须|需|均|都|要求|标准|目标|平均)+$/u;
const PUNCTUATION_EDGE = /^[\s,，、;；:：。“”"()（）]+|[\s,，、;；:：。“”"(（]+$/gu;

interface Hit {
  /** The noun follows the number: "至少3人的…", "两期以上法治专题讲座", "至少接受一次…培训", "一至两件地方性法规". */
  nounFollows: boolean;
  start: number;
  end: number;
  phrase: string;
  comparator: Comparator;
  value: number;
  unit: string;
}

type Groups = Partial<Record<string, string>>;

function readHit(text: string, m: RegExpMatchArray): Hit | null {
  const g: Groups = m.groups ?? {};
  const half = g["value"] === "半";
  const value = half ? 0.5 : parseNumber(g["value"] ?? "");
  if (value === null) return null;
  const unit = g["percentOf"] !== undefined ? "%" : (g["unit"] ?? "").replace("％", "%");
  const suffix = g["suffix"];
  const cmp = g["cmp"];
  const ranged = g["upper"] !== undefined && parseNumber(g["upper"] ?? "") !== null;
  // Years are periods, not targets: "2015至2020年", "2016年".
  if (unit === "年" && value >= 1000) return null;
  let comparator: Comparator | undefined = cmp !== undefined ? COMPARATOR_OF.get(cmp) : undefined;
  if (suffix === "以上") comparator = comparator ?? "gte";
  else if (suffix === "以下") comparator = comparator ?? "lte";
  else if (suffix === "以内" || suffix === "之内" || suffix === "内") {
    if (TIME_UNITS.includes(unit)) comparator = "within";
    else if (suffix !== "内") comparator = comparator ?? "lte";
  }
  // A bare range ("一至两件") commits to at least its lower bound.
  if (comparator === undefined && ranged && unit !== "") comparator = "gte";
  // A bare percentage is a level to reach ("行政复议纠错率100%").
  if (comparator === undefined && unit === "%") comparator = "eq";
  if (comparator === undefined || (half && comparator !== "within")) return null;
  // A count needs a unit unless a comparator word says what it is ("不低于90");
  // a Chinese numeral without a unit is a word ("达到国内一流水平").
  if (unit === "" && (cmp === undefined || !/^\d/u.test(g["value"] ?? ""))) return null;
  const start = m.index ?? 0;
  const whole = m[0];
  // "内" after a non-time unit is not part of the phrase ("3人内部…").
  const dropSuffix = suffix === "内" && comparator !== "within" ? 1 : 0;
  const end = start + whole.length - dropSuffix;
  const nounFollows = g["verb"] !== undefined || (ranged && cmp === undefined) || suffix === "以上" || suffix === "以下" || text.startsWith("的", end);
  return { nounFollows, start, end, phrase: whole.slice(0, whole.length - dropSuffix), comparator, value, unit };
}

function perOf(text: string): string | null {
  const tokens = [...text.matchAll(PER_TOKEN)].map((m) => PER_CANONICAL[m[0]] ?? m[0]);
  const unique = [...new Set(tokens)];
  return unique.length === 0 ? null : unique.join("");
}

function tidyMetric(s: string): string {
  let out = s;
  for (let i = 0; i < 3; i++) {
    out = out.replace(PUNCTUATION_EDGE, "").replace(LEADING_FILLER, "").replace(LEADING_VERB, "").replace(TRAILING_FILLER, "");
  }
  return out.replace(PUNCTUATION_EDGE, "");
}

// How far around a number the metric and the frequency are looked for: no
// sensible metric is longer, and it keeps the extractor linear on any text.
const WINDOW = 80;
const MAX_CLAUSE = 300;

function metricOf(text: string, segment: Span, hit: Hit, afterMilestone: number): string {
  // "至少3人的行政复议办案人员标准", "两期以上法治专题讲座": the noun follows the number.
  const after = text.slice(hit.end, Math.min(segment.end, hit.end + WINDOW));
  const following = tidyMetric(/^的?(?<noun>[^,，、;；。()（）]*)/u.exec(after)?.groups?.["noun"] ?? "");
  // "盟市行政机关负责人出庭应诉率不低于90%": the noun comes before the comparator,
  // after the segment's deadline phrase ("2022年年底前").
  let before = text.slice(Math.max(segment.start, afterMilestone, hit.start - WINDOW), hit.start);
  const perMatches = [...before.matchAll(PER_TOKEN)];
  const lastPer = perMatches[perMatches.length - 1];
  if (lastPer !== undefined) before = before.slice((lastPer.index ?? 0) + lastPer[0].length);
  // A time limit counts from an event: "作出决定之日起10个工作日内公开".
  if (hit.comparator === "within") {
    const subject = tidyMetric(before.split(/(?:应当|应|须|必须|要)(?:在|自|于|从)/u)[0] ?? "");
    const action = tidyMetric(/^[^,，;；。]*/u.exec(after)?.[0] ?? "");
    const joined = `${subject.replace(/之日起$|起$/u, "")}${action}`;
    return joined !== "" ? joined : hit.phrase;
  }
  const preceding = tidyMetric(before);
  if (hit.nounFollows && following !== "") return following;
  if (preceding !== "") return preceding;
  return following !== "" ? following : hit.phrase;
}

interface Located {
  /** Where the milestone's clause starts and ends in the text. */
  start: number;
  end: number;
  /** Where its deadline phrase ends. */
  phraseEnd: number;
  sentenceStart: number;
  due: IsoDate;
}

function locateMilestones(text: string, clauses: ClauseIndex, milestones: readonly Milestone[]): Located[] {
  const located: Located[] = [];
  let from = 0;
  for (const m of milestones) {
    const start = text.indexOf(m.clause, from);
    if (start < 0) continue;
    const end = start + m.clause.length;
    const phraseAt = text.indexOf(m.phrase, start);
    const phraseEnd = phraseAt >= 0 && phraseAt < end ? phraseAt + m.phrase.length : start;
    located.push({ start, end, phraseEnd, sentenceStart: clauses.sentenceAround(start).start, due: m.due });
    from = start;
  }
  return located;
}

/** Index of the last located milestone whose `key` is at most `x` (keys ascend with the text), or -1. */
function lastAtMost(located: readonly Located[], key: (l: Located) => number, x: number): number {
  let lo = 0;
  let hi = located.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = located[mid];
    if (l !== undefined && key(l) <= x) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The due date of the milestone whose clause holds `at`, else of the nearest
 * earlier one in the same sentence, else of the first one in that sentence.
 * Milestone clauses are disjoint and in text order, so the last clause starting
 * at or before `at` is both the one holding it (if any) and the nearest earlier.
 */
function dueOf(at: number, sentence: Span, located: readonly Located[]): IsoDate | null {
  const earlier = located[lastAtMost(located, (l) => l.start, at)];
  if (earlier !== undefined && earlier.sentenceStart === sentence.start) return earlier.due;
  const later = located[lastAtMost(located, (l) => l.start, at) + 1];
  return later !== undefined && later.sentenceStart === sentence.start ? later.due : null;
}

/** End of the last deadline phrase before `at` in the segment, or the segment's start. */
function afterLastMilestone(at: number, segment: Span, located: readonly Located[]): number {
  const l = located[lastAtMost(located, (x) => x.phraseEnd, at)];
  return l !== undefined && l.phraseEnd >= segment.start ? l.phraseEnd : segment.start;
}

/** The clause of a target: its segment, or a window of it around the phrase when the segment is huge. */
function clauseOf(text: string, segment: Span, hit: Hit): string {
  let start = segment.start;
  let end = Math.max(segment.end, hit.end);
  if (end - start > MAX_CLAUSE) {
    start = Math.max(start, hit.start - MAX_CLAUSE / 2);
    end = Math.min(end, Math.max(hit.end, start + MAX_CLAUSE));
  }
  return text.slice(start, end).replace(PUNCTUATION_EDGE, "");
}

/**
 * Finds the measurable commitments in a task's (normalised) text:
 * "出庭应诉率不低于90%", "每人每年接受不少于60学时", "至少3人", "两期以上",
 * "10个工作日内" (within), "一至两件" (a range: at least its lower bound).
 * `metric` is the noun phrase the number measures, `per` the frequency
 * (每年, 每人每年) and `due` the date of the milestone (from
 * `extractMilestones(text)`) whose clause or sentence holds the target.
 * Never throws.
 */
export function extractTargets(text: string, milestones: readonly Milestone[]): Target[] {
  const clauses = new ClauseIndex(text);
  const located = locateMilestones(text, clauses, milestones);
  const targets: Target[] = [];
  let previous: { sentenceStart: number; per: string | null } | null = null;
  for (const m of text.matchAll(TARGET)) {
    if (m[0] === "") continue;
    const hit = readHit(text, m);
    if (hit === null) continue;
    const sentence = clauses.sentenceAround(hit.start);
    const segment = clauses.segmentAround(hit.start);
    // "每年开展学法活动不少于24次,开展专题学法不少于2次": 每年 carries over.
    let per = perOf(text.slice(Math.max(segment.start, hit.start - WINDOW), hit.start));
    if (per === null && previous !== null && previous.sentenceStart === sentence.start) per = previous.per;
    previous = { sentenceStart: sentence.start, per };
    const clause = clauseOf(text, segment, hit);
    targets.push({
      index: targets.length + 1,
      metric: metricOf(text, segment, hit, afterLastMilestone(hit.start, segment, located)),
      comparator: hit.comparator,
      value: hit.value,
      unit: hit.unit,
      per,
      phrase: hit.phrase,
      clause: clause === "" ? hit.phrase : clause,
      due: dueOf(hit.start, sentence, located),
    });
  }
  return targets;
}
