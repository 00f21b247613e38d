import { PlanSchema, type Plan } from "@taizhang/core";

/*
 * A small hand-written plan for the store's tests (测试市, 2016–2020): three
 * parts, two sections, four tasks. Task 1 has two milestones and a target on
 * the first; task 3 names no units; task 4 is a guarantee measure whose lead
 * is also listed as responsible.
 */
const J = "测试市";
const u = (name: string) => `${J}:${name}`;

export const UNIT_LEGAL = u("市政府法制办");
export const UNIT_DEVREFORM = u("市发展改革委");
export const UNIT_FINANCE = u("市财政局");
export const UNIT_DISTRICTS = u("各区县政府");

export function fixturePlanInput() {
  return {
    schemaVersion: 1,
    id: "testville-2016",
    title: "测试市法治政府建设实施方案(2016—2020年)",
    issuer: "测试市人民政府",
    documentNumber: "测府发〔2016〕1号",
    jurisdiction: { name: J, level: "city", parent: "测试省" },
    period: { startYear: 2016, endYear: 2020 },
    basis: [{ title: "法治政府建设实施纲要(2015—2020年)", documentNumber: null }],
    guidingIdeology: "全面贯彻落实党的十八大精神",
    goals: "到2020年基本建成法治政府",
    parts: [
      { number: 1, ordinal: "一", title: "总体要求", kind: "general", text: "指导思想……", sections: [] },
      {
        number: 2,
        ordinal: "二",
        title: "主要任务",
        kind: "tasks",
        text: "",
        sections: [
          { number: 1, ordinal: "(一)", title: "依法全面履行政府职能" },
          { number: 2, ordinal: "(二)", title: "完善依法行政制度体系" },
        ],
      },
      { number: 3, ordinal: "三", title: "保障措施", kind: "guarantees", text: "", sections: [] },
    ],
    tasks: [
      {
        id: "testville-2016/1",
        planId: "testville-2016",
        number: 1,
        ordinal: "1",
        partNumber: 2,
        sectionNumber: 1,
        guarantee: false,
        title: "深化行政审批制度改革",
        text: "2016年年底前全部公布收费目录清单,出庭应诉率不低于90%;2017年6月底前完成清理。",
        originalText: null,
        lead: [UNIT_LEGAL],
        responsible: [UNIT_DEVREFORM, UNIT_FINANCE],
        milestones: [
          { index: 1, phrase: "2016年年底前", clause: "全部公布收费目录清单", due: "2016-12-31", rule: "end-of-year", yearInferred: false },
          { index: 2, phrase: "2017年6月底前", clause: "完成清理", due: "2017-06-30", rule: "end-of-month", yearInferred: false },
        ],
        targets: [
          {
            index: 1,
            metric: "出庭应诉率",
            comparator: "gte",
            value: 90,
            unit: "%",
            per: null,
            phrase: "出庭应诉率不低于90%",
            clause: "全部公布收费目录清单,出庭应诉率不低于90%",
            due: "2016-12-31",
          },
        ],
        citations: [],
        themes: [],
      },
      {
        id: "testville-2016/2",
        planId: "testville-2016",
        number: 2,
        ordinal: "2",
        partNumber: 2,
        sectionNumber: 1,
        guarantee: false,
        title: "推进政府信息公开",
        text: "推进政府信息公开,每年培训不少于40学时。",
        originalText: null,
        lead: [UNIT_DEVREFORM],
        responsible: [],
        milestones: [],
        targets: [
          {
            index: 1,
            metric: "培训",
            comparator: "gte",
            value: 40,
            unit: "学时",
            per: "每年",
            phrase: "每年培训不少于40学时",
            clause: "每年培训不少于40学时",
            due: null,
          },
        ],
        citations: [{ title: "政府信息公开条例", documentNumber: null }],
        themes: [],
      },
      {
        id: "testville-2016/3",
        planId: "testville-2016",
        number: 3,
        ordinal: "3",
        partNumber: 2,
        sectionNumber: 2,
        guarantee: false,
        title: "加强规范性文件监督管理",
        text: "加强规范性文件监督管理,2018年底前建立备案审查制度。",
        originalText: null,
        lead: [],
        responsible: [],
        milestones: [
          { index: 1, phrase: "2018年底前", clause: "建立备案审查制度", due: "2018-12-31", rule: "end-of-year", yearInferred: false },
        ],
        targets: [],
        citations: [],
        themes: [],
      },
      {
        id: "testville-2016/4",
        planId: "testville-2016",
        number: 4,
        ordinal: "(一)",
        partNumber: 3,
        sectionNumber: null,
        guarantee: true,
        title: "加强组织领导",
        text: "各区县政府要加强组织领导。",
        originalText: "各區縣政府要加強組織領導。",
        lead: [UNIT_LEGAL],
        responsible: [UNIT_LEGAL, UNIT_DISTRICTS],
        milestones: [],
        targets: [],
        citations: [],
        themes: [],
      },
    ],
    units: [
      { id: UNIT_LEGAL, name: "市政府法制办", aliases: ["市法制办"], jurisdiction: J, collective: false },
      { id: UNIT_DEVREFORM, name: "市发展改革委", aliases: [], jurisdiction: J, collective: false },
      { id: UNIT_FINANCE, name: "市财政局", aliases: [], jurisdiction: J, collective: false },
      { id: UNIT_DISTRICTS, name: "各区县政府", aliases: [], jurisdiction: J, collective: true },
    ],
    provenance: {
      sourceFiles: [{ name: "testville.txt", sha256: "a".repeat(64), script: "simplified", format: "plain" }],
      importerVersion: "1.0.0",
      warnings: [],
    },
  };
}

/** The fixture plan, validated by core's PlanSchema (so it can never drift from the model). */
export function fixturePlan(edit?: (input: ReturnType<typeof fixturePlanInput>) => void): Plan {
  const input = fixturePlanInput();
  edit?.(input);
  return PlanSchema.parse(input);
}
