import { isoDate, lastDayOfMonth } from "../domain/calendar.js";
import type { IsoDate } from "../model/ids.js";
import type { DeadlineRule, Milestone } from "../model/milestone.js";
import { parseNumber } from "./chinese-number.js";
import { ClauseIndex, tidyClause } from "./clause.js";
import { fiveYearPlanPeriod } from "./gazetteer.js";

const CN_DIGIT = "〇零一二三四五六七八九";
const YEAR = `(?<year>(?<!\\d)[12]\\d{3}(?!\\d)|(?<![${CN_DIGIT}十])[${CN_DIGIT}]{4}(?![${CN_DIGIT}]))年度?`;
const MONTH = `(?<![\\d${CN_DIGIT}十])(?<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?`;
const DAY = `(?<day>3[01]|[12]\\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]`;

/**
 * One pass over the text finds every candidate date expression: an optional
 * preposition, an optional year, an optional period within the year, and an
 * optional "before" marker. Which candidates are deadlines is decided in code,
 * where the rules can be read (see docs/importer-rules.md).
 */
const CANDIDATE = new RegExp(
  [
    // Every candidate that can be a deadline names a 年, 月 or 季(度) within its first characters. Every part
    // below is optional, so without this the pattern would be tried in full at every position of the text
    // (it was most of the importer's time); with it, other positions fail at once.
    "(?=[^年月季]{0,15}[年月季])",
    "(?<pre>截至|截止到|截止|到|至|于|在)?",
    `(?:${YEAR})?`,
    "(?:",
    "(?<yearEnd>年?[底末])",
    "|(?<half>上半年|下半年|年中)",
    "|第?(?<quarter>[一二三四1-4])季度(?<quarterEnd>[末底])?",
    `|${MONTH}(?:${DAY}|(?<monthEnd>[底末])|(?<tenDays>上旬|中旬|下旬))?`,
    ")?",
    "(?<before>以前|之前|前|内(?!部|容|涵|在|外|地|蒙))?",
  ].join(""),
  "gu",
);

/** Words before a year-less phrase that make it recurring (每年年底前) or relative (次年年底前): not a milestone. */
const NOT_A_DEADLINE_BEFORE = /(?:每|逐|次|明|去|上一?|下一?|前一)年?$/u;

interface Candidate {
  phrase: string;
  start: number;
  end: number;
  /** null when the phrase has no year of its own. */
  year: number | null;
  /** The due date for a given year, or null when the day does not exist. */
  dueIn: (year: number) => IsoDate | null;
  rule: DeadlineRule;
}

type Groups = Partial<Record<string, string>>;

function endOfMonth(month: number): (year: number) => IsoDate {
  return (year) => isoDate(year, month, lastDayOfMonth(year, month));
}

function classify(g: Groups, hasYear: boolean): { rule: DeadlineRule; dueIn: (year: number) => IsoDate | null } | null {
  // "2016年内" (within the year) is read as "by the end of" it, like 前.
  const before = g["before"] !== undefined;
  const pre = g["pre"];
  const towards = pre === "到" || pre === "至";
  // "截至2015年底" is a snapshot ("as of"), not a deadline. 于/在 change nothing:
  // "于2019年年底前" is a deadline, "在2015年6月29日召开的会议上" a date.
  const asOf = pre === "截至" || pre === "截止" || pre === "截止到";
  // With its year, a quarter names its end too ("2018年第一季度完成").
  const endForm =
    g["yearEnd"] !== undefined ||
    g["monthEnd"] !== undefined ||
    g["quarterEnd"] !== undefined ||
    g["half"] !== undefined ||
    (hasYear && g["quarter"] !== undefined);
  // "2016年第三季度末", "2017年底" and a year-less "第三季度末", "9月底" name an end by
  // themselves; a bare year-less "年底"/"年末"/"上半年" is too often a plain word (年末考核).
  const namesAnEnd = hasYear ? endForm : g["monthEnd"] !== undefined || g["quarterEnd"] !== undefined;
  // A 旬 (ten days) needs its 前 like a day does: "6月中旬前".
  if (asOf && !before) return null;
  if (!before && !towards && !namesAnEnd) return null;

  if (g["yearEnd"] !== undefined) {
    // A year-less "底" alone (期末, 底线) is not 年底.
    if (!hasYear && !g["yearEnd"].startsWith("年")) return null;
    return { rule: "end-of-year", dueIn: (y) => isoDate(y, 12, 31) };
  }
  if (g["half"] !== undefined) {
    const second = g["half"] === "下半年";
    return { rule: "end-of-half-year", dueIn: (y) => (second ? isoDate(y, 12, 31) : isoDate(y, 6, 30)) };
  }
  if (g["quarter"] !== undefined) {
    const q = parseNumber(g["quarter"]);
    if (q === null || q < 1 || q > 4) return null;
    return { rule: "end-of-quarter", dueIn: endOfMonth(q * 3) };
  }
  if (g["month"] !== undefined) {
    const month = parseNumber(g["month"]);
    if (month === null || month < 1 || month > 12) return null;
    if (g["day"] !== undefined) {
      const day = parseNumber(g["day"]);
      if (day === null || day < 1) return null;
      return {
        rule: "exact-date",
        dueIn: (y) => (day <= lastDayOfMonth(y, month) ? isoDate(y, month, day) : null),
      };
    }
    // 上旬 ends on the 10th, 中旬 on the 20th, 下旬 with the month.
    const tenDays = g["tenDays"];
    if (tenDays === "上旬" || tenDays === "中旬") {
      const day = tenDays === "上旬" ? 10 : 20;
      return { rule: "exact-date", dueIn: (y) => isoDate(y, month, day) };
    }
    // "2016年6月前" and "6月下旬前" are read like "2025年前": by the end of the month named.
    return { rule: "end-of-month", dueIn: endOfMonth(month) };
  }
  if (!hasYear) return null;
  if (g["before"] === "内") return { rule: "end-of-year", dueIn: (y) => isoDate(y, 12, 31) };
  if (before) return { rule: "before-year", dueIn: (y) => isoDate(y, 12, 31) };
  return { rule: "by-year", dueIn: (y) => isoDate(y, 12, 31) };
}

function candidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const g: Groups = { ...m.groups };
    const whole = m[0];
    if (whole === "") continue;
    const hasYear = g["year"] !== undefined;
    const hasPeriod = g["yearEnd"] !== undefined || g["half"] !== undefined || g["quarter"] !== undefined || g["month"] !== undefined;
    if (!hasYear && !hasPeriod) continue;
    const preceding = text.slice(Math.max(0, m.index - 4), m.index);
    // In a range ("2015年至2020年") 至 means "to", not "by": the phrase must stand on its own.
    if (g["pre"] === "至" && /[\d年—–\-~～]$/u.test(preceding)) delete g["pre"];
    const pre = g["pre"];
    if (!hasYear && NOT_A_DEADLINE_BEFORE.test(preceding)) continue;
    const kind = classify(g, hasYear);
    if (kind === null) continue;
    let year: number | null = null;
    if (hasYear) {
      year = parseNumber(g["year"] ?? "");
      if (year === null || year < 1000 || year > 2999) continue;
    }
    // The phrase starts at the year or the period, and keeps 到/至 when that
    // word is what makes it a deadline ("到2020年", "到2017年6月").
    const keepPre = (pre === "到" || pre === "至") && g["before"] === undefined;
    const matchedPre = m.groups?.["pre"] ?? "";
    const start = m.index + (keepPre ? 0 : matchedPre.length);
    const end = m.index + whole.length;
    found.push({ phrase: text.slice(start, end), start, end, year, dueIn: kind.dueIn, rule: kind.rule });
  }
  return [...found, ...planEnds(text)].sort((a, b) => a.start - b.start);
}

// "到“十三五”末": the end of a five-year plan, i.e. Dec 31 of its last year.
const PLAN_END = /[“"]?(?<plan>十[一二三四五六七八九]?五|[一二三四六七八九]五)[”"]?(?:时期|期间)?(?:期末|末|结束前)/gu;

function planEnds(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(PLAN_END)) {
    const period = fiveYearPlanPeriod(`“${m.groups?.["plan"] ?? ""}”`);
    if (period === null) continue;
    const year = period.endYear;
    found.push({ phrase: m[0], start: m.index, end: m.index + m[0].length, year, dueIn: () => isoDate(year, 12, 31), rule: "end-of-year" });
  }
  return found;
}

interface Dated {
  c: Candidate;
  due: IsoDate;
  yearInferred: boolean;
}

function dateCandidates(text: string): { dated: Dated[]; undated: Candidate[] } {
  const dated: Dated[] = [];
  const undated: Candidate[] = [];
  let lastYear: number | null = null;
  for (const c of candidates(text)) {
    const year = c.year ?? lastYear;
    const due = year === null ? null : c.dueIn(year);
    if (due === null) {
      undated.push(c);
      continue;
    }
    if (c.year !== null) lastYear = c.year;
    dated.push({ c, due, yearInferred: c.year === null });
  }
  return { dated, undated };
}

/**
 * The deadline phrases of a text that {@link extractMilestones} could not date:
 * a year-less "年底前" with no earlier year to take, or a day that does not
 * exist ("2017年2月29日前"). For the importer's `unparsed-deadline` warning.
 * Never throws.
 */
export function undatedDeadlinePhrases(text: string): string[] {
  return dateCandidates(text).undated.map((c) => c.phrase);
}

/**
 * Finds the dated milestones in a task's (normalised) text: "2016年年底前" →
 * 2016-12-31, "2019年6月底前" → 2019-06-30, "到2020年" → 2020-12-31,
 * "2025年前" → 2025-12-31, and year-less phrases ("年底前") dated with the year
 * of the nearest earlier milestone. Recurring ("每年第一季度") and relative
 * ("1个月前") phrases are not milestones. Never throws.
 */
export function extractMilestones(text: string): Milestone[] {
  const { dated } = dateCandidates(text);
  const clauses = new ClauseIndex(text);
  return dated.map(({ c, due, yearInferred }, i) => {
    const sentence = clauses.sentenceAround(c.start);
    const from = clauses.segmentAround(c.start).start;
    let to = sentence.end;
    const next = dated[i + 1]?.c;
    if (next !== undefined && next.start < sentence.end) {
      const nextFrom = clauses.segmentAround(next.start).start;
      to = nextFrom > c.start ? nextFrom : next.start;
    }
    return {
      index: i + 1,
      phrase: c.phrase,
      clause: tidyClause(text.slice(from, Math.max(to, c.end)), c.phrase),
      due,
      rule: c.rule,
      yearInferred,
    };
  });
}
