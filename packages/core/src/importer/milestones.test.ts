import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IsoDateSchema } from "../model/ids.js";
import { MilestoneSchema } from "../model/milestone.js";
import { anyText, planText } from "./__fixtures__/plan-text-arbitrary.js";
import { extractMilestones, undatedDeadlinePhrases } from "./milestones.js";

const brief = (text: string) =>
  extractMilestones(text).map((m) => ({ phrase: m.phrase, due: m.due, rule: m.rule, yearInferred: m.yearInferred }));

describe("extractMilestones on the seed plans", () => {
  it("Baotou task 2: a month end, then a year-less 年底前 that takes 2016", () => {
    const text =
      "2.深入推行权责清单制度。2016年6月底前编制完成并公布市本级权责清单,年底前编制完成并公布旗县区(稀土高新区)权责清单,并在此基础上不断丰富内容、完善功能、优化流程、强化监督。";
    const ms = extractMilestones(text);
    expect(ms.map((m) => [m.index, m.phrase, m.due, m.rule, m.yearInferred])).toEqual([
      [1, "2016年6月底前", "2016-06-30", "end-of-month", false],
      [2, "年底前", "2016-12-31", "end-of-year", true],
    ]);
    expect(ms[0]?.clause).toBe("2016年6月底前编制完成并公布市本级权责清单");
    expect(ms[1]?.clause).toBe("年底前编制完成并公布旗县区(稀土高新区)权责清单,并在此基础上不断丰富内容、完善功能、优化流程、强化监督");
  });

  it("Baotou task 13: three deadlines in one sentence, each clause stopping before the next", () => {
    const text =
      "扩大专家学者对我市政府重大行政决策工作的参与度,2016年年底前组建政府法治工作专家顾问库,2018年年底前逐步推行专家信息和论证意见全面公开,对重大行政决策进行公示听证、专家论证和风险评估,并作为决策的重要依据,2019年6月底前,建立起社会稳定风险倒查追究机制。";
    const ms = extractMilestones(text);
    expect(ms.map((m) => [m.phrase, m.due])).toEqual([
      ["2016年年底前", "2016-12-31"],
      ["2018年年底前", "2018-12-31"],
      ["2019年6月底前", "2019-06-30"],
    ]);
    expect(ms.map((m) => m.clause)).toEqual([
      "2016年年底前组建政府法治工作专家顾问库",
      "2018年年底前逐步推行专家信息和论证意见全面公开,对重大行政决策进行公示听证、专家论证和风险评估,并作为决策的重要依据",
      "2019年6月底前,建立起社会稳定风险倒查追究机制",
    ]);
  });

  it("Inner Mongolia (二): 2022年4月底前 → 2022-04-30", () => {
    expect(brief("全面落实证明事项告知承诺制。2022年4月底前,梳理制定自治区本级实行告知承诺制的证明事项目录并向社会公开。")).toEqual([
      { phrase: "2022年4月底前", due: "2022-04-30", rule: "end-of-month", yearInferred: false },
    ]);
  });

  it("Inner Mongolia (二十): two deadlines, each governing its own clause", () => {
    const ms = extractMilestones(
      "实行行政机关负责人出庭应诉情况定期通报制度,2022年年底前盟市行政机关负责人出庭应诉率不低于90%,2024年年底前旗县(市、区)行政机关负责人出庭应诉率不低于90%。各级政府部门要支持人民法院依法受理和审理行政案件。",
    );
    expect(ms.map((m) => [m.due, m.clause])).toEqual([
      ["2022-12-31", "2022年年底前盟市行政机关负责人出庭应诉率不低于90%"],
      ["2024-12-31", "2024年年底前旗县(市、区)行政机关负责人出庭应诉率不低于90%"],
    ]);
  });

  it("Inner Mongolia (三十): 2025年前 is read as before-year, due Dec 31 of 2025", () => {
    expect(brief("严格执行《法治政府建设与责任落实督察工作规定》,2025年前实现对各级政府法治政府建设督察全覆盖。")).toEqual([
      { phrase: "2025年前", due: "2025-12-31", rule: "before-year", yearInferred: false },
    ]);
  });

  it("到2020年 is a by-year milestone whose phrase keeps 到", () => {
    const ms = extractMilestones("紧紧围绕总目标,到2020年,基本建成职能科学、权责法定的法治政府。");
    expect(ms.map((m) => [m.phrase, m.due, m.rule, m.clause])).toEqual([
      ["到2020年", "2020-12-31", "by-year", "到2020年,基本建成职能科学、权责法定的法治政府"],
    ]);
  });

  it("于2019年年底前: the clause drops the leading 于", () => {
    const ms = extractMilestones("注重考核实效,于2019年年底前建立起市本级和旗县区的行政执法监督网络平台。");
    expect(ms.map((m) => [m.phrase, m.due, m.clause])).toEqual([
      ["2019年年底前", "2019-12-31", "2019年年底前建立起市本级和旗县区的行政执法监督网络平台"],
    ]);
  });

  it("keeps the subject when the deadline sits mid-segment (Baotou task 41)", () => {
    const ms = extractMilestones("市、区(旗、县)两级政府及其相关职能部门应于2017年年底前健全完善行政裁决程序规定,规范行政裁决程序。");
    expect(ms[0]?.clause).toBe("市、区(旗、县)两级政府及其相关职能部门应于2017年年底前健全完善行政裁决程序规定,规范行政裁决程序");
  });

  it("every milestone of a seed-like passage validates against the model", () => {
    const ms = extractMilestones("2016年年底前全部公布收费目录清单。2017年年底前将行政审批事项下放。2016年6月底前编制完成,年底前公布。");
    expect(ms).toHaveLength(4);
    for (const m of ms) expect(MilestoneSchema.safeParse(m).success).toBe(true);
  });
});

