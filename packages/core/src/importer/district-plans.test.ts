import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jurisdictionKey } from "../model/plan.js";
import { buildCountyTable } from "./__fixtures__/county-table.js";
import { COUNTIES, detectPlanJurisdiction, entryOf, findCounties, GAZETTEER } from "./gazetteer.js";
import { COUNTY_DIVISIONS } from "./gazetteer-county-data.js";
import { ImportError } from "./import-error.js";
import { importPlan } from "./import-plan.js";

// Two made-up plans of sibling districts of 成都市, in the genre of the Chengdu seed: the same
// offices (区司法局, 区委编办, 各街道办事处) under the same names, different 文号 and titles.
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}.txt`, import.meta.url), "utf8");
const JINJIANG = fixture("chengdu-jinjiang-2024");
const WUHOU = fixture("chengdu-wuhou-2024");

describe("the county table", () => {
  it("is what scripts/generate-county-table.ts writes from the installed china-area-data and pinyin-pro", () => {
    expect(COUNTY_DIVISIONS).toEqual(buildCountyTable());
  });

  it("puts every county under a place of the gazetteer, with a slug that can be part of a plan id, unique within its parent", () => {
    const parents = new Set(GAZETTEER.map((e) => e.name));
    expect(COUNTIES.length).toBeGreaterThan(2800);
    for (const c of COUNTIES) {
      expect(parents.has(c.parent ?? "")).toBe(true);
      expect(c.level).toBe("county");
      expect(c.slug).toMatch(/^[a-z]+(?:-[a-z]+)+$/u);
    }
    expect(new Set(COUNTIES.map((c) => c.slug)).size).toBe(COUNTIES.length);
    expect(new Set(COUNTIES.map((c) => jurisdictionKey(c))).size).toBe(COUNTIES.length);
  });

  it("knows that county names repeat across cities, and tells them apart by parent", () => {
    expect(findCounties("朝阳区").map((c) => c.parent).sort()).toEqual(["北京市", "长春市"].sort());
    expect(findCounties("鼓楼区").length).toBeGreaterThanOrEqual(4);
    expect(findCounties("锦江区").map((c) => c.slug)).toEqual(["chengdu-jinjiang"]);
    expect(entryOf({ name: "朝阳区", level: "county", parent: "长春市" })?.slug).toBe("changchun-chaoyang");
    expect(entryOf({ name: "朝阳区", level: "county", parent: "成都市" })).toBeNull();
    expect(entryOf({ name: "成都市", level: "city", parent: "四川省" })?.slug).toBe("chengdu");
  });
});

describe("jurisdictionKey", () => {
  it("is the name for regions and cities (the four built-in plans keep their unit ids), parent and name for a county", () => {
    expect(jurisdictionKey({ name: "成都市", level: "city", parent: "四川省" })).toBe("成都市");
    expect(jurisdictionKey({ name: "内蒙古自治区", level: "region", parent: "中华人民共和国" })).toBe("内蒙古自治区");
    expect(jurisdictionKey({ name: "锦江区", level: "county", parent: "成都市" })).toBe("成都市锦江区");
    expect(jurisdictionKey({ name: "成都市锦江区", level: "county", parent: "成都市" })).toBe("成都市锦江区");
    expect(jurisdictionKey({ name: "某某县", level: "county", parent: null })).toBe("某某县");
  });
});

describe("detectPlanJurisdiction", () => {
  it.each([
    [["成都市锦江区法治政府建设实施方案"], "成都市", "锦江区"],
    [["锦江区法治政府建设实施方案(2024-2025年)"], "成都市", "锦江区"],
    [["法治政府建设实施方案", "成都市武侯区人民政府"], "成都市", "武侯区"],
    [["都江堰市法治政府建设规划"], "成都市", "都江堰市"],
    [["阳泉市城区法治政府建设实施方案"], "阳泉市", "城区"],
    [["湖北省仙桃市法治政府建设规划"], "湖北省", "仙桃市"],
  ])("%j → %s %s", (headings, parent, name) => {
    const found = detectPlanJurisdiction(headings, "");
    expect(found.entry).toMatchObject({ name, parent, level: "county" });
    expect(found).toMatchObject({ alternatives: [], guessed: false });
  });

  it("reads a county name several cities share by the city the text names, and says when it cannot", () => {
    const beijing = detectPlanJurisdiction(["朝阳区法治政府建设实施方案"], "贯彻落实北京市委、北京市人民政府的部署,建设法治中国首善之区。");
    expect(beijing.entry?.parent).toBe("北京市");
    expect(beijing.alternatives).toEqual([]);
    const changchun = detectPlanJurisdiction(["朝阳区法治政府建设实施方案"], "按照长春市法治政府建设的总体部署,结合我区实际。");
    expect(changchun.entry?.parent).toBe("长春市");
    const unclear = detectPlanJurisdiction(["朝阳区法治政府建设实施方案"], "结合我区实际。");
    expect(unclear.alternatives.map((a) => a.parent)).toHaveLength(1);
    expect([unclear.entry?.parent, ...unclear.alternatives.map((a) => a.parent)].sort()).toEqual(["北京市", "长春市"].sort());
  });

  it("does not take a two-character county name (城区, 郊区) from an ordinary title, nor a city's districts from its body", () => {
    expect(detectPlanJurisdiction(["关于加强城区管理的实施意见"], "").entry).toBeNull();
    const city = detectPlanJurisdiction(["成都市法治政府建设规划(2015-2020年)"], "锦江区、青羊区、武侯区要率先完成。");
    expect(city.entry).toMatchObject({ name: "成都市", level: "city" });
  });

  it("reads a district the gazetteer lacks, right after its city in the title, as a guess", () => {
    const found = detectPlanJurisdiction(["成都市天府新区法治政府建设实施方案"], "");
    expect(found.guessed).toBe(true);
    expect(found.entry).toMatchObject({ name: "天府新区", level: "county", parent: "成都市" });
    expect(found.entry?.slug).toMatch(/^chengdu-[a-z]+$/u);
    expect(detectPlanJurisdiction(["成都市人民政府关于印发成都市法治政府建设规划的通知"], "").entry?.name).toBe("成都市");
  });

  it("never throws, and finds only places of the gazetteer unless it says it guessed", () => {
    const places = new Set([...GAZETTEER, ...COUNTIES]);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom(..."成都市锦江区朝阳北京长春城郊县新人民政府关于法治") }), { maxLength: 3 }), fc.string(), (headings, body) => {
        const found = detectPlanJurisdiction(headings, body);
        if (found.entry !== null && !found.guessed) expect(places.has(found.entry)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("a district's plan", () => {
  it("keeps its own jurisdiction, under its city, with an id and unit ids of its own", () => {
    const { plan, warnings } = importPlan(JINJIANG);
    expect(plan.id).toBe("chengdu-jinjiang-2024");
    expect(plan.jurisdiction).toEqual({ name: "锦江区", level: "county", parent: "成都市" });
    expect(plan.issuer).toBe("成都市锦江区人民政府");
    expect(plan.documentNumber).toBe("锦府发〔2024〕3号");
    expect(plan.units.map((u) => u.id)).toContain("成都市锦江区:区司法局");
    for (const u of plan.units) {
      expect(u.id.startsWith("成都市锦江区:")).toBe(true);
      expect(u.jurisdiction).toBe("成都市锦江区");
    }
    expect(warnings.map((w) => w.code)).not.toContain("jurisdiction-unknown");
  });

  it("two sibling districts' same-named offices are two units", () => {
    const jinjiang = importPlan(JINJIANG).plan;
    const wuhou = importPlan(WUHOU).plan;
    expect(wuhou.id).toBe("chengdu-wuhou-2024");
    expect(wuhou.id).not.toBe(jinjiang.id);
    const names = (p: typeof jinjiang) => new Set(p.units.map((u) => u.name));
    const shared = [...names(jinjiang)].filter((n) => names(wuhou).has(n));
    expect(shared).toEqual(expect.arrayContaining(["区司法局", "区委编办", "各街道办事处"]));
    const ids = new Set(jinjiang.units.map((u) => u.id as string));
    for (const u of wuhou.units) expect(ids.has(u.id)).toBe(false);
  });

  it("takes the jurisdiction an admin sets: it scopes the unit ids and gives the id", () => {
    const { plan } = importPlan(JINJIANG, { jurisdiction: { name: "青羊区", level: "county", parent: "成都市" } });
    expect(plan.id).toBe("chengdu-qingyang-2024");
    expect(plan.jurisdiction).toEqual({ name: "青羊区", level: "county", parent: "成都市" });
    expect(plan.units.every((u) => u.id.startsWith("成都市青羊区:"))).toBe(true);
    const own = importPlan(JINJIANG, { id: "jinjiang-2024-test", jurisdiction: { name: "某某新区", level: "county", parent: "成都市" } }).plan;
    expect(own.id).toBe("jinjiang-2024-test");
    expect(own.units[0]?.id.startsWith("成都市某某新区:")).toBe(true);
    const unknown = importPlan(JINJIANG, { jurisdiction: { name: "某某新区", level: "county", parent: "成都市" } }).plan;
    expect(unknown.id).toMatch(/^chengdu-[a-z]+-2024$/u);
  });

  it("refuses a county-level jurisdiction without its parent, and names that cannot be part of a unit id", () => {
    const refuse = (jurisdiction: Parameters<typeof importPlan>[1] extends infer O ? O extends { jurisdiction?: infer J } ? J : never : never) => {
      try {
        importPlan(JINJIANG, { jurisdiction });
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        return (error as ImportError).code;
      }
      return "accepted";
    };
    expect(refuse({ name: "锦江区", level: "county", parent: null })).toBe("invalid-jurisdiction");
    expect(refuse({ name: "锦江 区", level: "county", parent: "成都市" })).toBe("invalid-jurisdiction");
    expect(refuse({ name: "", level: "city", parent: null })).toBe("invalid-jurisdiction");
  });
});
