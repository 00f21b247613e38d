import type { Jurisdiction, JurisdictionLevel } from "../model/plan.js";
import { DIVISIONS } from "./gazetteer-data.js";
import { WHITESPACE, trimChars } from "./trim-chars.js";

export const JURISDICTION_KINDS = [
  "country",
  "municipality",
  "province",
  "autonomous-region",
  "special-administrative-region",
  "prefecture-city",
  "prefecture",
  "autonomous-prefecture",
  "league",
] as const;
/** 直辖市, 省, 自治区, 特别行政区 (province level); 地级市, 地区, 自治州, 盟 (prefecture level). */
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

/** One place in the gazetteer. */
export interface JurisdictionEntry {
  /** Full name, e.g. 呼和浩特市, 内蒙古自治区. */
  name: string;
  /** Name without its administrative suffix, e.g. 呼和浩特, 内蒙古, 延边 (延边朝鲜族自治州). */
  shortName: string;
  /** Romanised id, e.g. hohhot, inner-mongolia, chengdu. */
  slug: string;
  kind: JurisdictionKind;
  /** national for the country, region for province-level places (municipalities included), city for prefecture-level ones. */
  level: JurisdictionLevel;
  /** Full name of the province-level parent; 中华人民共和国 for province-level places; null for the country. */
  parent: string | null;
}

export const COUNTRY: JurisdictionEntry = {
  name: "中华人民共和国",
  shortName: "中国",
  slug: "china",
  kind: "country",
  level: "national",
  parent: null,
};

/** The country, its 34 province-level divisions and its 333 prefecture-level divisions. */
export const GAZETTEER: readonly JurisdictionEntry[] = [
  COUNTRY,
  ...DIVISIONS.map(([name, shortName, slug, kind, parent]) => ({
    name,
    shortName,
    slug,
    kind,
    level: parent === null ? ("region" as const) : ("city" as const),
    parent: parent ?? COUNTRY.name,
  })),
];

const BY_NAME = new Map<string, JurisdictionEntry>();
// Province-level entries come first, so an ambiguous short name (吉林, 海南) means the province.
for (const e of GAZETTEER) {
  for (const key of [e.name, e.shortName, e.slug]) if (!BY_NAME.has(key)) BY_NAME.set(key, e);
}
BY_NAME.set("全国", COUNTRY);

const QUOTES = new Set([...WHITESPACE, "“", "”", '"', "'", "《", "》"]);
const GOVERNMENT_SUFFIX = /(?:人民政府|政府|党委|市委|省委|区委|人大常委会)$/u;

/**
 * Looks a place up by its full name (呼和浩特市), short name (呼和浩特), slug
 * (hohhot, case-insensitive) or the name of its government (呼和浩特市人民政府).
 * Returns null when the name is not a known place. Never throws.
 */
export function findJurisdiction(name: string): JurisdictionEntry | null {
  const key = trimChars(name, QUOTES);
  return BY_NAME.get(key) ?? BY_NAME.get(key.toLowerCase()) ?? BY_NAME.get(key.replace(GOVERNMENT_SUFFIX, "")) ?? null;
}

/** The shape the plan model stores. */
export function toJurisdiction(entry: JurisdictionEntry): Jurisdiction {
  return { name: entry.name, level: entry.level, parent: entry.parent };
}

// Every full and short name, longest first so that 大兴安岭地区 wins over 兴安,
// and 海南藏族自治州 over 海南.
const MENTIONABLE = GAZETTEER.filter((e) => e !== COUNTRY);
const NAME_PATTERN = new RegExp(
  [...new Set(MENTIONABLE.flatMap((e) => [e.name, e.shortName]))]
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "gu",
);

// A two-character short name is an ordinary word too often (长治久安, 幸福安康,
// 中山大学) to count in a body unless the text around it makes it a place:
// 法治包头, 包头法治政府, 包头地区.
const PLACE_BEFORE = /(?:法治|平安|美丽|建设|打造|中共)$/u;
const PLACE_AFTER = /^(?:法治|市委|市政府|市人民政府|市人大|全市|地区|盟委|行署)/u;

interface Mention {
  entry: JurisdictionEntry;
  at: number;
  full: boolean;
  /** Inside 《》: the title of a cited document, weaker evidence. */
  cited: boolean;
}

function mentions(text: string, strictShortNames: boolean): Mention[] {
  const found: Mention[] = [];
  let citedDepth = 0;
  let scanned = 0;
  for (const m of text.matchAll(NAME_PATTERN)) {
    for (; scanned < m.index; scanned++) {
      if (text[scanned] === "《") citedDepth++;
      else if (text[scanned] === "》") citedDepth = Math.max(0, citedDepth - 1);
    }
    const entry = findJurisdiction(m[0]);
    if (entry === null) continue;
    const full = m[0] === entry.name;
    if (strictShortNames && !full && m[0].length < 3) {
      const before = text.slice(Math.max(0, m.index - 4), m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 5);
      if (!PLACE_BEFORE.test(before) && !PLACE_AFTER.test(after)) continue;
    }
    found.push({ entry, at: m.index, full, cited: citedDepth > 0 });
  }
  return found;
}

