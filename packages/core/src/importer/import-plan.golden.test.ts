// Golden tests: facts about the four built-in plans, each checked by reading
// the source texts in packages/core/plans/sources/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Plan } from "../model/plan.js";
import type { Task } from "../model/task.js";
import { importPlan, type ImportResult } from "./import-plan.js";
import { mergeImports } from "./merge.js";

const SOURCES = join(import.meta.dirname, "..", "..", "plans", "sources");
const load = (name: string): ImportResult => importPlan(readFileSync(join(SOURCES, name), "utf8"), { sourceName: name });

const hohhotSimplified = load("000_303cee155329faa7.txt");
const hohhotTraditional = load("001_4e84aac5f35be19d.txt");
const hohhot = mergeImports([hohhotSimplified, hohhotTraditional]).plan;
const baotou = load("002_08d0e86018707fca.txt").plan;
const innerMongolia = load("003_c5645c69c3d939d1.txt").plan;
const chengdu = load("004_6fb7fc662887b81d.txt").plan;

function task(plan: Plan, number: number): Task {
  const found = plan.tasks.find((t) => t.number === number);
  if (found === undefined) throw new Error(`${plan.id} has no task ${number}`);
  return found;
}
const unitName = (plan: Plan, id: string): string | undefined => plan.units.find((u) => u.id === id)?.name;
const sectionCount = (plan: Plan): number => plan.parts.reduce((n, p) => n + p.sections.length, 0);

describe.each([
  ["hohhot", hohhot],
  ["baotou", baotou],
  ["inner mongolia", innerMongolia],
  ["chengdu", chengdu],
])("%s: invariants", (_name, plan) => {
  it("numbers tasks 1..n with guarantee measures after the others", () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(plan.tasks.map((_, i) => i + 1));
    const firstGuarantee = plan.tasks.findIndex((t) => t.guarantee);
    expect(firstGuarantee).toBeGreaterThan(0);
    expect(plan.tasks.slice(firstGuarantee).every((t) => t.guarantee)).toBe(true);
    expect(plan.tasks.filter((t) => t.guarantee).every((t) => plan.parts[t.partNumber - 1]?.kind === "guarantees")).toBe(true);
  });
  it("keeps page furniture, PDF spaces and unit annotations out of task texts", () => {
    for (const t of plan.tasks) {
      expect(t.text).not.toMatch(/\p{Script=Han} +\p{Script=Han}|\[bookmark|二维码|本文链接|浏览量|答记者问|牵头单位|[\uFF01-\uFF5E]/u);
      expect(t.title.length).toBeGreaterThan(1);
      expect(t.text.startsWith(t.title)).toBe(true);
    }
  });
});

