import type { Jurisdiction, JurisdictionLevel } from "../model/plan.js";
import { charReadings } from "../search/pinyin.js";
import { COUNTY_DIVISIONS } from "./gazetteer-county-data.js";
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
  "county",
] as const;
/**
 * 直辖市, 省, 自治区, 特别行政区 (province level); 地级市, 地区, 自治州, 盟 (prefecture level);
 * county for every county-level place (区, 县, 县级市, 旗, 自治县, 自治旗, 林区, 特区).
 */
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];

/** One place in the gazetteer. */
export interface JurisdictionEntry {
  /** Full name, e.g. 呼和浩特市, 内蒙古自治区. */
  name: string;
  /** Name without its administrative suffix, e.g. 呼和浩特, 内蒙古, 延边 (延边朝鲜族自治州). */
  shortName: string;
  /** Romanised id, e.g. hohhot, inner-mongolia, chengdu; a county's is its parent's and its own: chengdu-jinjiang. */
  slug: string;
  kind: JurisdictionKind;
  /**
   * national for the country, region for province-level places (municipalities included), city for
   * prefecture-level ones, county for county-level ones.
   */
  level: JurisdictionLevel;
  /**
   * Full name of the parent: the province-level one for a prefecture-level place; for a county, its
   * prefecture-level place (or the province or municipality it sits directly under); 中华人民共和国 for
   * province-level places; null for the country.
   */
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

const QUOTES = new Set([...WHITESPACE, "“", "”", '"', "'", "《", "》"]);
const GOVERNMENT_SUFFIX = /(?:人民政府|政府|党委|市委|省委|区委|县委|人大常委会)$/u;

const BY_FULL_NAME = new Map(GAZETTEER.map((e) => [e.name, e]));

/**
 * China's county-level divisions, each under its parent (gazetteer-county-data.ts). Their names
 * repeat across the country (朝阳区 in 北京市 and 长春市, 鼓楼区 in four cities): a county is
 * known by its parent and its name together.
 */
export const COUNTIES: readonly JurisdictionEntry[] = COUNTY_DIVISIONS.flatMap(([parent, list]) => {
  const parentSlug = BY_FULL_NAME.get(parent)?.slug ?? "";
  return list.split("|").map((item) => {
    const [name = "", slug = ""] = item.split(" ");
    return { name, shortName: name, slug: `${parentSlug}-${slug}`, kind: "county" as const, level: "county" as const, parent };
  });
});

const COUNTIES_BY_NAME = new Map<string, JurisdictionEntry[]>();
for (const c of COUNTIES) COUNTIES_BY_NAME.set(c.name, [...(COUNTIES_BY_NAME.get(c.name) ?? []), c]);

/** Every county-level place of this name, across the country (朝阳区 → 北京市's and 长春市's). */
export function findCounties(name: string): readonly JurisdictionEntry[] {
  return COUNTIES_BY_NAME.get(trimChars(name, QUOTES).replace(GOVERNMENT_SUFFIX, "")) ?? [];
}

/**
 * The gazetteer's entry for a jurisdiction as the model stores it (name, level, parent), or null
 * when the gazetteer does not know it: a county by its name and parent, anything else by its name.
 */
export function entryOf(jurisdiction: Jurisdiction): JurisdictionEntry | null {
  if (jurisdiction.level === "county") return findCounties(jurisdiction.name).find((c) => c.parent === jurisdiction.parent) ?? null;
  const entry = BY_FULL_NAME.get(jurisdiction.name);
  return entry?.level === jurisdiction.level ? entry : null;
}

const BY_NAME = new Map<string, JurisdictionEntry>();
// Province-level entries come first, so an ambiguous short name (吉林, 海南) means the province.
for (const e of GAZETTEER) {
  for (const key of [e.name, e.shortName, e.slug]) if (!BY_NAME.has(key)) BY_NAME.set(key, e);
}
BY_NAME.set("全国", COUNTRY);


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

// County names longest first (so that 井陉矿区 wins over 矿区). A two-character name (城区, 郊区,
// 矿区, 东区) is an ordinary word too: it counts only right after its parent's name (阳泉市城区).
const COUNTY_PATTERN = new RegExp(
  [...COUNTIES_BY_NAME.keys()].sort((a, b) => b.length - a.length).join("|"),
  "gu",
);
// A district or county the gazetteer does not know (a new 新区, a renamed county) right after its city
// in a title: 成都市天府新区法治政府建设…, 某某市某某区人民政府关于….
const UNKNOWN_COUNTY = /^(\p{Script=Han}{1,6}?(?:新区|区|县|旗))(?=人民政府|政府|法治|关于|贯彻|全面|“|《|\(|（|\d|20)/u;
const NOT_A_COUNTY = /^(?:人民|政府|关于|法治|全面|贯彻|自治)/u;

/** What {@link detectPlanJurisdiction} found. */
export interface JurisdictionDetection {
  /** The place whose plan it is; null when no place is named. */
  entry: JurisdictionEntry | null;
  /** Other places the text could equally mean (a county name several cities have, 朝阳区); empty when clear. */
  alternatives: JurisdictionEntry[];
  /** True when the place is not in the gazetteer and was read from the title's shape alone (成都市天府新区). */
  guessed: boolean;
}

function parentScore(parent: string, text: string): number {
  const entry = BY_FULL_NAME.get(parent);
  if (entry === undefined) return 0;
  let score = 0;
  for (const m of mentions(text, true)) if (m.entry === entry) score += m.full ? 2 : 1;
  return score;
}

/**
 * The county-level place a plan's headings (its title, its issuer) name, if any: by its parent when
 * the heading names one too (成都市锦江区), else by the parent the text around it names most (a
 * 朝阳区 plan that speaks of 北京市). Counties are only looked for in headings: a city's plan names
 * its districts in its body all the time.
 */
function countyFrom(headings: readonly string[], upper: JurisdictionEntry | null, text: string): JurisdictionDetection | null {
  for (const heading of headings) {
    for (const m of heading.matchAll(COUNTY_PATTERN)) {
      const all = COUNTIES_BY_NAME.get(m[0]) ?? [];
      const before = heading.slice(0, m.index);
      const namedParent = all.filter((c) => {
        const parent = BY_FULL_NAME.get(c.parent ?? "");
        return parent !== undefined && (before.endsWith(parent.name) || before.endsWith(parent.shortName));
      });
      if (m[0].length < 3 && namedParent.length === 0) continue;
      let pool = namedParent.length > 0 ? namedParent : all;
      if (upper !== null && namedParent.length === 0) {
        // 四川省锦江区…, or a city's title that merely mentions a county elsewhere: only counties of that place.
        pool = pool.filter((c) => c.parent === upper.name || BY_FULL_NAME.get(c.parent ?? "")?.parent === upper.name);
        if (pool.length === 0) continue;
      }
      if (pool.length === 1 && pool[0] !== undefined) return { entry: pool[0], alternatives: [], guessed: false };
      const ranked = pool.map((c) => ({ c, score: parentScore(c.parent ?? "", text) })).sort((a, b) => b.score - a.score);
      const [best, second] = ranked;
      if (best === undefined) continue;
      const tied = ranked.filter((r) => r.score === best.score).map((r) => r.c);
      return second !== undefined && second.score === best.score
        ? { entry: best.c, alternatives: tied.filter((c) => c !== best.c), guessed: false }
        : { entry: best.c, alternatives: [], guessed: false };
    }
  }
  if (upper === null || (upper.level !== "city" && upper.kind !== "municipality")) return null;
  for (const heading of headings) {
    const at = heading.indexOf(upper.name);
    if (at < 0) continue;
    const rest = heading.slice(at + upper.name.length);
    const name = UNKNOWN_COUNTY.exec(rest)?.[1];
    if (name === undefined || NOT_A_COUNTY.test(name)) continue;
    const short = name.replace(/(?:新区|区|县|旗)$/u, "");
    return {
      entry: { name, shortName: short, slug: `${upper.slug}-${romanise(short)}`, kind: "county", level: "county", parent: upper.name },
      alternatives: [],
      guessed: true,
    };
  }
  return null;
}

/** Toneless pinyin of a name, one reading per character (the first one known): for places the gazetteer lacks. */
export function romanise(name: string): string {
  const letters = [...name].map((ch) => charReadings(ch.codePointAt(0) ?? 0)[0] ?? "").join("");
  return letters === "" ? "plan" : letters;
}

/**
 * Works out whose plan a document is, as {@link detectJurisdiction} does, and also finds district
 * and county plans: a county-level place named in a heading (the title, the issuer) under its city
 * (锦江区 → 成都市锦江区). A county name several cities share is told apart by the city the text
 * names most; when that leaves a tie, the others come back as alternatives. Never throws.
 */
export function detectPlanJurisdiction(headings: readonly string[], body: string): JurisdictionDetection {
  // A county's name may hold a city's short name (朝阳区 and 朝阳市 of 辽宁省): the city is looked for
  // outside county names.
  const masked = headings.map((h) => h.replace(COUNTY_PATTERN, (name) => (name.length < 3 ? name : "□".repeat(name.length))));
  const upper = masked.map(fromTitle).find((e) => e !== null) ?? null;
  const county = countyFrom(headings, upper, `${headings.join("\n")}\n${body}`);
  if (county !== null) return county;
  return { entry: upper ?? fromBody(body), alternatives: [], guessed: false };
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