function fromTitle(title: string): JurisdictionEntry | null {
  const all = mentions(title, false);
  const own = all.filter((m) => !m.cited);
  const pool = own.length > 0 ? own : all;
  const first = pool[0];
  if (first === undefined) return null;
  // "内蒙古自治区呼和浩特市…": the more specific place named after its parent.
  const child = pool.find((m) => m.entry.parent === first.entry.name);
  return (child ?? first).entry;
}

const SELF_REFERENCE: readonly (readonly [RegExp, JurisdictionLevel])[] = [
  [/我市|全市|本市/gu, "city"],
  [/我省|全省|本省|我区|全区|自治区本级/gu, "region"],
];

function fromBody(body: string): JurisdictionEntry | null {
  const score = new Map<JurisdictionEntry, number>();
  for (const m of mentions(body, true)) {
    score.set(m.entry, (score.get(m.entry) ?? 0) + (m.cited ? 1 : 2));
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || (a[0].level === "city" ? -1 : 1));
  const top = ranked[0];
  if (top === undefined) return null;
  // A city's plan cites its province's documents; when the text speaks of
  // itself as a city (我市, 全市) and a city of that province is named, it is the city.
  const selfLevel = SELF_REFERENCE.map(([re, level]) => [level, body.match(re)?.length ?? 0] as const).sort((a, b) => b[1] - a[1])[0];
  if (selfLevel !== undefined && selfLevel[1] > 0 && selfLevel[0] === "city" && top[0].level === "region") {
    const city = ranked.find(([e]) => e.parent === top[0].name);
    if (city !== undefined) return city[0];
  }
  return top[0];
}

/**
 * Works out whose plan a document is: the place named in its title (the more
 * specific one when a province and its city are both named), otherwise the place
 * the body names most ("法治呼和浩特", 呼和浩特市…), full names counting double
 * and names inside cited titles 《》 counting once. Returns null when no place
 * is named. Never throws.
 */
export function detectJurisdiction(title: string, body: string): JurisdictionEntry | null {
  return fromTitle(title) ?? fromBody(body);
}

const FIRST_PLAN_START = [1953, 1958] as const;

/** Start year of the n-th five-year plan: 1953, 1958, then 1966 on (after the 1963–65 adjustment years). */
function startOfPlan(n: number): number {
  return FIRST_PLAN_START[n - 1] ?? 1966 + 5 * (n - 3);
}

const ORDINAL = "(?<n>十[一二三四五六七八九]?|[一二三四五六七八九])";
const SHORT_FORM = new RegExp(`(?<![一二三四五六七八九十百])${ORDINAL}五(?![一二三四五六七八九十年个])`, "gu");
const LONG_FORM = new RegExp(`第(?<n>[一二三四五六七八九十]+)个五年(?:规划|计划)`, "u");
const CHINESE_ORDINAL: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function ordinalValue(s: string): number | null {
  if (s === "十") return 10;
  if (s.startsWith("十")) {
    const unit = CHINESE_ORDINAL[s.slice(1)];
    return unit === undefined ? null : 10 + unit;
  }
  if (s.length === 2 && s.endsWith("十")) {
    const tens = CHINESE_ORDINAL[s.slice(0, 1)];
    return tens === undefined ? null : tens * 10;
  }
  return CHINESE_ORDINAL[s] ?? null;
}

/**
 * The years of a five-year plan named as "十三五" (alone, in quotes, or followed
 * by 规划/时期/期间) or "第十三个五年规划": 十一五 → 2006–2010, 十三五 → 2016–2020,
 * 十五五 → 2026–2030. Returns null when the text names none. Never throws.
 */
export function fiveYearPlanPeriod(text: string): { startYear: number; endYear: number } | null {
  const n = longFormOrdinal(text) ?? shortFormOrdinal(text);
  if (n === null || n < 1) return null;
  const startYear = startOfPlan(n);
  return { startYear, endYear: startYear + 4 };
}

function longFormOrdinal(text: string): number | null {
  const n = LONG_FORM.exec(text)?.groups?.["n"];
  return n === undefined ? null : ordinalValue(n);
}

// "十三五" counts alone, in quotes, or before 规划/时期…; "三五成群" does not.
const PLAN_WORDS = ["规划", "时期", "期间", "期末", "末", "初", "以来", "计划"];
const OPEN_QUOTES = new Set(["“", '"', "‘", "'"]);
const CLOSE_QUOTES = new Set(["”", '"', "’", "'"]);

function shortFormOrdinal(text: string): number | null {
  const bare = trimChars(text, new Set([...WHITESPACE, ...OPEN_QUOTES, ...CLOSE_QUOTES]));
  for (const m of text.matchAll(SHORT_FORM)) {
    const end = m.index + m[0].length;
    const quoted = OPEN_QUOTES.has(text[m.index - 1] ?? "") && CLOSE_QUOTES.has(text[end] ?? "");
    if (bare === m[0] || quoted || PLAN_WORDS.some((w) => text.startsWith(w, end))) {
      return ordinalValue(m.groups?.["n"] ?? "");
    }
  }
  return null;
}
