import { describe, expect, it } from "vitest";
import { TaskIdSchema } from "../model/ids.js";
import { classifyTask } from "./classify-task.js";
import { THEME_OVERRIDES } from "./overrides.js";
import { OUTLINE_2015_AREAS, THEMES, themeById } from "./taxonomy.js";

const task = (title: string, text = "推进工作。") => ({ id: TaskIdSchema.parse("demo-2016/1"), title, text });
const NO_OVERRIDES = { overrides: {} };

describe("classifyTask", () => {
  it("places a task by its section heading first", () => {
    const c = classifyTask(task("推行政府职能法定化"), "依法全面履行政府职能", "工作任务", NO_OVERRIDES);
    expect(c.themes).toEqual(["government-functions"]);
    expect(c.reasons[0]).toMatchObject({ rule: "section", term: "政府职能" });
  });

  it("falls back to the part heading when the section says nothing (or there is none)", () => {
    const c = classifyTask(task("推进政府机构职能优化协同高效"), null, "健全政府机构职能体系", NO_OVERRIDES);
    expect(c.themes).toEqual(["government-functions"]);
    expect(c.reasons.map((r) => r.rule)).toEqual(["part", "title"]);
  });

  it("adds the themes of key terms in the title", () => {
    const c = classifyTask(task("加强行政复议应诉队伍建设"), "加强法治工作队伍建设", "主要任务", NO_OVERRIDES);
    expect(c.themes).toEqual(["dispute-resolution", "leadership", "leadership-capacity"]);
  });

  it("lets the text decide when headings and title are silent", () => {
    const c = classifyTask(
      task("推进综合改革", "完善行政复议案件审理机制,规范行政复议程序,加强行政调解。"),
      "其他事项",
      "主要任务",
      NO_OVERRIDES,
    );
    expect(c.themes).toEqual(["dispute-resolution"]);
    expect(c.reasons[0]).toMatchObject({ rule: "text", term: "行政复议", weight: 3 * 2 + 3 + 2 * 2 + 2 });
  });

  it("gives guarantee measures a sub-theme of 党的领导与推进机制: from their terms, else 组织领导", () => {
    expect(classifyTask(task("加强法治培训"), null, "保障机制", NO_OVERRIDES).themes).toEqual(["leadership", "leadership-capacity"]);
    expect(classifyTask(task("加强环境营造"), null, "保障机制", NO_OVERRIDES).themes).toEqual(["leadership", "leadership-guarantees"]);
    const plain = classifyTask(task("抓好落实", "各地要认真抓好落实。"), null, "保障措施", NO_OVERRIDES);
    expect(plain.themes).toEqual(["leadership", "leadership-organisation"]);
    expect(plain.reasons.at(-1)?.rule).toBe("default");
  });

  it("applies a reviewed override before any rule", () => {
    const overrides = { "demo-2016/1": { themes: ["law-enforcement" as const], reason: "about 重点领域执法, not oversight" } };
    const c = classifyTask(task("加强和改进重点领域监督"), "严格规范公正文明执法", "主要任务", { overrides });
    expect(c.themes).toEqual(["law-enforcement"]);
    expect(c.reasons).toEqual([{ themeId: "law-enforcement", rule: "override", term: null, weight: null, note: "about 重点领域执法, not oversight" }]);
  });

  it("reads every area heading of the 2015—2020 outline as the theme it maps to", () => {
    for (const area of OUTLINE_2015_AREAS) {
      const c = classifyTask(task("抓好落实", "认真抓好落实。"), area.zh, "主要任务", NO_OVERRIDES);
      expect(c.themes, area.zh).toContain(area.themeId);
    }
  });

  it("reads every chapter heading of the 2021—2025 outline (健全…体系) as its theme", () => {
    for (const theme of THEMES.filter((t) => t.parent === null && t.id !== "leadership")) {
      const c = classifyTask(task("抓好落实", "认真抓好落实。"), null, `健全${theme.zh}`, NO_OVERRIDES);
      expect(c.themes, theme.zh).toEqual([theme.id]);
    }
  });

  it("keeps overrides well-formed: known themes and a one-line reason", () => {
    for (const [id, o] of Object.entries(THEME_OVERRIDES)) {
      expect(() => TaskIdSchema.parse(id)).not.toThrow();
      expect(o.themes.length).toBeGreaterThan(0);
      for (const t of o.themes) expect(themeById(t).id).toBe(t);
      expect(o.reason).toMatch(/^[^\n]{10,200}$/);
    }
  });
});
