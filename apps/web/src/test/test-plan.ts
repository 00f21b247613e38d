import { buildTestPlan } from "@taizhang/core/testing";

export const UNIT_SJ = "测试市:市司法局";
export const UNIT_CZ = "测试市:市财政局";

/**
 * The web tests' plan, from core's one fixture builder: two sections, three
 * tasks, one target. 市司法局 leads task 1 (two milestones and the whole
 * task) and is responsible for task 2; task 3 is 市财政局's alone.
 */
export const testPlan = buildTestPlan({
  title: "测试市法治政府建设实施方案",
  issuer: "测试市人民政府",
  documentNumber: "测府发〔2016〕1号",
  jurisdiction: { name: "测试市", level: "city", parent: null },
  period: { startYear: 2016, endYear: 2016 },
  sections: ["依法全面履行政府职能", "强化对行政权力的制约和监督"],
  units: [{ name: "市司法局" }, { name: "市财政局" }],
  tasks: [
    {
      title: "深化行政审批制度改革",
      text: "2016年3月底前公布行政审批事项目录。2016年6月底前完成清理工作。",
      originalText: "2016年3月底前公佈行政審批事項目錄。",
      section: 1,
      lead: ["市司法局"],
      responsible: ["市财政局"],
      milestones: [
        { due: "2016-03-31", phrase: "2016年3月底前", clause: "公布行政审批事项目录" },
        { due: "2016-06-30", phrase: "2016年6月底前", clause: "完成清理工作" },
      ],
    },
    {
      title: "健全行政应诉制度",
      text: "行政机关负责人出庭应诉率不低于90%。",
      section: 2,
      lead: ["市财政局"],
      responsible: ["市司法局"],
      targets: [{ metric: "行政机关负责人出庭应诉率", comparator: "gte", value: 90, unit: "%", phrase: "出庭应诉率不低于90%" }],
    },
    { title: "推进政务公开", text: "全面推进政务公开。", section: 2, lead: ["市财政局"] },
  ],
});

/** "Today" in the tests: 2016-06-15 noon in China. Item 1/m1 is overdue, 1/m2 due soon, the rest open. */
export const TEST_NOW = new Date("2016-06-15T04:00:00Z");
