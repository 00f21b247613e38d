import { describe, expect, it } from "vitest";
import { TaskIdSchema } from "../model/ids.js";
import { fixturePlan } from "../search/__fixtures__/plans.js";
import { createConcordance, counterparts, CounterpartSchema } from "./concordance.js";
import { sharedTerms } from "./domain-terms.js";
import { regionalReport, RegionalReportSchema } from "./regional-report.js";

const region = {
  ...fixturePlan("demo-region-2021", "示范区", [], [
    { title: "严格落实重大行政决策程序", text: "严格执行重大行政决策程序暂行条例,把公众参与、专家论证、风险评估、合法性审查、集体讨论决定作为法定程序。" },
    { title: "加强和规范行政复议工作", text: "全面深化行政复议体制改革,整合行政复议职责,推进行政复议规范化建设。" },
    { title: "健全突发事件应对制度", text: "完善突发事件应对制度,修订应急预案,提高依法处置能力。" },
  ]),
  jurisdiction: { name: "示范区", level: "region" as const, parent: null },
};
const cityA = {
  ...fixturePlan("demo-a-2016", "甲市", [], [
    { title: "加强行政复议工作", text: "深化行政复议规范化建设,推进复议受理、审查过程规范化。" },
    { title: "全面落实重大行政决策法定程序", text: "制定重大行政决策程序规定,把公众参与、专家论证、风险评估、合法性审查、集体讨论决定确定为法定程序。" },
    { title: "深化商事制度改革", text: "推进工商营业执照、组织机构代码证、税务登记证三证合一。" },
  ]),
  jurisdiction: { name: "甲市", level: "city" as const, parent: "示范区" },
};
const cityB = {
  ...fixturePlan("demo-b-2016", "乙市", [], [
    { title: "严格执行重大行政决策法定程序", text: "细化公众参与、专家咨询、风险评估、合法性审查、集体讨论决定的程序规则。" },
  ]),
  jurisdiction: { name: "乙市", level: "city" as const, parent: "示范区" },
};
const elsewhere = {
  ...fixturePlan("demo-c-2016", "丙市", [], [{ title: "加强行政复议工作", text: "推进行政复议规范化建设。" }]),
  jurisdiction: { name: "丙市", level: "city" as const, parent: "别的省" },
};
const plans = [region, cityA, cityB];
const id = (s: string) => TaskIdSchema.parse(s);

describe("counterparts", () => {
  it("finds the task on the same matter in each other plan, best first, with shared key terms", () => {
    const found = counterparts({ id: id("demo-a-2016/2") }, plans);
    for (const c of found) expect(CounterpartSchema.parse(c)).toEqual(c);
    expect(found.slice(0, 2).map((c) => c.taskId).sort()).toEqual(["demo-b-2016/1", "demo-region-2021/1"]);
    expect(found[0]?.sharedTerms.filter((t) => t.includes("重大行政决策"))).toHaveLength(1);
    expect(found[0]?.sharedTerms).not.toContain("行政决策");
    expect(found.every((c) => c.planId !== "demo-a-2016")).toBe(true);
  });

  it("ranks the true counterpart far above unrelated tasks", () => {
    const c = createConcordance(plans);
    const same = c.similarity(id("demo-a-2016/1"), id("demo-region-2021/2"));
    const other = c.similarity(id("demo-a-2016/1"), id("demo-region-2021/3"));
    expect(same).toBeGreaterThan(0.3);
    expect(other).toBeLessThan(same / 3);
  });

  it("honours limit, perPlan, minScore and planIds", () => {
    const c = createConcordance(plans);
    expect(c.counterparts(id("demo-a-2016/2"), { limit: 1 })).toHaveLength(1);
    const perPlan = c.counterparts(id("demo-region-2021/1"), { perPlan: 1, limit: 10 });
    expect(new Set(perPlan.map((p) => p.planId)).size).toBe(perPlan.length);
    expect(c.counterparts(id("demo-a-2016/3"), { minScore: 0.5 })).toEqual([]);
    expect(c.counterparts(id("demo-region-2021/1"), { planIds: [cityB.id] }).map((p) => p.taskId)).toEqual(["demo-b-2016/1"]);
  });
});

describe("sharedTerms", () => {
  it("reports the longest shared domain terms only", () => {
    expect(sharedTerms("全面落实重大行政决策法定程序,加强行政复议", "严格落实重大行政决策程序")).toEqual(["重大行政决策"]);
  });
});

describe("regionalReport", () => {
  const report = regionalReport(region, [cityA, cityB, elsewhere]);

  it("lists, for each regional task, the counterpart in each city plan or none", () => {
    expect(RegionalReportSchema.parse(report)).toEqual(report);
    expect(report.childPlanIds).toEqual([cityA.id, cityB.id]);
    const row = (n: number) => report.rows[n - 1]?.children.map((c) => c.counterpart?.taskId ?? null);
    expect(row(1)).toEqual(["demo-a-2016/2", "demo-b-2016/1"]);
    expect(row(2)).toEqual(["demo-a-2016/1", null]);
    expect(row(3)).toEqual([null, null]);
    expect(report.rows.map((r) => r.coveredBy)).toEqual([2, 1, 0]);
  });

  it("lists city tasks with no regional parent, and skips plans outside the region", () => {
    expect(report.orphans.map((o) => o.taskId)).toEqual(["demo-a-2016/3"]);
    expect(report.skipped).toEqual([{ planId: elsewhere.id, reason: "丙市 lies in 别的省, not 示范区" }]);
  });
});
