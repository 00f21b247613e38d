import { PlanSchema, type Plan } from "@taizhang/core";

// Two small plans in the shape the importer produces: one whose tasks name
// lead and responsible units (like Chengdu's), one that names none (like
// Hohhot's). Text is real plan language so that widths and wrapping meet
// genuine Chinese.

const sha = "0".repeat(64);

const chengduUnits = [
  ["市政府法制办", []],
  ["市委编办", ["市审改办"]],
  ["市发改委", []],
  ["市财政局", []],
  ["各区(市)县政府", []],
  ["市政府各部门", []],
] as const;

const cu = (name: string) => `成都市:${name}`;

export const chengduPlan: Plan = PlanSchema.parse({
  schemaVersion: 1,
  id: "chengdu-2015",
  title: "成都市法治政府建设规划(2015-2020年)",
  issuer: "成都市人民政府",
  documentNumber: "成府发〔2015〕20号",
  jurisdiction: { name: "成都市", level: "city", parent: "四川省" },
  period: { startYear: 2015, endYear: 2020 },
  basis: [{ title: "中共中央关于全面推进依法治国若干重大问题的决定", documentNumber: null }],
  guidingIdeology: "全面贯彻党的十八大和十八届三中、四中全会精神。",
  goals: "到2020年,基本建成法治政府。",
  parts: [
    { number: 1, ordinal: "一", title: "总体要求", kind: "general", text: "全面贯彻党的十八大精神。", sections: [] },
    {
      number: 2,
      ordinal: "二",
      title: "主要任务",
      kind: "tasks",
      text: "",
      sections: [
        { number: 1, ordinal: "(一)", title: "依法全面履行政府职能" },
        { number: 2, ordinal: "(二)", title: "强化对行政权力的制约和监督" },
      ],
    },
    { number: 3, ordinal: "三", title: "保障措施", kind: "guarantees", text: "", sections: [] },
  ],
  tasks: [
    {
      number: 1,
      ordinal: "1",
      partNumber: 2,
      sectionNumber: 1,
      guarantee: false,
      title: "深化行政审批制度改革",
      text:
        "深化行政审批制度改革。全面清理行政审批事项,2015年年底前公布保留的行政审批事项目录;2016年6月底前建立行政审批事项动态管理机制,实现审批事项网上办理。",
      lead: [cu("市委编办")],
      responsible: [cu("市政府各部门"), cu("各区(市)县政府")],
      milestones: [
        { index: 1, phrase: "2015年年底前", clause: "公布保留的行政审批事项目录", due: "2015-12-31", rule: "end-of-year", yearInferred: false },
        { index: 2, phrase: "2016年6月底前", clause: "建立行政审批事项动态管理机制", due: "2016-06-30", rule: "end-of-month", yearInferred: false },
      ],
      targets: [],
    },
    {
      number: 2,
      ordinal: "2",
      partNumber: 2,
      sectionNumber: 1,
      guarantee: false,
      title: "推进政府购买服务",
      text: "推进政府购买服务。制定政府购买服务指导目录,到2017年,政府购买服务资金占公共服务项目资金的比例不低于30%。",
      lead: [cu("市财政局")],
      responsible: [cu("市发改委")],
      milestones: [{ index: 1, phrase: "到2017年", clause: "政府购买服务资金占比不低于30%", due: "2017-12-31", rule: "by-year", yearInferred: false }],
      targets: [
        {
          index: 1,
          metric: "政府购买服务资金占公共服务项目资金的比例",
          comparator: "gte",
          value: 30,
          unit: "%",
          per: null,
          phrase: "比例不低于30%",
          clause: "政府购买服务资金占公共服务项目资金的比例不低于30%",
          due: "2017-12-31",
        },
      ],
    },
    {
      number: 3,
      ordinal: "3",
      partNumber: 2,
      sectionNumber: 2,
      guarantee: false,
      title: "健全行政复议体制",
      text:
        "健全行政复议体制。推进行政复议委员会试点工作,2016年年底前在全市推开相对集中行政复议审理工作;加强行政复议能力建设,行政复议案件审结率不低于95%。",
      lead: [cu("市政府法制办")],
      responsible: [cu("各区(市)县政府")],
      milestones: [
        { index: 1, phrase: "2016年年底前", clause: "在全市推开相对集中行政复议审理工作", due: "2016-12-31", rule: "end-of-year", yearInferred: false },
      ],
      targets: [
        {
          index: 1,
          metric: "行政复议案件审结率",
          comparator: "gte",
          value: 95,
          unit: "%",
          per: null,
          phrase: "行政复议案件审结率不低于95%",
          clause: "加强行政复议能力建设,行政复议案件审结率不低于95%",
          due: null,
        },
      ],
    },
    {
      number: 4,
      ordinal: "4",
      partNumber: 2,
      sectionNumber: 2,
      guarantee: false,
      title: "全面推进政务公开",
      text: "全面推进政务公开。坚持以公开为常态、不公开为例外原则,推进决策、执行、管理、服务、结果公开。",
      lead: [cu("市政府法制办")],
      responsible: [cu("市政府各部门")],
      milestones: [],
      targets: [],
    },
    {
      number: 5,
      ordinal: "(一)",
      partNumber: 3,
      sectionNumber: null,
      guarantee: true,
      title: "加强组织领导",
      text: "加强组织领导。各级政府要把法治政府建设摆在工作全局的重要位置。",
      lead: [cu("市政府法制办")],
      responsible: [],
      milestones: [],
      targets: [],
    },
  ].map((t) => ({ ...t, id: `chengdu-2015/${t.number}`, planId: "chengdu-2015", originalText: null, citations: [], themes: [] })),
  units: chengduUnits.map(([name, aliases]) => ({
    id: cu(name),
    name,
    aliases: [...aliases],
    jurisdiction: "成都市",
    collective: name.startsWith("各") || name.endsWith("各部门"),
  })),
  provenance: {
    sourceFiles: [{ name: "004_6fb7fc662887b81d.txt", sha256: sha, script: "simplified", format: "web-page" }],
    importerVersion: "fixture",
    warnings: [],
  },
});