describe("extractMilestones rules", () => {
  it.each([
    ["2016年底前完成", "2016年底前", "2016-12-31", "end-of-year"],
    ["2016年末前完成", "2016年末前", "2016-12-31", "end-of-year"],
    ["2016年2月底前完成", "2016年2月底前", "2016-02-29", "end-of-month"],
    ["2017年2月底前完成", "2017年2月底前", "2017-02-28", "end-of-month"],
    ["2016年6月前完成", "2016年6月前", "2016-06-30", "end-of-month"],
    ["2016年上半年完成清理,并公布", "2016年上半年", "2016-06-30", "end-of-half-year"],
    ["2017年底全面完成", "2017年底", "2017-12-31", "end-of-year"],
    ["2016年第三季度末完成验收", "2016年第三季度末", "2016-09-30", "end-of-quarter"],
    ["截至2016年上半年,已完成", "", null, null],
    ["截至2016年底前完成", "2016年底前", "2016-12-31", "end-of-year"],
    ["于2016年上半年完成清理", "2016年上半年", "2016-06-30", "end-of-half-year"],
    ["2016年上半年前完成", "2016年上半年前", "2016-06-30", "end-of-half-year"],
    ["2016年年中前完成", "2016年年中前", "2016-06-30", "end-of-half-year"],
    ["2016年下半年前完成", "2016年下半年前", "2016-12-31", "end-of-half-year"],
    ["2016年第三季度末前完成", "2016年第三季度末前", "2016-09-30", "end-of-quarter"],
    ["在2016年第一季度末完成", "2016年第一季度末", "2016-03-31", "end-of-quarter"],
    ["2016年二季度前完成", "2016年二季度前", "2016-06-30", "end-of-quarter"],
    ["2016年9月30日前完成", "2016年9月30日前", "2016-09-30", "exact-date"],
    ["2016年十二月三十一日前完成", "2016年十二月三十一日前", "2016-12-31", "exact-date"],
    ["二〇一六年年底前完成", "二〇一六年年底前", "2016-12-31", "end-of-year"],
    ["二零二零年前完成", "二零二零年前", "2020-12-31", "before-year"],
    ["二〇一九年六月底前完成", "二〇一九年六月底前", "2019-06-30", "end-of-month"],
    ["2025年以前实现", "2025年以前", "2025-12-31", "before-year"],
    ["2016年内完成清理", "2016年内", "2016-12-31", "end-of-year"],
    ["2016年度内完成清理", "2016年度内", "2016-12-31", "end-of-year"],
    ["到“十三五”末,基本建成", "“十三五”末", "2020-12-31", "end-of-year"],
    ["十四五期末前实现全覆盖", "十四五期末", "2025-12-31", "end-of-year"],
    ["“十三五”期间,全面推进", "", null, null],
    ["2016年度考核结果", "", null, null],
    ["2016年6月中旬前完成", "2016年6月中旬前", "2016-06-20", "exact-date"],
    ["2016年6月上旬前完成", "2016年6月上旬前", "2016-06-10", "exact-date"],
    ["2016年2月下旬前完成", "2016年2月下旬前", "2016-02-29", "end-of-month"],
    ["2016年6月中旬召开", "", null, null],
    ["在2017年内建成", "2017年内", "2017-12-31", "end-of-year"],
    ["2016年内部审计全覆盖", "", null, null],
    ["2016年内蒙古自治区印发", "", null, null],
    ["2018年第一季度完成", "2018年第一季度", "2018-03-31", "end-of-quarter"],
    ["2016年上半年内完成", "2016年上半年内", "2016-06-30", "end-of-half-year"],
    ["至2020年,全面建成", "至2020年", "2020-12-31", "by-year"],
    ["到2017年6月,全面建成", "到2017年6月", "2017-06-30", "end-of-month"],
    ["到2020年底,全面建成", "到2020年底", "2020-12-31", "end-of-year"],
    ["到2020年底前全面建成", "2020年底前", "2020-12-31", "end-of-year"],
  ])("%s → %s", (text, phrase, due, rule) => {
    const ms = extractMilestones(text);
    if (due === null) {
      expect(ms).toEqual([]);
      return;
    }
    expect(ms.map((m) => [m.phrase, m.due, m.rule])).toEqual([[phrase, due, rule]]);
  });

  it("dates year-less phrases with the nearest earlier milestone's year", () => {
    expect(brief("2018年年底前完成清理;2019年6月底前建成平台,9月底前上线,第三季度末前验收,12月31日前总结。")).toEqual([
      { phrase: "2018年年底前", due: "2018-12-31", rule: "end-of-year", yearInferred: false },
      { phrase: "2019年6月底前", due: "2019-06-30", rule: "end-of-month", yearInferred: false },
      { phrase: "9月底前", due: "2019-09-30", rule: "end-of-month", yearInferred: true },
      { phrase: "第三季度末前", due: "2019-09-30", rule: "end-of-quarter", yearInferred: true },
      { phrase: "12月31日前", due: "2019-12-31", rule: "exact-date", yearInferred: true },
    ]);
  });

  it("reads 当年/今年 as the inferred year and skips 明年, 次年 and 每年", () => {
    expect(brief("2018年年底前完成清理,当年年底前验收;今年第三季度末前总结,明年年底前推广,每年年底前报告。")).toEqual([
      { phrase: "2018年年底前", due: "2018-12-31", rule: "end-of-year", yearInferred: false },
      { phrase: "年底前", due: "2018-12-31", rule: "end-of-year", yearInferred: true },
      { phrase: "第三季度末前", due: "2018-09-30", rule: "end-of-quarter", yearInferred: true },
    ]);
  });

  it("a year-less quarter or month end needs no 前, a year-less 年底 or 上半年 does", () => {
    expect(brief("2019年6月底前建成平台,第三季度末完成验收,9月底上线,年末考核,上半年总结。").map((m) => [m.phrase, m.due])).toEqual([
      ["2019年6月底前", "2019-06-30"],
      ["第三季度末", "2019-09-30"],
      ["9月底", "2019-09-30"],
    ]);
  });

  it("skips a year-less phrase when no earlier milestone has a year", () => {
    expect(extractMilestones("年底前编制完成并公布权责清单。2016年年底前公布。")).toEqual([
      expect.objectContaining({ index: 1, phrase: "2016年年底前", yearInferred: false }),
    ]);
  });

  it("skips a year-less date that does not exist in the inferred year", () => {
    expect(brief("2017年年底前完成,2月29日前公布。").map((m) => m.phrase)).toEqual(["2017年年底前"]);
    expect(brief("2016年年底前完成,2月29日前公布。").map((m) => m.due)).toEqual(["2016-12-31", "2016-02-29"]);
  });

  it.each([
    ["each year's first quarter", "2016年年底前完成。政府部门每年第一季度要向本级政府报告上一年度法治政府建设情况。"],
    ["every year's end", "2016年年底前完成。每年年底前报送总结。"],
    ["every five years", "2016年年底前完成。每五年对规章进行全面清理。"],
    ["a relative month", "2016年年底前完成。听证会应当在举行1个月前公告。"],
    ["a relative half year", "2016年年底前完成。半年内完成整改,每半年通报一次。"],
    ["the next year", "2016年年底前完成。次年年底前再次评估。"],
    ["a period in brackets", "2016年年底前完成。成都市法治政府建设规划(2015-2020年)和纲要(2015—2020年)。"],
    ["a past meeting date", "2016年年底前完成。已经2015年6月29日市政府第80次常务会议讨论通过。"],
    ["a range", "2016年年底前完成。2015年至2020年是关键时期。"],
    ["an as-of date", "2016年年底前完成。截至2015年底,全市共有执法人员。"],
    ["a month without a deadline marker", "2016年年底前完成。6月份召开会议。"],
    ["a year-less year end used as a word", "2016年年底前完成。在年末考核中,于年中检查时通报。"],
  ])("ignores %s", (_name, text) => {
    expect(brief(text)).toEqual([{ phrase: "2016年年底前", due: "2016-12-31", rule: "end-of-year", yearInferred: false }]);
  });

  it("finds nothing in text without dates", () => {
    expect(extractMilestones("")).toEqual([]);
    expect(extractMilestones("坚持法定职责必须为、法无授权不可为。")).toEqual([]);
  });
});

