import { describe, expect, it } from "vitest";
import type { TaskId } from "../model/ids.js";
import { builtInPlans } from "../plans/index.js";
import { counterparts } from "./concordance.js";
import { COUNTERPART_THRESHOLD, regionalReport, RegionalReportSchema } from "./regional-report.js";

const bestPerPlan = (id: string) =>
  Object.fromEntries(counterparts({ id: id as TaskId }, builtInPlans, { perPlan: 1, limit: 10 }).map((c) => [c.planId, c.taskId]));

describe("counterparts across the built-in plans", () => {
  it("links 全面落实重大行政决策法定程序: Chengdu 9 ↔ Baotou 10 ↔ Hohhot 4 ↔ Inner Mongolia (八)", () => {
    const found = counterparts({ id: "chengdu-2015/9" as TaskId }, builtInPlans, { perPlan: 1 });
    expect(found.map((c) => c.taskId)).toEqual(["baotou-2016/10", "hohhot-2015/4", "inner-mongolia-2021/8"]);
    for (const c of found) {
      expect(c.score).toBeGreaterThan(COUNTERPART_THRESHOLD);
      expect(c.sharedTerms).toEqual(expect.arrayContaining(["重大行政决策程序", "集体讨论决定", "风险评估"]));
    }
    expect(bestPerPlan("inner-mongolia-2021/8")).toEqual({
      "hohhot-2015": "hohhot-2015/4",
      "baotou-2016": "baotou-2016/10",
      "chengdu-2015": "chengdu-2015/9",
    });
  });

  it.each([
    ["inner-mongolia-2021/19", "(十九)发挥行政复议化解行政争议主渠道作用", ["hohhot-2015/24", "baotou-2016/39", "chengdu-2015/38"]],
    ["inner-mongolia-2021/11", "(十一)加大重点领域执法力度", ["hohhot-2015/14", "baotou-2016/24", "chengdu-2015/22"]],
    ["inner-mongolia-2021/6", "(六)加强行政规范性文件制定监督管理", ["hohhot-2015/10", "baotou-2016/18", "chengdu-2015/16"]],
    ["inner-mongolia-2021/29", "(二十九)加强党对法治政府建设的领导", ["hohhot-2015/31", "baotou-2016/48", "chengdu-2015/45"]],
  ] as const)("%s %s ↔ %j", (id, _title, expected) => {
    const best = bestPerPlan(id);
    expect([best["hohhot-2015"], best["baotou-2016"], best["chengdu-2015"]]).toEqual(expected);
  });

  it("pairs Baotou and Chengdu tasks that share their wording almost verbatim", () => {
    // Both cities adapted the same provincial model text: 健全行政执法和刑事司法衔接机制.
    const [top] = counterparts({ id: "chengdu-2015/21" as TaskId }, builtInPlans, { limit: 1 });
    expect(top?.taskId).toBe("baotou-2016/29");
    expect(top?.score).toBeGreaterThan(0.8);
    expect(top?.sharedTerms).toContain("刑事司法");
  });
});

describe("regionalReport: Inner Mongolia and its cities", () => {
  const im = builtInPlans.find((p) => p.id === "inner-mongolia-2021");
  if (!im) throw new Error("no Inner Mongolia plan");
  const report = regionalReport(im, builtInPlans);
  const row = (n: number) =>
    Object.fromEntries(report.rows[n - 1]?.children.map((c) => [c.planId, c.counterpart?.taskId ?? null]) ?? []);

  it("takes Hohhot and Baotou as its cities and skips Chengdu (四川省)", () => {
    expect(RegionalReportSchema.parse(report)).toEqual(report);
    expect(report.childPlanIds).toEqual(["hohhot-2015", "baotou-2016"]);
    expect(report.skipped.map((s) => s.planId)).toEqual(["chengdu-2015"]);
    expect(report.rows).toHaveLength(im.tasks.length);
  });

  it("finds both cities' counterparts of (八) and none for the emergency chapter", () => {
    expect(row(8)).toEqual({ "hohhot-2015": "hohhot-2015/4", "baotou-2016": "baotou-2016/10" });
    for (const n of [14, 15, 16]) expect(report.rows[n - 1]?.coveredBy, `(${n})`).toBe(0);
  });

  it("lists the cities' arbitration tasks as having no regional parent", () => {
    const orphans = report.orphans.map((o) => o.taskId);
    expect(orphans).toEqual(expect.arrayContaining(["hohhot-2015/28", "baotou-2016/42"])); // 仲裁
    expect(orphans).not.toContain("hohhot-2015/4");
    for (const o of report.orphans) expect(o.best === null || o.best.score < report.threshold).toBe(true);
  });
});
