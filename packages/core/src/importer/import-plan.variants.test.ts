import { describe, expect, it } from "vitest";
import { importPlan } from "./import-plan.js";

// Layouts of the genre that the four built-in plans do not show, written for
// these tests after real plans of each kind.

const COUNTY_WORK_PLAN = `
某县人民政府办公室
关于印发某县2020年度法治政府建设工作安排的通知
各乡镇人民政府,县直有关单位:
《某县2020年度法治政府建设工作安排》已经县政府同意,现印发给你们,请认真贯彻执行。
2020年7月8日
(此件公开发布)
某县2020年度法治政府建设工作安排
今年全县法治政府建设工作要坚持以新思想为指导,现就做好2020年度法治政府建设工作安排如下:
一、依法全面履行政府职能
(一)为推动经济高质量发展提供法治保障。加强规范性文件备案审查工作,2020年9月底前完成清理。
责任单位:县政府办公室、县司法局、各有关部门
(二)全面提高依法防控依法治理能力。坚持依法科学有序防控。
责任单位:县卫健委
二、加强组织领导
(三)压实工作责任。各单位主要负责人要履行第一责任人职责。
责任单位:各乡镇人民政府
`;

const NEWS_SUMMARY_FOUR_LEVELS = `
近日,市委、市政府印发了《某市法治政府建设实施方案(2021-2025年)》,并发出通知,要求各地、各部门结合实际认真贯彻落实。
《某市法治政府建设实施方案(2021-2025年)》主要内容如下。
为在新发展阶段持续深入推进依法行政,根据《法治政府建设实施纲要(2021—2025年)》精神,结合我市实际,制定本实施方案。
一、总体要求
以新思想为指导,到2025年,政府行为全面纳入法治轨道。
二、工作任务
(一)健全政府机构职能体系,推动更好发挥政府作用
1.推进政府机构职能优化协同高效
(1)规范行政权力运行。优化政府职能配置。
(2)深化权责清单管理。2022年6月底前完成权责清单调整。
2.深入推进“放管服”改革
(1)深化行政审批制度改革。全面实行行政许可事项清单管理。
(二)完善依法行政制度体系
3.加强重要领域立法
(1)加强立法。制定修改相关法规。
三、组织保障
(一)加强党的领导。各级党委要加强领导。
(二)强化督察考核。将法治政府建设纳入考核。
`;

const NUMBERED_THROUGH_GENERAL_PART = `
增强法治区政构建意见
各镇人民政府,区政府各部门:
为深入贯彻落实《国务院关于加强法治政府建设的意见》(国发〔2010〕33号),全面推进依法行政,现结合我区实际,提出以下意见。
一、充分认识建设法治政府的重要意义
1、提高认识。全面推进依法行政,建设法治政府,具有重要意义。
二、加强法治政府建设的指导思想和基本要求
2、指导思想。坚持以科学发展观为指导。
3、基本要求。到2015年,基本实现法治政府目标。
三、加强行政决策
4、完善决策程序。2011年底前制定重大决策程序规定。
5、健全决策评估。建立决策后评估制度。
四、保障措施
6、加强组织领导。各部门要加强领导。
`;

