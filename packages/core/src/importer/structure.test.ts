import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStructure, partKind, taskTitle } from "./structure.js";

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((t, i) => ({ text: t.trim(), line: i + 1 }))
    .filter((l) => l.text !== "");

describe("partKind", () => {
  it.each([
    ["总体要求", "general"],
    ["指导思想和总体目标", "general"],
    ["保障措施", "guarantees"],
    ["保障机制", "guarantees"],
    ["强化组织实施", "guarantees"],
    ["主要任务", "tasks"],
    ["健全法治政府建设科技保障体系", "tasks"],
  ])("%s is %s", (title, kind) => {
    expect(partKind(title)).toBe(kind);
  });
});

describe("taskTitle", () => {
  it("takes the heading phrase up to the first 。", () => {
    expect(taskTitle("深化行政审批制度改革。结合区域实际,继续简政放权。")).toBe("深化行政审批制度改革");
    expect(taskTitle("完善政务公开制度,明确公开重点。坚持原则。")).toBe("完善政务公开制度,明确公开重点");
    expect(taskTitle("依法全面履行政府职能。")).toBe("依法全面履行政府职能");
    expect(taskTitle("推行政府职能法定化:坚持法定职责必须为。")).toBe("推行政府职能法定化");
  });
  it("never returns an overly long title", () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => [...taskTitle(s)].length <= 60));
  });
});