describe("Hohhot 呼和浩特", () => {
  it("has 34 tasks, 31–34 its guarantee measures under 三、保障机制", () => {
    expect(hohhot.tasks).toHaveLength(34);
    expect(hohhot.tasks.filter((t) => t.guarantee).map((t) => t.ordinal)).toEqual(["31", "32", "33", "34"]);
    expect(hohhot.parts.map((p) => [p.ordinal, p.title, p.kind])).toEqual([
      ["一", "总体要求", "general"],
      ["二", "工作任务", "tasks"],
      ["三", "保障机制", "guarantees"],
    ]);
    expect(task(hohhot, 31).partNumber).toBe(3);
  });
  it("imports both files to the same tasks with the same titles", () => {
    expect(hohhotTraditional.plan.tasks.map((t) => t.title)).toEqual(hohhotSimplified.plan.tasks.map((t) => t.title));
    expect(hohhotTraditional.plan.tasks.map((t) => t.ordinal)).toEqual(hohhotSimplified.plan.tasks.map((t) => t.ordinal));
    expect(hohhot.provenance.warnings.some((w) => w.code === "merge-title-mismatch")).toBe(false);
  });
  it("cites its basis with the intact document number 呼党发〔2014〕16号", () => {
    expect(hohhot.basis).toEqual([{ title: "中共呼和浩特市委员会关于加快建设法治呼和浩特的意见", documentNumber: "呼党发〔2014〕16号" }]);
    expect(hohhotSimplified.warnings.some((w) => w.code === "citation-repaired")).toBe(true);
    expect(hohhotTraditional.warnings.some((w) => w.code === "citation-repaired")).toBe(false);
  });
  it("reads its metadata from the simplified copy's title block", () => {
    expect(hohhot).toMatchObject({
      id: "hohhot-2015",
      title: "呼和浩特市人民政府关于全面推进依法行政加快建设法治政府的实施意见",
      issuer: "呼和浩特市人民政府",
      documentNumber: "呼政发〔2015〕32号",
      jurisdiction: { name: "呼和浩特市", level: "city", parent: "内蒙古自治区" },
      period: { startYear: 2015, endYear: 2020 },
    });
    expect(hohhot.guidingIdeology).toMatch(/^高举中国特色社会主义伟大旗帜/);
    expect(hohhot.goals).toMatch(/^紧紧围绕“加快建设法治呼和浩特”的总目标,到2020年/);
  });
  it("lists both source files in its provenance", () => {
    expect(hohhot.provenance.sourceFiles.map((f) => [f.name, f.script, f.format])).toEqual([
      ["000_303cee155329faa7.txt", "simplified", "web-page"],
      ["001_4e84aac5f35be19d.txt", "traditional", "web-scrape"],
    ]);
  });
  it("has 8 sections and the titles of the text", () => {
    expect(sectionCount(hohhot)).toBe(8);
    expect(hohhot.parts[1]?.sections[7]?.title).toBe("健全依法维权和化解纠纷机制");
    expect(task(hohhot, 2).title).toBe("深化行政审批制度改革");
    expect(task(hohhot, 24).title).toBe("全面落实行政复议职责");
    expect(task(hohhot, 24).sectionNumber).toBe(8);
    expect(task(hohhot, 9).title).toBe("深入推进科学立法、民主立法");
  });
  it("keeps the closing exhortation out of task 34", () => {
    expect(task(hohhot, 34).text).not.toContain("自我革命");
    expect(task(hohhot, 34).text).toMatch(/良好社会氛围。$/);
  });
  it("points at the four places where the scrape lost characters", () => {
    expect(hohhotTraditional.warnings.filter((w) => w.code === "garbled-text").map((w) => w.line)).toEqual([10, 19, 20, 34]);
    expect(hohhotSimplified.warnings.some((w) => w.code === "garbled-text")).toBe(false);
    // The merged plan takes its tasks from the intact simplified copy.
    expect(task(hohhot, 2).text).toContain("结合区域实际,继续简政放权");
  });
  it("keeps the traditional text of the scrape as the original", () => {
    const first = hohhotTraditional.plan.tasks[0];
    expect(first?.text).toMatch(/^推行政府职能法定化。坚持“法定职责必须为、法无授权不可为”/);
    expect(first?.originalText).toMatch(/^推行政府職能法定化。堅持/);
    expect(hohhotSimplified.plan.tasks[0]?.originalText).toBeNull();
  });
  it("names no units: the plan has no annotations", () => {
    expect(hohhot.units).toEqual([]);
  });
  it("has no dated milestones and no targets: the text sets none", () => {
    expect(hohhot.tasks.flatMap((t) => t.milestones)).toEqual([]);
    expect(hohhot.tasks.flatMap((t) => t.targets)).toEqual([]);
  });
});

