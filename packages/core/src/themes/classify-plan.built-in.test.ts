import { describe, expect, it } from "vitest";
import { builtInPlans } from "../plans/index.js";
import { PlanSchema } from "../model/plan.js";
import { classifyPlan, taskHeadings, withThemes } from "./classify-plan.js";
import { classifyTask } from "./classify-task.js";
import { coverageMatrix, CoverageMatrixSchema } from "./coverage-matrix.js";
import { THEME_OVERRIDES } from "./overrides.js";
import { THEMES, type ThemeId } from "./taxonomy.js";

const classified = new Map(builtInPlans.flatMap((p) => [...classifyPlan(p)]));
const themesOf = (id: string): ThemeId[] => {
  const c = classified.get(id as never);
  if (!c) throw new Error(`no task ${id}`);
  return c.themes;
};

describe("themes of the built-in plans", () => {
  it("gives every task of the four plans at least one theme", () => {
    expect(classified.size).toBe(builtInPlans.reduce((n, p) => n + p.tasks.length, 0));
    for (const [id, c] of classified) expect(c.themes.length, id).toBeGreaterThan(0);
  });

  // Each expectation was checked by reading the task and its section.
  it.each([
    ["hohhot-2015/4", "严格执行重大行政决策法定程序", ["decision-making"]],
    ["hohhot-2015/10", "强化规范性文件监督管理 (监督管理 is not oversight)", ["rule-making"]],
    ["hohhot-2015/22", "健全政务公开体系 (政务公开 → oversight, as the outlines map it)", ["oversight"]],
    ["hohhot-2015/27", "依法规范信访工作", ["dispute-resolution"]],
    ["hohhot-2015/32", "加强法治培训, a 保障机制 measure", ["leadership", "leadership-capacity"]],
    ["baotou-2016/5", "提升政务服务水平", ["government-functions"]],
    ["baotou-2016/24", "加强和改进重点领域监督 (override: it is 重点领域执法)", ["law-enforcement"]],
    ["baotou-2016/44", "树立重视法治素养和法治能力的用人导向", ["leadership", "leadership-capacity"]],
    ["baotou-2016/51", "抓好试点示范工作, a 保障措施 measure", ["leadership", "leadership-organisation"]],
    ["inner-mongolia-2021/8", "(八)严格落实重大行政决策程序", ["decision-making"]],
    ["inner-mongolia-2021/15", "(十五)提高突发事件依法处置能力", ["emergency-response"]],
    ["inner-mongolia-2021/28", "(二十八)深入推进“互联网+”监管执法", ["law-enforcement", "digital-government"]],
    ["inner-mongolia-2021/32", "(三十二)加强理论研究和舆论宣传", ["leadership", "leadership-guarantees"]],
    ["chengdu-2015/1", "深化行政审批制度改革", ["government-functions"]],
    ["chengdu-2015/27", "加大政府信息公开力度", ["oversight"]],
    ["chengdu-2015/42", "加强行政复议应诉队伍建设", ["dispute-resolution", "leadership", "leadership-capacity"]],
    ["chengdu-2015/48", "加强指导督促考核", ["leadership", "leadership-organisation"]],
  ] as const)("%s %s → %j", (id, _title, themes) => {
    expect(themesOf(id)).toEqual(themes);
  });

  it("withThemes fills task.themes and leaves a valid plan", () => {
    for (const plan of builtInPlans) {
      const before = plan.tasks.map((t) => [...t.themes]);
      const themed = PlanSchema.parse(withThemes(plan));
      expect(themed.tasks.map((t) => t.themes)).toEqual(plan.tasks.map((t) => themesOf(t.id)));
      expect(plan.tasks.map((t) => t.themes)).toEqual(before);
    }
  });

  it("every override names a built-in task and changes what the rules say", () => {
    for (const [id, override] of Object.entries(THEME_OVERRIDES)) {
      const plan = builtInPlans.find((p) => p.tasks.some((t) => t.id === id));
      const task = plan?.tasks.find((t) => t.id === id);
      if (!plan || !task) throw new Error(`override for unknown task ${id}`);
      const { sectionTitle, partTitle } = taskHeadings(plan, task);
      const byRules = classifyTask(task, sectionTitle, partTitle, { overrides: {} });
      expect(byRules.themes, id).not.toEqual([...override.themes]);
    }
  });
});

describe("coverageMatrix of the built-in plans", () => {
  const matrix = coverageMatrix(builtInPlans);
  const row = (id: ThemeId) => matrix.rows.find((r) => r.themeId === id)?.cells.map((c) => c.count);
  const column = (planId: string) => matrix.planIds.indexOf(planId as never);

  it("has one row per theme and one column per plan, consistent with the classifier", () => {
    expect(CoverageMatrixSchema.parse(matrix)).toEqual(matrix);
    expect(matrix.rows.map((r) => r.themeId)).toEqual(THEMES.map((t) => t.id));
    for (const r of matrix.rows) {
      r.cells.forEach((cell, j) => {
        expect(cell.taskIds.every((id) => themesOf(id).includes(r.themeId))).toBe(true);
        expect(cell.count).toBe(cell.taskIds.length);
        expect(cell.count).toBeLessThanOrEqual(matrix.taskCounts[j] ?? 0);
      });
    }
  });

  it("shows that only the 2021 regional plan covers emergency response and digital government", () => {
    const im = column("inner-mongolia-2021");
    expect(row("emergency-response")?.filter((n, j) => j !== im && n > 0)).toEqual([]);
    expect(row("emergency-response")?.[im]).toBe(3); // (十四)(十五)(十六)
    expect(row("digital-government")?.[im]).toBe(3); // (二十六)(二十七)(二十八)
    expect(row("digital-government")?.filter((n, j) => j !== im && n > 0)).toEqual([]);
    // Chengdu's section (六)深入推进政务公开 has five tasks, all under oversight.
    expect(row("oversight")?.[column("chengdu-2015")]).toBeGreaterThanOrEqual(5 + 6);
  });
});

describe("themes carried by the plan data", () => {
  it("stores each built-in task's classified themes in the plan itself (the importer fills them)", () => {
    for (const plan of builtInPlans) {
      for (const task of plan.tasks) expect(task.themes, task.id).toEqual(themesOf(task.id));
    }
  });
});
