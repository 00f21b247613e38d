import { PlanSchema, type Plan } from "@taizhang/core";

const SJ = "测试市:市司法局";
const CZ = "测试市:市财政局";

/**
 * A small plan in the model's own shape, parsed by core's schema so that the
 * fixture cannot drift from the model: two sections, three tasks, one target.
 */
export const fixturePlan: Plan = PlanSchema.parse({
  schemaVersion: 1,
  id: "testville-2016",
  title: "测试市法治政府建设实施方案",
  issuer: "测试市人民政府",
  documentNumber: "测府发〔2016〕1号",
  jurisdiction: { name: "测试市", level: "city", parent: null },
  period: { startYear: 2016, endYear: 2016 },
  basis: [],
  guidingIdeology: null,
  goals: null,
  parts: [
    { number: 1, ordinal: "一", title: "总体要求", kind: "general", text: "全面推进依法行政。", sections: [] },
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
      text: "2016年3月底前公布行政审批事项目录。2016年6月底前完成清理工作。",
      originalText: "2016年3月底前公佈行政審批事項目錄。",
      lead: [SJ],
      responsible: [CZ],
      milestones: [
        { index: 1, phrase: "2016年3月底前", clause: "公布行政审批事项目录", due: "2016-03-31", rule: "end-of-month", yearInferred: false },
        { index: 2, phrase: "2016年6月底前", clause: "完成清理工作", due: "2016-06-30", rule: "end-of-month", yearInferred: false },
      ],
      targets: [],
      citations: [],
      themes: [],
    },
    {
      id: "testville-2016/2",
      planId: "testville-2016",
      number: 2,
      ordinal: "2",
      partNumber: 2,
      sectionNumber: 2,
      guarantee: false,
      title: "健全行政应诉制度",
      text: "行政机关负责人出庭应诉率不低于90%。",
      originalText: null,
      lead: [CZ],
      responsible: [SJ],
      milestones: [],
      targets: [
        {
          index: 1,
          metric: "行政机关负责人出庭应诉率",
          comparator: "gte",
          value: 90,
          unit: "%",
          per: null,
          phrase: "出庭应诉率不低于90%",
          clause: "行政机关负责人出庭应诉率不低于90%",
          due: null,
        },
      ],
      citations: [],
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
      title: "推进政务公开",
      text: "全面推进政务公开。",
      originalText: null,
      lead: [CZ],
      responsible: [],
      milestones: [],
      targets: [],
      citations: [],
      themes: [],
    },
  ],
  units: [
    { id: SJ, name: "市司法局", aliases: [], jurisdiction: "测试市", collective: false },
    { id: CZ, name: "市财政局", aliases: [], jurisdiction: "测试市", collective: false },
  ],
  provenance: {
    sourceFiles: [{ name: "fixture.txt", sha256: "0".repeat(64), script: "simplified", format: "plain" }],
    importerVersion: "test",
    warnings: [],
  },
});

export const UNIT_SJ = SJ;
export const UNIT_CZ = CZ;

/** "Today" in the tests: 2016-06-15 noon in China. Item 1/m1 is overdue, 1/m2 due soon, the rest open. */
export const TEST_NOW = new Date("2016-06-15T04:00:00Z");