describe("Baotou 包头", () => {
  it("has 47 numbered tasks in 8 sections plus 5 guarantee measures as tasks 48–52", () => {
    expect(baotou.tasks).toHaveLength(52);
    expect(baotou.tasks.slice(0, 47).map((t) => t.ordinal)).toEqual(Array.from({ length: 47 }, (_, i) => String(i + 1)));
    expect(sectionCount(baotou)).toBe(8);
    expect(baotou.tasks.slice(47).map((t) => [t.ordinal, t.guarantee, t.partNumber, t.sectionNumber])).toEqual([
      ["(一)", true, 4, null],
      ["(二)", true, 4, null],
      ["(三)", true, 4, null],
      ["(四)", true, 4, null],
      ["(五)", true, 4, null],
    ]);
    expect(task(baotou, 48).title).toBe("切实加强组织领导");
  });
  it("dates task 2's two milestones 2016-06-30 and 2016-12-31", () => {
    expect(task(baotou, 2).milestones.map((m) => m.due)).toEqual(["2016-06-30", "2016-12-31"]);
    expect(task(baotou, 2).milestones[1]?.yearInferred).toBe(true);
  });
  it("reads the metadata of a PDF extract", () => {
    expect(baotou).toMatchObject({
      id: "baotou-2016",
      title: "包头市“十三五”法治政府建设专项规划",
      issuer: null,
      documentNumber: null,
      jurisdiction: { name: "包头市", level: "city", parent: "内蒙古自治区" },
      period: { startYear: 2016, endYear: 2020 },
    });
    expect(baotou.provenance.sourceFiles[0]?.format).toBe("pdf-extract");
    expect(baotou.parts.map((p) => p.kind)).toEqual(["general", "general", "tasks", "guarantees"]);
    expect(baotou.guidingIdeology).toMatch(/^深入贯彻落实党的十八大,十八届三中、四中、五中全会/);
    expect(baotou.goals).toContain("到2020年基本建成“职能科学、权责法定");
  });
  it("cites four basis documents with their numbers", () => {
    expect(baotou.basis.map((c) => c.documentNumber)).toEqual(["中发〔2015〕36号", "内党发〔2014〕25号", "包党发〔2015〕7号", "包党办发〔2015〕21号"]);
    expect(baotou.basis[0]?.title).toBe("法治政府建设实施纲要(2015—2020年)");
  });
  it("joins words and sentences the PDF broke", () => {
    expect(task(baotou, 2).text).toContain("年底前编制完成并公布旗县区(稀土高新区)权责清单");
    expect(task(baotou, 4).text).toContain("服务项目的投资、运营管理");
    expect(task(baotou, 50).text).toMatch(/^提高领导干部法治思维和依法办事能力。教育引导领导干部/);
  });
  it("has the section and task titles of the text", () => {
    expect(baotou.parts[2]?.sections.map((s) => s.title)[7]).toBe("全面提高政府工作人员法治思维和法治建设能力");
    expect(task(baotou, 10).title).toBe("全面落实重大行政决策法定程序");
    expect(task(baotou, 35).title).toBe("完善政务公开制度,明确公开重点");
    expect(task(baotou, 7).title).toBe("加强市场监管");
  });
  it("reads task 7's 3% sampling target and task 13's three milestones", () => {
    const sampling = task(baotou, 7).targets.find((t) => t.unit === "%");
    expect(sampling).toMatchObject({ comparator: "gte", value: 3 });
    // The 2018 deadline governs a later sentence, not the sampling rate.
    expect(sampling?.due).toBeNull();
    expect(task(baotou, 7).milestones.map((m) => m.due)).toEqual(["2018-12-31"]);
    expect(task(baotou, 13).milestones.map((m) => m.due)).toEqual(["2016-12-31", "2018-12-31", "2019-06-30"]);
  });
  it("reads task 45's two lectures a year from a PDF-spaced 两期以上", () => {
    expect(task(baotou, 45).targets).toEqual([expect.objectContaining({ comparator: "gte", value: 2, unit: "期", per: "每年" })]);
  });
  it("does not read a recurring 每年第一季度 as a milestone", () => {
    expect(task(baotou, 49).title).toBe("强化责任落实");
    expect(task(baotou, 49).milestones).toEqual([]);
  });
});

