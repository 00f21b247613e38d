import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TargetSchema } from "../model/target.js";
import { anyText, planText } from "./__fixtures__/plan-text-arbitrary.js";
import { extractMilestones } from "./milestones.js";
import { extractTargets } from "./targets.js";

const targetsOf = (text: string) => extractTargets(text, extractMilestones(text));
const brief = (text: string) =>
  targetsOf(text).map((t) => ({ metric: t.metric, comparator: t.comparator, value: t.value, unit: t.unit, per: t.per, due: t.due }));

describe("extractTargets on the seed plans", () => {
  it("Inner Mongolia (二十): two 90% targets, each due with its own milestone", () => {
    const text =
      "严格执行行政机关负责人出庭应诉制度,实行行政机关负责人出庭应诉情况定期通报制度,2022年年底前盟市行政机关负责人出庭应诉率不低于90%,2024年年底前旗县(市、区)行政机关负责人出庭应诉率不低于90%。各级政府部门要支持人民法院依法受理和审理行政案件。";
    const targets = targetsOf(text);
    expect(targets.map((t) => [t.index, t.metric, t.comparator, t.value, t.unit, t.per, t.phrase, t.due])).toEqual([
      [1, "盟市行政机关负责人出庭应诉率", "gte", 90, "%", null, "不低于90%", "2022-12-31"],
      [2, "旗县(市、区)行政机关负责人出庭应诉率", "gte", 90, "%", null, "不低于90%", "2024-12-31"],
    ]);
    expect(targets[0]?.clause).toBe("2022年年底前盟市行政机关负责人出庭应诉率不低于90%");
  });

  it("Inner Mongolia (十九): 至少3人", () => {
    expect(brief("配齐配强行政复议人员,各盟市、旗县(市、区)应当达到至少3人的行政复议办案人员标准。")).toEqual([
      { metric: "行政复议办案人员", comparator: "gte", value: 3, unit: "人", per: null, due: null },
    ]);
  });

  it("Inner Mongolia (三十一): per person per year, two lectures a year, and a Chinese numeral", () => {
    const text =
      "各级政府及部门领导班子每年举办两期以上法治专题讲座。盟市、旗县级以上政府承担行政执法职能的部门负责人任期内至少接受一次法治专题脱产培训。加强行政执法队伍专业化、职业化建设,确保每人每年接受不少于60学时的业务知识和法律法规培训。";
    expect(brief(text)).toEqual([
      { metric: "法治专题讲座", comparator: "gte", value: 2, unit: "期", per: "每年", due: null },
      { metric: "法治专题脱产培训", comparator: "gte", value: 1, unit: "次", per: null, due: null },
      { metric: "业务知识和法律法规培训", comparator: "gte", value: 60, unit: "学时", per: "每人每年", due: null },
    ]);
  });

  it("Chengdu 44: 每名…每年 reads as per person per year", () => {
    expect(brief("建立法制机构工作人员培训制度,每名法制机构工作人员每年培训时间不少于40学时。")).toEqual([
      { metric: "培训时间", comparator: "gte", value: 40, unit: "学时", per: "每人每年", due: null },
    ]);
  });

  it("Chengdu 28: two time limits in working days", () => {
    const text =
      "行政审批决定应当在作出决定之日起10个工作日内公开。推进行政处罚信息公开,除法律法规另有规定外,行政执法部门适用一般程序作出行政处罚决定或者处罚变更之日起20个工作日内,在政府或者部门网站依法公开案件信息。";
    const targets = targetsOf(text);
    expect(targets.map((t) => [t.comparator, t.value, t.unit, t.phrase])).toEqual([
      ["within", 10, "个工作日", "10个工作日内"],
      ["within", 20, "个工作日", "20个工作日内"],
    ]);
    expect(targets[0]?.metric).toBe("行政审批决定公开");
    expect(targets[1]?.metric).toContain("行政处罚决定");
  });

  it("Chengdu guarantee (二): 每年 carries over to the second count in the sentence", () => {
    expect(brief("市和区(市)县政府常务会议每年开展学法活动不少于24次,开展专题学法不少于2次。")).toEqual([
      { metric: "学法活动", comparator: "gte", value: 24, unit: "次", per: "每年", due: null },
      { metric: "专题学法", comparator: "gte", value: 2, unit: "次", per: "每年", due: null },
    ]);
  });

  it("Baotou 7 and 45: a percentage and 两期以上", () => {
    expect(brief("加强对市场主体公示信息抽查,其中年报公示信息抽查比例不低于3%;围绕问题相对集中的行业,开展定向抽查。")).toEqual([
      { metric: "年报公示信息抽查比例", comparator: "gte", value: 3, unit: "%", per: null, due: null },
    ]);
    expect(brief("适时举办依法行政实务指导培训。政府领导班子每年应当举办两期以上法治专题讲座。")).toEqual([
      { metric: "法治专题讲座", comparator: "gte", value: 2, unit: "期", per: "每年", due: null },
    ]);
  });

  it("Baotou: a range commits to its lower bound", () => {
    expect(brief("每年确定一至两件地方性法规或者政府规章作为立法协商项目。")).toEqual([
      { metric: "地方性法规或者政府规章作为立法协商项目", comparator: "gte", value: 1, unit: "件", per: "每年", due: null },
    ]);
  });
});

