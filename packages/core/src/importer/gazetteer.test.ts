import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JurisdictionSchema } from "../model/plan.js";
import { anyText } from "./__fixtures__/plan-text-arbitrary.js";
import { COUNTRY, GAZETTEER, detectJurisdiction, findJurisdiction, fiveYearPlanPeriod, toJurisdiction } from "./gazetteer.js";

// Verbatim copies of the seed plans in /work/shared/seeds/ (hohhot-2015-traditional
// is the web scrape in traditional script, with no title header).
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}.txt`, import.meta.url), "utf8");
const hohhotTraditional = fixture("hohhot-2015-traditional");
/** The text without its first lines, where the title block is. */
const withoutHead = (text: string, lines: number) => text.split("\n").slice(lines).join("\n");

const countBy = <T,>(xs: readonly T[], key: (x: T) => string) =>
  xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [key(x)]: (acc[key(x)] ?? 0) + 1 }), {});

describe("the gazetteer table", () => {
  const provinceLevel = GAZETTEER.filter((e) => e.level === "region");
  const prefectureLevel = GAZETTEER.filter((e) => e.level === "city");

  it("holds 34 province-level and 333 prefecture-level divisions of every kind", () => {
    expect(provinceLevel).toHaveLength(34);
    expect(prefectureLevel).toHaveLength(333);
    expect(countBy(GAZETTEER, (e) => e.kind)).toEqual({
      country: 1,
      municipality: 4,
      province: 23,
      "autonomous-region": 5,
      "special-administrative-region": 2,
      "prefecture-city": 293,
      prefecture: 7,
      "autonomous-prefecture": 30,
      league: 3,
    });
  });

  it("has unique names and slugs, and slugs that can be part of a plan id", () => {
    expect(new Set(GAZETTEER.map((e) => e.name)).size).toBe(GAZETTEER.length);
    expect(new Set(GAZETTEER.map((e) => e.slug)).size).toBe(GAZETTEER.length);
    for (const e of GAZETTEER) expect(e.slug).toMatch(/^[a-z]+(?:-[a-z]+)*$/u);
  });

  it("gives every prefecture-level place a province-level parent, and every province the country", () => {
    const provinceNames = new Set(provinceLevel.map((e) => e.name));
    for (const e of prefectureLevel) expect(provinceNames.has(e.parent ?? "")).toBe(true);
    for (const e of provinceLevel) expect(e.parent).toBe(COUNTRY.name);
    // Municipalities and Hong Kong, Macau have no prefecture-level divisions.
    const parents = new Set(prefectureLevel.map((e) => e.parent));
    expect([...provinceNames].filter((n) => !parents.has(n)).sort()).toEqual(
      ["上海市", "北京市", "台湾省", "天津市", "澳门特别行政区", "重庆市", "香港特别行政区"].sort(),
    );
  });

  it("uses conventional English slugs where there is one, toneless pinyin otherwise", () => {
    const slug = (name: string) => GAZETTEER.find((e) => e.name === name)?.slug;
    expect(slug("呼和浩特市")).toBe("hohhot");
    expect(slug("包头市")).toBe("baotou");
    expect(slug("成都市")).toBe("chengdu");
    expect(slug("内蒙古自治区")).toBe("inner-mongolia");
    expect(slug("西藏自治区")).toBe("tibet");
    expect(slug("新疆维吾尔自治区")).toBe("xinjiang");
    expect(slug("广西壮族自治区")).toBe("guangxi");
    expect(slug("宁夏回族自治区")).toBe("ningxia");
    expect(slug("香港特别行政区")).toBe("hong-kong");
    expect(slug("澳门特别行政区")).toBe("macau");
    expect(slug("陕西省")).toBe("shaanxi");
    expect(slug("山西省")).toBe("shanxi");
    expect(slug("重庆市")).toBe("chongqing");
    expect(slug("六安市")).toBe("luan");
    expect(slug("苏州市")).toBe("suzhou-jiangsu");
    expect(slug("宿州市")).toBe("suzhou-anhui");
    expect(slug("吉林市")).toBe("jilin-jilin");
    expect(slug("吉林省")).toBe("jilin");
  });

  it("knows the short names of autonomous prefectures and leagues", () => {
    expect(findJurisdiction("延边")?.name).toBe("延边朝鲜族自治州");
    expect(findJurisdiction("西双版纳")?.name).toBe("西双版纳傣族自治州");
    expect(findJurisdiction("锡林郭勒")?.name).toBe("锡林郭勒盟");
    expect(findJurisdiction("大兴安岭")?.name).toBe("大兴安岭地区");
  });
});

describe("findJurisdiction", () => {
  it.each([
    ["呼和浩特市", "呼和浩特市"],
    ["呼和浩特", "呼和浩特市"],
    ["hohhot", "呼和浩特市"],
    ["Hohhot", "呼和浩特市"],
    ["呼和浩特市人民政府", "呼和浩特市"],
    ["内蒙古", "内蒙古自治区"],
    ["内蒙古自治区人民政府", "内蒙古自治区"],
    ["“包头”", "包头市"],
    ["吉林", "吉林省"],
    ["海南", "海南省"],
    ["全国", "中华人民共和国"],
  ])("%s → %s", (name, expected) => {
    expect(findJurisdiction(name)?.name).toBe(expected);
  });

  it("returns null for what is not a place", () => {
    expect(findJurisdiction("法治政府")).toBeNull();
    expect(findJurisdiction("")).toBeNull();
  });

  it("gives the model's jurisdiction shape", () => {
    const hohhot = findJurisdiction("hohhot");
    expect(hohhot === null ? null : toJurisdiction(hohhot)).toEqual({ name: "呼和浩特市", level: "city", parent: "内蒙古自治区" });
    const region = findJurisdiction("内蒙古");
    expect(region === null ? null : JurisdictionSchema.parse(toJurisdiction(region))).toEqual({
      name: "内蒙古自治区",
      level: "region",
      parent: "中华人民共和国",
    });
  });
});

describe("detectJurisdiction on the seed plans", () => {
  it.each([
    ["呼和浩特市人民政府关于全面推进依法行政加快建设法治政府的实施意见", "呼和浩特市"],
    ["包头市“十三五”法治政府建设专项规划", "包头市"],
    ["内蒙古自治区贯彻《法治政府建设实施纲要(2021—2025年)》实施方案", "内蒙古自治区"],
    ["成都市法治政府建设规划(2015-2020年)", "成都市"],
    ["成都市人民政府关于印发成都市法治政府建设规划(2015-2020年)的通知", "成都市"],
  ])("title %s → %s", (title, expected) => {
    expect(detectJurisdiction(title, "")?.name).toBe(expected);
  });

  it("prefers a place outside cited titles, and a city named after its province", () => {
    expect(detectJurisdiction("关于印发《四川省依法治省指标体系》的成都市通知", "")?.name).toBe("成都市");
    expect(detectJurisdiction("关于印发《成都市法治政府建设规划》的通知", "")?.name).toBe("成都市");
    expect(detectJurisdiction("内蒙古自治区包头市法治政府建设规划", "")?.name).toBe("包头市");
  });

  it("Hohhot's traditional copy has no title: the body's 法治呼和浩特 and its cited documents find 呼和浩特市", () => {
    expect(detectJurisdiction("", hohhotTraditional)?.name).toBe("呼和浩特市");
  });

  it.each([
    ["hohhot-2015", "呼和浩特市"],
    ["baotou-2016", "包头市"],
    ["inner-mongolia-2021", "内蒙古自治区"],
    ["chengdu-2015", "成都市"],
  ])("the body of %s without its title block names %s most", (name, expected) => {
    expect(detectJurisdiction("", withoutHead(fixture(name), 8))?.name).toBe(expected);
  });

  it("a city body that cites its region's documents more often than it names itself is still the city", () => {
    const body =
      "严格落实《内蒙古自治区行政权力监督管理办法》。全面落实《内蒙古自治区规范性文件制定和备案监督办法》。全面落实《内蒙古自治区行政执法证件管理办法》。各级政府要积极投身建设法治呼和浩特的实践中,确保我市各项举措落到实处。";
    expect(detectJurisdiction("", body)?.name).toBe("呼和浩特市");
  });

  it("does not take a two-character place name from an ordinary phrase", () => {
    expect(detectJurisdiction("", "维护社会长治久安,让人民幸福安康,推进重大理论创新。")).toBeNull();
    expect(detectJurisdiction("", "全面推进包头法治政府建设,建设法治包头。")?.name).toBe("包头市");
  });

  it("returns null when no place is named", () => {
    expect(detectJurisdiction("法治政府建设实施纲要", "坚持法定职责必须为。")).toBeNull();
  });

  it("never throws", () => {
    fc.assert(
      fc.property(anyText, anyText, (title, body) => {
        const found = detectJurisdiction(title, body);
        if (found !== null) expect(GAZETTEER).toContain(found);
      }),
      { numRuns: 500 },
    );
  });
});

describe("fiveYearPlanPeriod", () => {
  it.each([
    ["十一五", 2006, 2010],
    ["十二五", 2011, 2015],
    ["十三五", 2016, 2020],
    ["“十四五”", 2021, 2025],
    ["十五五", 2026, 2030],
    ["十五", 2001, 2005],
    ["一五", 1953, 1957],
    ["二五", 1958, 1962],
    ["三五", 1966, 1970],
    ["包头市“十三五”法治政府建设专项规划", 2016, 2020],
    ["十四五规划", 2021, 2025],
    ["国民经济和社会发展第十三个五年规划的建议", 2016, 2020],
  ])("%s → %d–%d", (text, startYear, endYear) => {
    expect(fiveYearPlanPeriod(text)).toEqual({ startYear, endYear });
  });

  it.each(["三五成群", "十五年", "二十五个", "法治政府建设规划", ""])("%j names no plan", (text) => {
    expect(fiveYearPlanPeriod(text)).toBeNull();
  });

  it("stays fast on long inputs", () => {
    const started = performance.now();
    fiveYearPlanPeriod("“十三五”和".repeat(20_000));
    fiveYearPlanPeriod("三五".repeat(50_000));
    findJurisdiction(`${"'".repeat(100_000)}x`);
    detectJurisdiction("", "法治包头,呼和浩特市".repeat(10_000));
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("never throws and always gives five years", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const p = fiveYearPlanPeriod(text);
        if (p !== null) expect(p.endYear - p.startYear).toBe(4);
      }),
    );
  });
});
