// Documents of the genre, made up for these tests (__fixtures__/forms/): each
// states its unit annotations in another common form.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Plan } from "../model/plan.js";
import type { Task } from "../model/task.js";
import { importPlan } from "./import-plan.js";
import { NO_RULES, splitUnitAnnotation } from "./units.js";

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/forms/${name}`, import.meta.url), "utf8");
const names = (plan: Plan, ids: readonly string[]): string[] => ids.map((id) => plan.units.find((u) => u.id === id)?.name ?? `?${id}`);
const roles = (plan: Plan, task: Task | undefined) => ({ lead: names(plan, task?.lead ?? []), responsible: names(plan, task?.responsible ?? []) });
const byNumber = (plan: Plan, n: number): Task | undefined => plan.tasks.find((t) => t.number === n);
const RULE_WORDS = /第一|牵头单位|牵头部门|下同|不再列出|按照?职责分工|为牵头/u;

describe("State Council style: (…负责) at the end of a paragraph, the lead rule stated in the notice", () => {
  const { plan, warnings } = importPlan(fixture("state-council-style.txt"));

  it("reads the notice's rule: the first department listed leads", () => {
    expect(warnings.filter((w) => w.code === "unit-rule")).toHaveLength(1);
    expect(roles(plan, byNumber(plan, 1))).toEqual({ lead: ["国务院办公厅"], responsible: ["司法部"] });
    expect(roles(plan, byNumber(plan, 2))).toEqual({ lead: ["财政部"], responsible: ["税务总局"] });
  });

  it("merges the annotations of a task's paragraphs and reads 各省级人民政府 and the unbracketed sentence", () => {
    expect(roles(plan, byNumber(plan, 3))).toEqual({ lead: ["人力资源社会保障部"], responsible: ["财政部", "税务总局", "各省级人民政府"] });
    expect(roles(plan, byNumber(plan, 4))).toEqual({ lead: ["各有关部门和单位"], responsible: [] });
    expect(roles(plan, byNumber(plan, 5))).toEqual({ lead: ["国家发展改革委"], responsible: ["司法部", "各省级人民政府"] });
  });

  it("keeps the annotations out of the text and the rule out of the units", () => {
    for (const task of plan.tasks) expect(task.text).not.toMatch(/负责\)|负责）|按职责分工负责/u);
    expect(byNumber(plan, 3)?.text).toContain("健全社会保险基金监管制度");
    for (const unit of plan.units) expect(unit.name).not.toMatch(RULE_WORDS);
    expect(byNumber(plan, 5)?.milestones.map((m) => m.due)).toEqual(["2023-12-31"]);
  });
});

describe("first-comma rule stated in the first annotation; (以下均需…落实,不再列出); brackets 【】〔〕", () => {
  const { plan, warnings } = importPlan(fixture("first-comma-leads.txt"));

  it("takes the units before the first comma as leads, from the annotation that states the rule on", () => {
    expect(roles(plan, byNumber(plan, 1))).toEqual({ lead: ["市司法局", "市政府办公室"], responsible: ["市发展改革委", "市财政局"] });
    expect(roles(plan, byNumber(plan, 2)).lead).toEqual(["市司法局"]);
    expect(roles(plan, byNumber(plan, 2)).responsible).toEqual(["各县(市、区)人民政府", "市直有关部门"]);
  });

  it("adds the implied unit to every later annotation, not to earlier ones, and drops the rule's bracket", () => {
    expect(roles(plan, byNumber(plan, 1)).responsible).not.toContain("各县(市、区)人民政府");
    expect(roles(plan, byNumber(plan, 3))).toEqual({ lead: ["市委编办"], responsible: ["市司法局", "市财政局等有关部门", "各县(市、区)人民政府"] });
    expect(roles(plan, byNumber(plan, 4))).toEqual({ lead: ["市司法局"], responsible: ["市公安局", "市市场监管局", "各县(市、区)人民政府"] });
    expect(roles(plan, byNumber(plan, 5))).toEqual({ lead: ["市司法局"], responsible: ["市人力资源社会保障局", "市财政局", "各县(市、区)人民政府"] });
    expect(plan.tasks.map((t) => t.text).join("\n")).not.toMatch(/不再列出|第一个逗号/u);
    expect(warnings.filter((w) => w.code === "unit-rule").length).toBeGreaterThanOrEqual(2);
  });

  it("never reads the rule's words as a unit, and keeps 等有关部门 and 各县(市、区) in the names", () => {
    for (const unit of plan.units) expect(unit.name).not.toMatch(/第一个|下同|不再列出|多个牵头/u);
    expect(plan.units.find((u) => u.name === "市财政局等有关部门")?.collective).toBe(true);
  });
});

describe("first-listed rule in the notice; items that frame the plan; 完成时限 lines", () => {
  const { plan, warnings } = importPlan(fixture("first-listed-leads.txt"));

  it("keeps 总体要求 and 目标任务 out of the tasks, reports them, and keeps the document's numbers", () => {
    expect(plan.tasks.map((t) => [t.number, t.ordinal, t.title])).toEqual([
      [3, "3", "深入推进“放管服”改革"],
      [4, "4", "全面推行权责清单制度"],
      [5, "5", "健全规范性文件备案审查制度"],
    ]);
    expect(plan.tasks.map((t) => t.id)).toEqual([`${plan.id}/3`, `${plan.id}/4`, `${plan.id}/5`]);
    expect(warnings.filter((w) => w.code === "not-a-task").map((w) => w.excerpt)).toEqual(["总体要求", "目标任务"]);
    expect(plan.goals).toMatch(/^到2025年/u);
  });

  it("reads 责任单位 lines with the first unit as the lead", () => {
    expect(roles(plan, byNumber(plan, 3))).toEqual({ lead: ["市行政审批服务管理局"], responsible: ["市司法局", "市发展改革委"] });
    expect(roles(plan, byNumber(plan, 4))).toEqual({ lead: ["市委编办"], responsible: ["市政府各部门"] });
  });

  it("reads a 完成时限 line as the task's deadline and keeps it in the text", () => {
    expect(byNumber(plan, 4)?.milestones).toEqual([
      { index: 1, phrase: "2023年6月", clause: "全面推行权责清单制度", due: "2023-06-30", rule: "end-of-month", yearInferred: false },
    ]);
    expect(byNumber(plan, 4)?.text).toMatch(/完成时限:2023年6月$/u);
    expect(byNumber(plan, 5)?.milestones).toEqual([]);
    expect(byNumber(plan, 3)?.milestones.map((m) => m.due)).toEqual(["2022-12-31"]);
  });
});

describe("splitUnitAnnotation forms", () => {
  const rule = { ...NO_RULES, lead: "first-unit" as const };
  it.each([
    ["（财政部、税务总局负责）", NO_RULES, [], ["财政部", "税务总局"]],
    ["（财政部、税务总局负责）", rule, ["财政部"], ["税务总局"]],
    ["(国家发展改革委会同有关部门负责)", NO_RULES, ["国家发展改革委"], ["有关部门"]],
    ["〔市司法局牵头，市财政局配合〕", NO_RULES, ["市司法局"], ["市财政局"]],
    ["【牵头单位：市司法局；责任单位：各县（市、区）政府】", NO_RULES, ["市司法局"], ["各县(市、区)政府"]],
    ["[市司法局，市公安局；市财政局]", rule, ["市司法局"], ["市公安局", "市财政局"]],
    ["(中国人民银行、银保监会、海关总署按职责分工负责)", NO_RULES, [], ["中国人民银行", "银保监会", "海关总署"]],
    ["(市司法局、市财政局等按职责分工负责)", NO_RULES, [], ["市司法局", "市财政局"]],
  ])("%s (rule %o) → lead %j, responsible %j", (annotation, context, lead, responsible) => {
    const r = splitUnitAnnotation(`加强行政执法。全面落实三项制度。${annotation}`, context);
    expect(r.annotation?.lead).toEqual(lead);
    expect(r.annotation?.responsible).toEqual(responsible);
    expect(r.body).toBe("加强行政执法。全面落实三项制度。");
  });

  it("reads annotations after each sentence inside a paragraph", () => {
    const r = splitUnitAnnotation("完善统计制度。(国家统计局负责)健全考核机制。(中央组织部、人力资源社会保障部负责)");
    expect(r.annotation?.responsible).toEqual(["国家统计局", "中央组织部", "人力资源社会保障部"]);
    expect(r.body).toBe("完善统计制度。健全考核机制。");
  });

  it("leaves brackets inside sentences and brackets that name no office alone", () => {
    for (const text of ["推进苏木乡镇(街道)综合执法。", "健全机制(试行)。", "加快建设。(2016年修订)", "完善制度。(做好衔接配合)"]) {
      expect(splitUnitAnnotation(text)).toEqual({ body: text, annotation: null });
    }
  });
});
