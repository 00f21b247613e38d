import { PlanIdSchema } from "../../model/ids.js";
import { TaskSchema, type Task } from "../../model/task.js";
import { UnitSchema, type Unit } from "../../model/unit.js";
import type { SearchablePlan } from "../search-document.js";

/** Small hand-written plans, parsed through the real schemas. */
interface TaskSpec {
  title: string;
  text: string;
  lead?: string[];
  responsible?: string[];
  milestones?: Array<{ phrase: string; clause: string; due: string }>;
  targets?: Array<{ phrase: string; metric: string; value: number; unit: string }>;
}

export function fixturePlan(
  id: string,
  jurisdiction: string,
  units: Array<{ name: string; aliases?: string[] }>,
  specs: TaskSpec[],
): SearchablePlan {
  const planId = PlanIdSchema.parse(id);
  const unitList: Unit[] = units.map((u) =>
    UnitSchema.parse({ id: `${jurisdiction}:${u.name}`, name: u.name, aliases: u.aliases ?? [], jurisdiction, collective: false }),
  );
  const tasks: Task[] = specs.map((spec, i) =>
    TaskSchema.parse({
      id: `${id}/${i + 1}`,
      planId,
      number: i + 1,
      ordinal: String(i + 1),
      partNumber: 1,
      sectionNumber: null,
      guarantee: false,
      title: spec.title,
      text: spec.text,
      originalText: null,
      lead: (spec.lead ?? []).map((n) => `${jurisdiction}:${n}`),
      responsible: (spec.responsible ?? []).map((n) => `${jurisdiction}:${n}`),
      milestones: (spec.milestones ?? []).map((m, j) => ({ index: j + 1, rule: "end-of-year", yearInferred: false, ...m })),
      targets: (spec.targets ?? []).map((t, j) => ({
        index: j + 1,
        comparator: "gte",
        per: null,
        clause: t.phrase,
        due: null,
        ...t,
      })),
      citations: [],
      themes: [],
    }),
  );
  return { id: planId, tasks, units: unitList };
}

export const cityPlan = fixturePlan(
  "demo-city-2016",
  "示范市",
  [{ name: "市委编办", aliases: ["市审改办"] }, { name: "市政府法制办" }, { name: "市工商局" }],
  [
    {
      title: "深化行政审批制度改革",
      text: "全面清理和取消非行政许可审批事项,公布行政审批中介服务清单。",
      lead: ["市委编办"],
      responsible: ["市政府法制办"],
      milestones: [{ phrase: "2016年年底前", clause: "2016年年底前全部公布收费目录清单", due: "2016-12-31" }],
    },
    {
      title: "加强行政复议工作",
      text: "深化行政复议规范化建设,推进复议受理、审查过程、文书制作规范化,加大实地调查和听证审理力度。",
      lead: ["市政府法制办"],
    },
    {
      title: "全面落实重大行政决策法定程序",
      text: "制定重大行政决策程序规定,把公众参与、专家论证、风险评估、合法性审查、集体讨论决定确定为重大行政决策法定程序。",
      lead: ["市政府法制办"],
    },
    {
      title: "落实重大行政决策公示听证制度",
      text: "严格执行重大行政决策公示、听证、专家论证和风险评估制度。",
      lead: ["市政府法制办"],
      targets: [{ phrase: "听证率不低于90%", metric: "听证率", value: 90, unit: "%" }],
    },
    {
      title: "深化商事制度改革",
      text: "推进工商营业执照、组织机构代码证、税务登记证“三证合一”,在公共服务领域推广PPP模式。",
      lead: ["市工商局"],
      responsible: ["市委编办"],
    },
  ],
);

export const regionPlan = fixturePlan(
  "demo-region-2021",
  "示范区",
  [{ name: "司法厅" }],
  [
    {
      title: "发挥行政复议化解行政争议主渠道作用",
      text: "全面深化行政复议体制改革,整合行政复议职责。行政复议是监督行政机关的重要制度。",
      lead: ["司法厅"],
    },
    {
      title: "严格落实重大行政决策程序",
      text: "严格执行重大行政决策程序暂行条例,增强公众参与实效。",
    },
  ],
);