describe("extractTargets comparators and units", () => {
  it.each([
    ["覆盖率达到100%", "eq", 100, "%", "覆盖率"],
    ["办结率不低于百分之九十五", "gte", 95, "%", "办结率"],
    ["复议纠错率不超过5%", "lte", 5, "%", "复议纠错率"],
    ["差错率控制在3%以内", "lte", 3, "%", "差错率"],
    ["满意度高于85%", "gt", 85, "%", "满意度"],
    ["败诉率低于10%", "lt", 10, "%", "败诉率"],
    ["培训时间不少于3.5小时", "gte", 3.5, "小时", "培训时间"],
    ["每年组织专题培训二十次以上", "gte", 20, "次", "专题培训"],
    ["法律顾问人数不少于十二名", "gte", 12, "名", "法律顾问人数"],
    ["每年举办三到五场听证会", "gte", 3, "场", "听证会"],
    ["政务服务事项网上可办率达90%", "eq", 90, "%", "政务服务事项网上可办率"],
    ["案件办结率提高到95%", "gte", 95, "%", "案件办结率"],
    ["规范性文件备案审查率100%", "eq", 100, "%", "规范性文件备案审查率"],
    ["法律顾问覆盖率百分之百", "eq", 100, "%", "法律顾问覆盖率"],
  ])("%s → %s %d %s", (text, comparator, value, unit, metric) => {
    const [t, ...rest] = targetsOf(`${text}。`);
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ comparator, value, unit, metric });
  });

  it.each([
    ["三个月内完成整改", "within", 3, "个月"],
    ["应当在收到申请之日起五日内作出决定", "within", 5, "日"],
    ["两年内完成清理", "within", 2, "年"],
    ["半年内完成整改", "within", 0.5, "年"],
    ["应当在受理后半个月内答复", "within", 0.5, "个月"],
  ])("%s is a time limit", (text, comparator, value, unit) => {
    expect(targetsOf(text).map((t) => [t.comparator, t.value, t.unit])).toEqual([[comparator, value, unit]]);
  });

  it.each([
    ["plan periods", "成都市法治政府建设规划(2015-2020年)和纲要(2021—2025年)。"],
    ["dates", "2016年6月底前完成,已经2015年6月29日市政府第80次常务会议讨论通过。"],
    ["counts without a comparator", "坚持“三个代表”重要思想,构建四级政务服务体系,实行“两单”无缝衔接。"],
    ["levels", "旗县级以上政府部门、县级以上地方政府。"],
    ["recurring periods", "每五年对规章、每两年对规范性文件进行全面清理。"],
    ["halves of a year", "上半年内完成,下半年以内推广,每半年通报一次,半年以上。"],
    ["relative times", "在举行听证1个月前公告。"],
    ["a hotline number", "建立全区统一的12345政务服务便民热线。"],
    ["Chinese numerals in words", "达到国内一流水平,服务质量高于一般标准,至少一方同意。"],
  ])("finds no target in %s", (_name, text) => {
    expect(targetsOf(text)).toEqual([]);
  });

  it("takes the due date from a milestone in the same sentence when none shares its clause", () => {
    expect(targetsOf("出庭应诉率不低于90%,2022年年底前实现。另行规定不少于2次。").map((t) => t.due)).toEqual(["2022-12-31", null]);
  });

  it("ignores milestones whose clause is not in the text", () => {
    const [m] = extractMilestones("2016年年底前完成。");
    expect(m).toBeDefined();
    expect(extractTargets("出庭应诉率不低于90%。", m === undefined ? [] : [m])[0]?.due).toBeNull();
  });
});

describe("extractTargets properties", () => {
  it("never throws; targets validate, are indexed 1..n and their phrases are printed in the text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const targets = extractTargets(text, extractMilestones(text));
        targets.forEach((t, i) => {
          expect(t.index).toBe(i + 1);
          expect(TargetSchema.safeParse(t).success).toBe(true);
          expect(Number.isFinite(t.value)).toBe(true);
          expect(text).toContain(t.phrase);
          expect(t.clause).toContain(t.phrase);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("reads back any 不低于N% / 不少于N次 appended to a metric", () => {
    fc.assert(
      fc.property(
        planText,
        fc.constantFrom("出庭应诉率", "学法活动", "抽查比例"),
        fc.constantFrom(["不低于", "gte"] as const, ["不少于", "gte"] as const, ["不超过", "lte"] as const),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom("%", "次", "学时"),
        (before, metric, [word, comparator], value, unit) => {
          const text = `${before}。${metric}${word}${value}${unit}。`;
          const last = extractTargets(text, []).at(-1);
          expect(last).toMatchObject({ metric, comparator, value, unit });
        },
      ),
    );
  });

  it("reads counts written in Chinese numerals and ranges", () => {
    const chinese = ["一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "二十", "二十四", "六十"];
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 24, 60];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: chinese.length - 1 }), fc.constantFrom("次", "期", "件", "学时"), fc.boolean(), (i, unit, ranged) => {
        const low = chinese[i] ?? "";
        const text = ranged ? `每年开展${low}至${chinese[i + 1] ?? "百"}${unit}专题活动。` : `每年开展专题活动${low}${unit}以上。`;
        expect(extractTargets(text, [])).toEqual([
          expect.objectContaining({ comparator: "gte", value: values[i], unit, per: "每年", metric: "专题活动" }),
        ]);
      }),
    );
  });

  it("stays linear on a huge sentence full of targets and deadlines", () => {
    for (const text of ["不少于3次".repeat(10_000), "2016年年底前出庭应诉率不低于90%".repeat(3_000)]) {
      const started = performance.now();
      const targets = extractTargets(text, extractMilestones(text));
      expect(targets.length).toBeGreaterThanOrEqual(3_000);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it("never throws when handed milestones from another text", () => {
    fc.assert(
      fc.property(planText, planText, (a, b) => {
        expect(() => extractTargets(a, extractMilestones(b))).not.toThrow();
      }),
    );
  });
});