describe("undatedDeadlinePhrases", () => {
  it("lists the deadline phrases that could not be dated, and only those", () => {
    expect(undatedDeadlinePhrases("年底前编制完成。2017年2月29日前公布,2017年年底前完成,2月30日前验收。每年年底前报告。")).toEqual([
      "年底前",
      "2017年2月29日前",
      "2月30日前",
    ]);
    expect(undatedDeadlinePhrases("2016年6月底前编制完成,年底前公布。")).toEqual([]);
  });
});

const CN_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** A deadline phrase of every rule and spelling, with the date it must give, built independently of the parser. */
const deadline = fc.integer({ min: 1950, max: 2150 }).chain((year) =>
  fc.oneof(
    fc.constantFrom("年年底前", "年底前", "年末前", "年年底以前").map((tail) => ({ phrase: `${year}${tail}`, due: iso(year, 12, 31) })),
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.boolean())
      .map(([m, chinese]) => ({ phrase: `${year}年${chinese ? CN_MONTHS[m - 1] ?? "" : m}月底前`, due: iso(year, m, lastDay(year, m)) })),
    fc
      .integer({ min: 1, max: 4 })
      .map((q) => ({ phrase: `${year}年第${["一", "二", "三", "四"][q - 1] ?? ""}季度末前`, due: iso(year, q * 3, lastDay(year, q * 3)) })),
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([m, d]) => ({ phrase: `${year}年${m}月${d}日前`, due: iso(year, m, d) })),
    fc.constant({ phrase: `${year}年上半年前`, due: iso(year, 6, 30) }),
    fc.constant({ phrase: `到${year}年`, due: iso(year, 12, 31) }),
    fc.constant({ phrase: `${year}年前`, due: iso(year, 12, 31) }),
  ),
);