describe("Inner Mongolia 内蒙古", () => {
  it("has 32 tasks in 9 parts, the (一)…(三十二) subsections", () => {
    expect(innerMongolia.tasks).toHaveLength(32);
    expect(innerMongolia.parts).toHaveLength(9);
    expect(sectionCount(innerMongolia)).toBe(0);
    expect(task(innerMongolia, 32).ordinal).toBe("(三十二)");
    expect(innerMongolia.tasks.filter((t) => t.guarantee).map((t) => t.ordinal)).toEqual(["(二十九)", "(三十)", "(三十一)", "(三十二)"]);
    expect(innerMongolia.parts[8]).toMatchObject({ ordinal: "九", title: "强化组织实施", kind: "guarantees" });
    expect(innerMongolia.parts[7]).toMatchObject({ title: "健全法治政府建设科技保障体系", kind: "tasks" });
  });
  it("takes no task from the press Q&A and drops the news preface", () => {
    for (const t of innerMongolia.tasks) expect(t.text).not.toMatch(/答记者问|问:|一是强化学习宣传|本报/);
    expect(task(innerMongolia, 32).text).toMatch(/宣传格局。$/);
    const codes = innerMongolia.provenance.warnings.map((w) => w.code);
    // Cut at the Q&A's headline (source line 159), not later at its first question.
    expect(innerMongolia.provenance.warnings.filter((w) => w.code === "trailing-material-removed")).toEqual([
      expect.objectContaining({ line: 159, message: "removed 6 trailing lines that are not part of the plan" }),
    ]);
    expect(codes).toContain("preface-removed");
  });
  it("dates task (二十)'s two 90% targets 2022-12-31 and 2024-12-31", () => {
    const t = task(innerMongolia, 20);
    expect(t.ordinal).toBe("(二十)");
    expect(t.targets.filter((x) => x.value === 90 && x.unit === "%").map((x) => x.due)).toEqual(["2022-12-31", "2024-12-31"]);
  });
  it("reads task (十九)'s target of at least 3 people", () => {
    expect(task(innerMongolia, 19).targets).toEqual(
      expect.arrayContaining([expect.objectContaining({ comparator: "gte", value: 3, unit: "人" })]),
    );
  });
  it("reads the metadata of a newspaper reprint", () => {
    expect(innerMongolia).toMatchObject({
      id: "inner-mongolia-2021",
      title: "内蒙古自治区贯彻《法治政府建设实施纲要(2021—2025年)》实施方案",
      issuer: "内蒙古自治区党委和政府",
      documentNumber: null,
      jurisdiction: { name: "内蒙古自治区", level: "region", parent: "中华人民共和国" },
      period: { startYear: 2021, endYear: 2025 },
      guidingIdeology: null,
      goals: null,
    });
    expect(innerMongolia.basis).toEqual([{ title: "法治政府建设实施纲要(2021—2025年)", documentNumber: null }]);
    expect(innerMongolia.provenance.sourceFiles[0]).toMatchObject({ script: "mixed", format: "news-reprint" });
  });
  it("converts the traditional characters that slipped in and keeps the original", () => {
    const t = task(innerMongolia, 27);
    expect(t.text).toContain("行政决策、行政执法、行政执法工作");
    expect(t.originalText).toContain("行政執法工作");
    expect(task(innerMongolia, 1).originalText).toBeNull();
  });
  it("dates task (二)'s 2022年4月底前 and reads task (三十一)'s training targets", () => {
    expect(task(innerMongolia, 2).milestones.map((m) => [m.phrase, m.due])).toEqual([["2022年4月底前", "2022-04-30"]]);
    expect(task(innerMongolia, 31).targets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ comparator: "gte", value: 60, unit: "学时", per: "每人每年" }),
        expect.objectContaining({ comparator: "gte", value: 2, unit: "期", per: "每年" }),
      ]),
    );
  });
  it("joins the paragraph broken inside 法规草案", () => {
    expect(task(innerMongolia, 5).text).toContain("召开审议法规草案会议的1个月前提出立法议案");
    expect(task(innerMongolia, 5).milestones).toEqual([]);
  });
  it("dates 2023年年底前 and 2025年前", () => {
    expect(task(innerMongolia, 26).milestones.map((m) => m.due)).toEqual(["2023-12-31"]);
    expect(task(innerMongolia, 30).milestones.map((m) => [m.due, m.rule])).toEqual([["2025-12-31", "before-year"]]);
  });
});