describe("parseStructure", () => {
  it("reads parts, sections and numbered tasks, with guarantee tasks numbered on", () => {
    const parsed = parseStructure(
      lines(`
        某市人民政府关于加快建设法治政府的实施意见
        为全面推进依法行政,根据《某文件》要求,提出如下意见。
        一、总体要求
        (一)指导思想。高举伟大旗帜。
        (二)目标要求。到2020年,基本建成法治政府。
        二、工作任务
        (一)依法全面履行政府职能
        1.推行政府职能法定化。坚持法定职责必须为。
        2.深化行政审批制度改革。继续简政放权。
        (二)健全依法决策机制
        3.严格执行重大行政决策法定程序。制定规定。
        三、保障机制
        4.加强组织领导。各级政府应建立机制。
      `),
    );
    expect(parsed.parts.map((p) => [p.ordinal, p.title, p.kind])).toEqual([
      ["一", "总体要求", "general"],
      ["二", "工作任务", "tasks"],
      ["三", "保障机制", "guarantees"],
    ]);
    expect(parsed.sections.map((s) => [s.ordinal, s.title, s.partIndex])).toEqual([
      ["(一)", "依法全面履行政府职能", 1],
      ["(二)", "健全依法决策机制", 1],
    ]);
    expect(parsed.tasks.map((t) => [t.ordinal, t.title, t.sectionIndex, t.guarantee])).toEqual([
      ["1", "推行政府职能法定化", 0, false],
      ["2", "深化行政审批制度改革", 0, false],
      ["3", "严格执行重大行政决策法定程序", 1, false],
      ["4", "加强组织领导", null, true],
    ]);
    expect(parsed.tasks[1]?.text).toBe("深化行政审批制度改革。继续简政放权。");
    expect(parsed.guidingIdeology).toBe("高举伟大旗帜。");
    expect(parsed.goals).toBe("到2020年,基本建成法治政府。");
    expect(parsed.parts[0]?.text).toContain("(一)指导思想。");
    expect(parsed.preamble.map((l) => l.text)).toHaveLength(2);
  });

  it("never takes a date or a number at the start of a line for a task", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        1.深入推行权责清单制度。编制清单。
        2016年6月底前编制完成并公布市本级权责清单。
        3.该数字不是下一个任务,只是一行文字。
        2.加强市场监管。实行五证合一。
      `),
    );
    expect(parsed.tasks.map((t) => t.ordinal)).toEqual(["1", "2"]);
    expect(parsed.tasks[0]?.text).toContain("2016年6月底前");
    expect(parsed.tasks[0]?.text).toContain("3.该数字");
  });

  it("makes the (一)(二) subsections the tasks when no task is numbered, numbering on across parts", () => {
    const parsed = parseStructure(
      lines(`
        一、健全政府机构职能体系
        (一)推进政府机构职能优化协同高效
        继续优化政府组织结构。
        (二)深入推进“放管服”改革
        持续推进行政审批制度改革。
        二、强化组织实施
        (三)加强党对法治政府建设的领导
        各级党委要把法治政府建设摆到突出位置。
      `),
    );
    expect(parsed.sections).toEqual([]);
    expect(parsed.tasks.map((t) => [t.ordinal, t.title, t.partIndex, t.guarantee])).toEqual([
      ["(一)", "推进政府机构职能优化协同高效", 0, false],
      ["(二)", "深入推进“放管服”改革", 0, false],
      ["(三)", "加强党对法治政府建设的领导", 1, true],
    ]);
    expect(parsed.tasks[0]?.text).toBe("推进政府机构职能优化协同高效\n继续优化政府组织结构。");
  });

  it("makes unnumbered (一)(二) guarantee measures tasks after the numbered ones", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        (一)依法全面履行政府职能
        1.深化行政审批制度改革。清理事项。
        二、保障措施
        (一)切实加强组织领导。党的领导是根本保证。
        (二)强化责任落实。签订责任书。
      `),
    );
    expect(parsed.tasks.map((t) => [t.ordinal, t.guarantee, t.sectionIndex])).toEqual([
      ["1", false, 0],
      ["(一)", true, null],
      ["(二)", true, null],
    ]);
  });

  it("cuts a press Q&A and a news preface, and keeps a closing paragraph out of the last task", () => {
    const parsed = parseStructure(
      lines(`
        某自治区实施方案
        本报9月11日讯近日,自治区党委和政府印发了《实施方案》,全文如下。
        一、健全制度体系
        (一)加强立法
        科学编制立法规划。
        (二)完善机制
        坚持人大主导作用。
        结尾号召:各地区各部门要抓好落实。
        《实施方案》答记者问
        问:如何保障落实?
        答:一是强化学习宣传。
      `),
    );
    expect(parsed.tasks).toHaveLength(2);
    expect(parsed.tasks[1]?.text).toBe("完善机制\n坚持人大主导作用。");
    expect(parsed.preface.map((l) => l.text)[0]).toMatch(/^本报/);
    expect(parsed.preamble.map((l) => l.text)).toEqual(["某自治区实施方案"]);
    const codes = parsed.warnings.map((w) => w.code);
    expect(codes).toContain("preface-removed");
    expect(codes.filter((c) => c === "trailing-material-removed")).toHaveLength(2);
  });

  it("does not cut the plan at a task about press conferences or Q&A", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        (一)完善新闻发布会制度
        定期举行新闻发布会。
        (二)规范答记者问工作
        做好答记者问工作。
      `),
    );
    expect(parsed.tasks.map((t) => t.title)).toEqual(["完善新闻发布会制度", "规范答记者问工作"]);
    expect(parsed.tasks[1]?.text).toBe("规范答记者问工作\n做好答记者问工作。");
  });

  it("accepts a small jump over a lost task and says so", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        1.第一项任务。内容。
        3.第三项任务。内容。
        4.第四项任务。内容。
      `),
    );
    expect(parsed.tasks.map((t) => t.ordinal)).toEqual(["1", "3", "4"]);
    expect(parsed.warnings.map((w) => w.code)).toContain("numbering-gap");
  });

  it("reports a duplicated task number and reads the second as text", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        1.第一项任务。内容。
        2.第二项任务。内容。
        2.第二项任务。重复。
      `),
    );
    expect(parsed.tasks).toHaveLength(2);
    expect(parsed.warnings.map((w) => w.code)).toContain("duplicate-number");
  });

  it("accepts numbering that restarts in each section", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        (一)甲
        1.第一项。内容。
        2.第二项。内容。
        (二)乙
        1.第三项。内容。
      `),
    );
    expect(parsed.tasks.map((t) => [t.ordinal, t.sectionIndex])).toEqual([
      ["1", 0],
      ["2", 0],
      ["1", 1],
    ]);
    expect(parsed.warnings.map((w) => w.code)).toContain("numbering-restart");
  });

  it("reads a plan that prints no parts as one part, and says so", () => {
    const parsed = parseStructure(
      lines(`
        某县法治政府建设工作要点
        为推进依法行政,制定本要点。
        1.深化行政审批制度改革。清理事项。
        2.加强市场监管。2017年年底前完成。
        答记者问
      `),
    );
    expect(parsed.preamble.map((l) => l.text)).toEqual(["某县法治政府建设工作要点", "为推进依法行政,制定本要点。"]);
    expect(parsed.parts).toEqual([{ ordinal: "一", title: "主要任务", kind: "tasks", text: "", line: 3 }]);
    expect(parsed.tasks.map((t) => [t.ordinal, t.partIndex])).toEqual([
      ["1", 0],
      ["2", 0],
    ]);
    expect(parsed.warnings.map((w) => w.code)).toEqual(["trailing-material-removed", "parts-inferred"]);
  });

  it("keeps a tasks part without numbered items as text, and says so", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        1.深化改革。内容。
        二、保障措施
        各级政府要加强组织领导,确保各项任务落到实处。
      `),
    );
    expect(parsed.parts[1]).toMatchObject({ kind: "general", text: "各级政府要加强组织领导,确保各项任务落到实处。" });
    expect(parsed.warnings.map((w) => w.code)).toEqual(["no-tasks"]);
  });

  it("makes a section without numbered tasks a task of its own, and an introduction before tasks no task", () => {
    const parsed = parseStructure(
      lines(`
        一、主要任务
        (一)健全机构职能体系
        优化政府组织结构。
        (二)完善依法行政制度
        本节说明。
        1.加强重要领域立法。制定法规。
        2.完善立法工作机制。坚持人大主导。
      `),
    );
    expect(parsed.sections.map((s) => s.ordinal)).toEqual(["(一)", "(二)"]);
    expect(parsed.tasks.map((t) => [t.ordinal, t.title, t.sectionIndex])).toEqual([
      ["(一)", "健全机构职能体系", 0],
      ["1", "加强重要领域立法", 1],
      ["2", "完善立法工作机制", 1],
    ]);
    expect(parsed.tasks[0]?.text).toBe("健全机构职能体系\n优化政府组织结构。");
    expect(parsed.warnings.map((w) => [w.code, w.excerpt])).toEqual([["trailing-material-removed", "本节说明。"]]);
  });

  it("takes 一. for 一、 in part headings", () => {
    const parsed = parseStructure(
      lines(`
        一.主要任务
        1.深化改革。内容。
        二.保障措施
        2.加强领导。内容。
      `),
    );
    expect(parsed.parts.map((p) => [p.ordinal, p.title, p.kind])).toEqual([
      ["一", "主要任务", "tasks"],
      ["二", "保障措施", "guarantees"],
    ]);
    expect(parsed.tasks).toHaveLength(2);
  });

  it("never throws and keeps every task titled and non-empty", () => {
    const line = fc.oneof(
      fc.constantFrom("一、主要任务", "二、保障措施", "(一)加强领导", "(二)完善机制。内容。", "1.深化改革。内容。", "2.加强监管。", "2016年年底前完成。", "答记者问"),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (texts) => {
        const parsed = parseStructure(texts.map((text, i) => ({ text, line: i + 1 })).filter((l) => l.text !== ""));
        return parsed.tasks.every((t) => t.title !== "" && t.text !== "" && t.lastLine >= t.firstLine);
      }),
      { numRuns: 300 },
    );
  });
});