describe("extractMilestones properties", () => {
  it("dates every rule and spelling correctly, wherever it stands in a sentence", () => {
    fc.assert(
      fc.property(fc.array(deadline, { minLength: 1, maxLength: 5 }), fc.constantFrom("。", ";", "\n"), (deadlines, end) => {
        const text = deadlines.map((d, i) => `第${i}项工作,${d.phrase}完成并公布${end}`).join("");
        expect(extractMilestones(text).map((m) => [m.phrase, m.due])).toEqual(deadlines.map((d) => [d.phrase, d.due]));
      }),
      { numRuns: 500 },
    );
  });

  it("a year-less month end takes the year of the milestone just before it", () => {
    fc.assert(
      fc.property(deadline, fc.integer({ min: 1, max: 12 }), (first, month) => {
        const text = `${first.phrase}完成清理,${month}月底前公布。`;
        const [a, b, ...rest] = extractMilestones(text);
        expect(rest).toEqual([]);
        const year = Number(a?.due.slice(0, 4));
        expect(b).toMatchObject({ phrase: `${month}月底前`, due: iso(year, month, lastDay(year, month)), yearInferred: true });
      }),
    );
  });

  it("never throws, and every milestone is valid, indexed 1..n and printed verbatim in the text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const ms = extractMilestones(text);
        ms.forEach((m, i) => {
          expect(m.index).toBe(i + 1);
          expect(IsoDateSchema.safeParse(m.due).success).toBe(true);
          expect(MilestoneSchema.safeParse(m).success).toBe(true);
          expect(text).toContain(m.phrase);
          expect(m.clause).toContain(m.phrase);
        });
      }),
      { numRuns: 2000 },
    );
  });

  it("any YYYY年年底前 printed in the text (not glued to other digits) yields YYYY-12-31", () => {
    fc.assert(
      fc.property(planText, fc.integer({ min: 1000, max: 2999 }), planText, (before, year, after) => {
        fc.pre(!/\d$/u.test(before));
        const phrase = `${year}年年底前`;
        const ms = extractMilestones(`${before}${phrase}${after}`);
        expect(ms.some((m) => m.phrase === phrase && m.due === `${year}-12-31` && !m.yearInferred)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("milestones are found in document order", () => {
    fc.assert(
      fc.property(planText, (text) => {
        let from = 0;
        for (const m of extractMilestones(text)) {
          const at = text.indexOf(m.phrase, from);
          expect(at).toBeGreaterThanOrEqual(0);
          from = at + 1;
        }
      }),
    );
  });

  it("is fast on a long text", () => {
    const text = "2016年6月底前编制完成并公布市本级权责清单,年底前编制完成并公布权责清单。每年第一季度报告。".repeat(2000);
    const started = performance.now();
    expect(extractMilestones(text)).toHaveLength(4000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