describe("Chengdu 成都", () => {
  it("has 44 numbered tasks in 9 sections, each with lead and responsible units, and 4 guarantee measures", () => {
    expect(chengdu.tasks).toHaveLength(48);
    expect(sectionCount(chengdu)).toBe(9);
    const numbered = chengdu.tasks.slice(0, 44);
    expect(numbered.every((t) => !t.guarantee && t.lead.length > 0 && t.responsible.length > 0)).toBe(true);
    expect(chengdu.tasks.slice(44).map((t) => [t.number, t.ordinal, t.guarantee])).toEqual([
      [45, "(一)", true],
      [46, "(二)", true],
      [47, "(三)", true],
      [48, "(四)", true],
    ]);
  });
  it("leads task 1 with 市委编办, alias 市审改办", () => {
    const [lead] = task(chengdu, 1).lead;
    expect(lead).toBe("成都市:市委编办");
    expect(chengdu.units.find((u) => u.id === lead)).toMatchObject({ name: "市委编办", aliases: ["市审改办"], collective: false });
  });
  it("assigns task 1 to the five responsible units of its annotation", () => {
    expect(task(chengdu, 1).responsible.map((id) => unitName(chengdu, id))).toEqual([
      "市政府法制办",
      "市政务服务办",
      "市政府政务中心",
      "市政府有关部门",
      "各区(市)县政府",
    ]);
  });
  it("names 15 distinct units, aliases merged", () => {
    expect(chengdu.units).toHaveLength(15);
    expect(chengdu.units.find((u) => u.name === "市政务服务办")?.aliases).toEqual(["市公管办"]);
    expect(new Set(chengdu.units.map((u) => u.id)).size).toBe(15);
  });
  it("keeps 各区(市)县政府 one collective unit", () => {
    expect(chengdu.units.find((u) => u.name === "各区(市)县政府")).toMatchObject({ collective: true, aliases: [] });
    expect(chengdu.units.find((u) => u.name === "市政府各部门")?.collective).toBe(true);
    expect(chengdu.units.some((u) => u.name === "市" || u.name === "县政府")).toBe(false);
  });
  it("reads the annotation in round brackets of task 15", () => {
    expect(task(chengdu, 15).lead.map((id) => unitName(chengdu, id))).toEqual(["市政府法制办"]);
    expect(task(chengdu, 15).responsible.map((id) => unitName(chengdu, id))).toEqual(["市政府有关部门"]);
  });
  it("leads task 44 with 市政府法制办 and reads its 40-hour training target", () => {
    const t = task(chengdu, 44);
    expect(t.title).toBe("加强法制机构队伍建设");
    expect(t.lead.map((id) => unitName(chengdu, id))).toEqual(["市政府法制办"]);
    expect(t.targets).toEqual(expect.arrayContaining([expect.objectContaining({ comparator: "gte", value: 40, unit: "学时" })]));
  });
  it("reads guarantee task 46's 24 and 2 study sessions a year", () => {
    const values = task(chengdu, 46).targets.map((x) => [x.comparator, x.value, x.unit]);
    expect(values).toEqual(expect.arrayContaining([["gte", 24, "次"], ["gte", 2, "次"]]));
    expect(task(chengdu, 46).lead).toEqual([]);
  });
  it("reads task 28's ten-working-day limit", () => {
    expect(task(chengdu, 28).targets).toEqual(
      expect.arrayContaining([expect.objectContaining({ comparator: "within", value: 10 })]),
    );
  });
  it("unwraps the issuing notice for its metadata", () => {
    expect(chengdu).toMatchObject({
      id: "chengdu-2015",
      title: "成都市法治政府建设规划(2015-2020年)",
      issuer: "成都市人民政府",
      documentNumber: "成府发〔2015〕20号",
      jurisdiction: { name: "成都市", level: "city", parent: "四川省" },
      period: { startYear: 2015, endYear: 2020 },
    });
    expect(chengdu.basis.map((c) => c.documentNumber)).toEqual(["川府发〔2015〕1号", "成委发〔2014〕19号"]);
    expect(chengdu.guidingIdeology).toMatch(/^以邓小平理论/);
    expect(chengdu.goals).toContain("到2020年基本建成");
    expect(chengdu.provenance.sourceFiles[0]?.format).toBe("web-page");
  });
  it("removes the page furniture around the plan and says so", () => {
    const removed = chengdu.provenance.warnings.filter((w) => w.code === "boilerplate-removed").map((w) => w.line);
    expect(removed).toEqual([3, 308, 310, 315, 317]);
    expect(task(chengdu, 48).text).toMatch(/第三方评估制度。$/);
  });
});
