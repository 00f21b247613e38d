import { buildTestPlan } from "@taizhang/core/testing";
import type { Plan } from "@taizhang/core";

// Two small plans, built by core's one fixture builder: one whose tasks name
// lead and responsible units (like Chengdu's), one that names none (like
// Hohhot's). Text is real plan language so that widths and wrapping meet
// genuine Chinese.

export const chengduPlan: Plan = buildTestPlan({
  id: "chengdu-2015",
  title: "成都市法治政府建设规划(2015-2020年)",
  issuer: "成都市人民政府",
  documentNumber: "成府发〔2015〕20号",
  jurisdiction: { name: "成都市", level: "city", parent: "四川省" },
  period: { startYear: 2015, endYear: 2020 },
  sections: ["依法全面履行政府职能", "强化对行政权力的制约和监督"],
  units: [
    { name: "市政府法制办" },
    { name: "市委编办", aliases: ["市审改办"] },
    { name: "市发改委" },
    { name: "市财政局" },
    { name: "各区(市)县政府", collective: true },
    { name: "市政府各部门", collective: true },
  ],
  tasks: [
    {
      title: "深化行政审批制度改革",
      text: "深化行政审批制度改革。全面清理行政审批事项,2015年年底前公布保留的行政审批事项目录;2016年6月底前建立行政审批事项动态管理机制,实现审批事项网上办理。",
      section: 1,
      lead: ["市委编办"],
      responsible: ["市政府各部门", "各区(市)县政府"],
      milestones: [
        { phrase: "2015年年底前", clause: "公布保留的行政审批事项目录", due: "2015-12-31" },
        { phrase: "2016年6月底前", clause: "建立行政审批事项动态管理机制", due: "2016-06-30" },
      ],
    },
    {
      title: "推进政府购买服务",
      text: "推进政府购买服务。制定政府购买服务指导目录,到2017年,政府购买服务资金占公共服务项目资金的比例不低于30%。",
      section: 1,
      lead: ["市财政局"],
      responsible: ["市发改委"],
      milestones: [{ phrase: "到2017年", clause: "政府购买服务资金占比不低于30%", due: "2017-12-31" }],
      targets: [{ metric: "政府购买服务资金占公共服务项目资金的比例", comparator: "gte", value: 30, unit: "%", phrase: "比例不低于30%", due: "2017-12-31" }],
    },
    {
      title: "健全行政复议体制",
      text: "健全行政复议体制。推进行政复议委员会试点工作,2016年年底前在全市推开相对集中行政复议审理工作;加强行政复议能力建设,行政复议案件审结率不低于95%。",
      section: 2,
      lead: ["市政府法制办"],
      responsible: ["各区(市)县政府"],
      milestones: [{ phrase: "2016年年底前", clause: "在全市推开相对集中行政复议审理工作", due: "2016-12-31" }],
      targets: [{ metric: "行政复议案件审结率", comparator: "gte", value: 95, unit: "%", phrase: "行政复议案件审结率不低于95%" }],
    },
    {
      title: "全面推进政务公开",
      text: "全面推进政务公开。坚持以公开为常态、不公开为例外原则,推进决策、执行、管理、服务、结果公开。",
      section: 2,
      lead: ["市政府法制办"],
      responsible: ["市政府各部门"],
    },
    { title: "加强组织领导", text: "加强组织领导。各级政府要把法治政府建设摆在工作全局的重要位置。", guarantee: true, lead: ["市政府法制办"] },
  ],
});

export const hohhotPlan: Plan = buildTestPlan({
  id: "hohhot-2015",
  title: "呼和浩特市人民政府关于全面推进依法行政加快建设法治政府的实施意见",
  issuer: "呼和浩特市人民政府",
  documentNumber: "呼政发〔2015〕32号",
  jurisdiction: { name: "呼和浩特市", level: "city", parent: "内蒙古自治区" },
  period: { startYear: 2015, endYear: 2020 },
  tasks: [
    {
      title: "推进政府职能转变",
      text: "推进政府职能转变。2015年年底前完成市级政府部门权力清单公布工作。",
      milestones: [{ phrase: "2015年年底前", clause: "完成市级政府部门权力清单公布工作", due: "2015-12-31" }],
    },
  ],
});

/** An instant in the plans' period: 2016-11-01 in China. Task 1's first milestone is overdue then. */
export const FIXTURE_AS_OF = new Date("2016-11-01T04:00:00Z");