describe("importPlan on other layouts of the genre", () => {
  it("reads a county work plan: notice, 此件公开发布, (一) tasks numbered on across parts", () => {
    const { plan, warnings } = importPlan(COUNTY_WORK_PLAN);
    expect(plan.title).toBe("某县2020年度法治政府建设工作安排");
    expect(plan.issuer).toBe("某县人民政府办公室");
    expect(plan.jurisdiction).toMatchObject({ name: "某县", level: "county" });
    expect(plan.period).toEqual({ startYear: 2020, endYear: 2020 });
    expect(plan.tasks.map((t) => [t.ordinal, t.title, t.guarantee])).toEqual([
      ["(一)", "为推动经济高质量发展提供法治保障", false],
      ["(二)", "全面提高依法防控依法治理能力", false],
      ["(三)", "压实工作责任", true],
    ]);
    expect(plan.tasks[0]?.milestones.map((m) => m.due)).toEqual(["2020-09-30"]);
    // "责任单位:…" on a line of its own after the task.
    expect(plan.tasks[0]?.text).not.toContain("责任单位");
    expect(plan.tasks[0]?.responsible.map((id) => plan.units.find((u) => u.id === id)?.name)).toEqual(["县政府办公室", "县司法局", "各有关部门"]);
    expect(plan.units.find((u) => u.name === "各有关部门")?.collective).toBe(true);
    expect(plan.units[0]?.id).toBe("某县:县政府办公室");
    expect(warnings.map((w) => w.code)).toContain("jurisdiction-unknown");
    expect(warnings.map((w) => w.code)).not.toContain("unit-annotation-unparsed");
    expect(warnings.map((w) => w.code)).not.toContain("period-unknown");
  });

  it("reads a news summary of a four-level plan: title from the preface, 1. items as tasks under (一) sections", () => {
    const { plan, warnings } = importPlan(NEWS_SUMMARY_FOUR_LEVELS);
    expect(plan.title).toBe("某市法治政府建设实施方案(2021-2025年)");
    expect(plan.period).toEqual({ startYear: 2021, endYear: 2025 });
    expect(plan.parts.map((p) => p.kind)).toEqual(["general", "tasks", "guarantees"]);
    expect(plan.goals).toBe("到2025年,政府行为全面纳入法治轨道。");
    expect(plan.guidingIdeology).toMatch(/^以新思想为指导/);
    expect(plan.parts[1]?.sections.map((s) => s.title)).toEqual(["健全政府机构职能体系,推动更好发挥政府作用", "完善依法行政制度体系"]);
    expect(plan.tasks.map((t) => [t.ordinal, t.title])).toEqual([
      ["1", "推进政府机构职能优化协同高效"],
      ["2", "深入推进“放管服”改革"],
      ["3", "加强重要领域立法"],
      ["(一)", "加强党的领导"],
      ["(二)", "强化督察考核"],
    ]);
    expect(plan.tasks[0]?.text).toContain("\n(2)深化权责清单管理。");
    expect(plan.tasks[0]?.milestones.map((m) => m.due)).toEqual(["2022-06-30"]);
    expect(warnings.filter((w) => w.code === "preface-removed")).toHaveLength(2);
    expect(plan.provenance.sourceFiles[0]?.format).toBe("news-reprint");
  });

  it("numbers on through a general part whose items are numbered too, and keeps the document's numbers", () => {
    const { plan } = importPlan(NUMBERED_THROUGH_GENERAL_PART);
    expect(plan.parts.map((p) => p.kind)).toEqual(["tasks", "general", "tasks", "guarantees"]);
    // Items 2 and 3 sit in the general part: the task the document calls 4 is task 4.
    expect(plan.tasks.map((t) => [t.number, t.ordinal, t.title])).toEqual([
      [1, "1", "提高认识"],
      [4, "4", "完善决策程序"],
      [5, "5", "健全决策评估"],
      [6, "6", "加强组织领导"],
    ]);
    expect(plan.tasks.map((t) => t.id)).toEqual([1, 4, 5, 6].map((n) => `${plan.id}/${n}`));
    expect(plan.guidingIdeology).toBe("坚持以科学发展观为指导。");
    expect(plan.basis).toEqual([{ title: "国务院关于加强法治政府建设的意见", documentNumber: "国发〔2010〕33号" }]);
    expect(plan.tasks[1]?.milestones.map((m) => m.due)).toEqual(["2011-12-31"]);
  });

  it("reads a page pasted without its line breaks", () => {
    const oneLine = "某市法治政府建设规划(2016-2020年)\n为推进依法行政,制定本规划。一、主要任务。1.深化行政审批制度改革。2016年年底前公布清单。2.加强市场监管。抽查比例不低于3%。二、保障措施。(一)加强组织领导。各级政府要加强领导。";
    const { plan, warnings } = importPlan(oneLine);
    expect(plan.tasks.map((t) => t.title)).toEqual(["深化行政审批制度改革", "加强市场监管", "加强组织领导"]);
    expect(warnings.map((w) => w.code)).toContain("headings-split");
  });
});