export const hohhotPlan: Plan = PlanSchema.parse({
  schemaVersion: 1,
  id: "hohhot-2015",
  title: "呼和浩特市人民政府关于全面推进依法行政加快建设法治政府的实施意见",
  issuer: "呼和浩特市人民政府",
  documentNumber: "呼政发〔2015〕32号",
  jurisdiction: { name: "呼和浩特市", level: "city", parent: "内蒙古自治区" },
  period: { startYear: 2015, endYear: 2020 },
  basis: [],
  guidingIdeology: null,
  goals: null,
  parts: [
    {
      number: 1,
      ordinal: "一",
      title: "主要任务",
      kind: "tasks",
      text: "",
      sections: [{ number: 1, ordinal: "(一)", title: "依法全面履行政府职能" }],
    },
  ],
  tasks: [
    {
      number: 1,
      ordinal: "1",
      partNumber: 1,
      sectionNumber: 1,
      guarantee: false,
      title: "推进政府职能转变",
      text: "推进政府职能转变。2015年年底前完成市级政府部门权力清单公布工作。",
      lead: [],
      responsible: [],
      milestones: [{ index: 1, phrase: "2015年年底前", clause: "完成市级政府部门权力清单公布工作", due: "2015-12-31", rule: "end-of-year", yearInferred: false }],
      targets: [],
    },
  ].map((t) => ({ ...t, id: `hohhot-2015/${t.number}`, planId: "hohhot-2015", originalText: null, citations: [], themes: [] })),
  units: [],
  provenance: {
    sourceFiles: [{ name: "000_303cee155329faa7.txt", sha256: sha, script: "simplified", format: "plain" }],
    importerVersion: "fixture",
    warnings: [],
  },
});

/** An instant in the plans' period: 2016-11-01 in China. Task 1's first milestone is overdue then. */
export const FIXTURE_AS_OF = new Date("2016-11-01T04:00:00Z");
