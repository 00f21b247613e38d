import { createRequire } from "node:module";
import { pinyin } from "pinyin-pro";
import { DIVISIONS } from "../gazetteer-data.js";

/**
 * Builds the county-level table of the gazetteer (gazetteer-county-data.ts)
 * from china-area-data (the statistics bureau's codes) and pinyin-pro: used by
 * scripts/generate-county-table.ts and by the test that checks the table.
 */
type AreaData = Record<string, Record<string, string>>;

const require = createRequire(import.meta.url);

/** Parents whose "counties" in the data set are towns (东莞, 中山 have no county level) or outside the mainland's system. */
const SKIPPED_PARENTS = new Set(["441900", "442000", "460400", "620200"]);
const SKIPPED_PROVINCES = new Set(["710000", "810000", "820000"]);
/** Codes whose children belong to the province itself: 市辖区/县 of a municipality, 省直辖县级行政区划. */
const PROVINCE_DIRECT = /^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/u;
const SUFFIX = /(?:自治县|自治旗|林区|特区|区|县|市|旗)$/u;

/** Place-name readings pinyin-pro reads as the common word: 新都 is xindu, not xindou. */
const PLACE_READINGS: Readonly<Record<string, string>> = { 单: "shan", 洪洞: "hongtong", 黄陂: "huangpi", 蚌山: "bengshan", 乐亭: "laoting" };

/** Toneless pinyin of a name, syllables run together, ü as v: 锦江 → jinjiang. */
export function slugOf(name: string): string {
  const fixed = PLACE_READINGS[name];
  if (fixed !== undefined) return fixed;
  const syllables = pinyin(name, { toneType: "none", type: "array" });
  return [...name]
    .map((ch, i) => (ch === "都" ? "du" : (syllables[i] ?? "")))
    .map((s) => s.replace(/ü/g, "v").toLowerCase())
    .join("")
    .replace(/[^a-z0-9]/g, "");
}

/** The name without its administrative suffix, for the slug: 锦江区 → 锦江, 峨边彝族自治县 → 峨边彝族. */
function shortOf(name: string): string {
  const short = name.replace(SUFFIX, "");
  return short === "" ? name : short;
}

/** [parent's full name, "name slug|name slug|…"] per parent, parents and counties in code order. */
export function buildCountyTable(): Array<[string, string]> {
  const data = require("china-area-data/data.json") as AreaData;
  const known = new Set(DIVISIONS.map(([name]) => name));
  const provinces = data["86"] ?? {};
  const byParent = new Map<string, Array<[string, string]>>();
  for (const [provinceCode, provinceName] of Object.entries(provinces)) {
    if (SKIPPED_PROVINCES.has(provinceCode)) continue;
    for (const [prefectureCode, prefectureName] of Object.entries(data[provinceCode] ?? {})) {
      if (SKIPPED_PARENTS.has(prefectureCode)) continue;
      const parent = PROVINCE_DIRECT.test(prefectureName) ? provinceName : prefectureName;
      if (!known.has(parent)) throw new Error(`china-area-data names ${parent} (${prefectureCode}), which the gazetteer does not know`);
      for (const countyName of Object.values(data[prefectureCode] ?? {})) {
        if (countyName === "市辖区") continue;
        const list = byParent.get(parent) ?? [];
        list.push([countyName, ""]);
        byParent.set(parent, list);
      }
    }
  }
  const table: Array<[string, string]> = [];
  for (const [parent, counties] of byParent) {
    const seen = new Map<string, number>();
    for (const entry of counties) {
      const base = slugOf(shortOf(entry[0]));
      // Two counties of one parent read alike (rare): the second keeps its suffix's pinyin too.
      const slug = seen.has(base) ? slugOf(entry[0]) : base;
      seen.set(base, (seen.get(base) ?? 0) + 1);
      entry[1] = slug;
    }
    table.push([parent, counties.map(([name, slug]) => `${name} ${slug}`).join("|")]);
  }
  return table;
}
