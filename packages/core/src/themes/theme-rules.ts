import type { ThemeId } from "./taxonomy.js";

/**
 * The classifier's rule set, as data (docs/search.md explains each rule).
 *
 * - headingTerms: a section heading (else the part heading) holding one of
 *   these places every task under it in the theme. Headings are the plan
 *   authors' own classification, so they come first.
 * - keyTerms: terms with a weight. A term of weight ≥ TITLE_MIN_WEIGHT in a
 *   task's title (outside the rule's titleExclusions) adds the theme; when neither headings nor the title give a
 *   theme, the text decides (Σ weight × occurrences, best theme wins).
 *
 * Terms are matched on simplified text. Generic words (制度, 机制, 改革,
 * 依法行政) are deliberately absent: they occur under every theme.
 */
export interface ThemeRule {
  readonly themeId: ThemeId;
  readonly headingTerms: readonly string[];
  readonly keyTerms: Readonly<Record<string, number>>;
  /**
   * Phrases inside which this theme's key terms do not count in a title:
   * 规范性文件监督管理 is about managing documents (依法行政制度), not about
   * oversight of administrative power.
   */
  readonly titleExclusions?: readonly string[];
}

/** Minimum weight of a key term for a title hit to add its theme. */
export const TITLE_MIN_WEIGHT = 2;

export const THEME_RULES: readonly ThemeRule[] = [
  {
    themeId: "government-functions",
    headingTerms: ["政府职能", "机构职能", "职能体系", "放管服", "营商环境"],
    keyTerms: {
      政府职能: 3,
      职能法定: 3,
      机构职能: 3,
      行政审批: 3,
      审批制度: 3,
      简政放权: 3,
      放管服: 3,
      权力清单: 3,
      责任清单: 3,
      权责清单: 3,
      负面清单: 3,
      市场准入: 3,
      商事制度: 3,
      营商环境: 3,
      政务服务: 3,
      公共服务: 2,
      公共资源交易: 3,
      宏观调控: 3,
      事中事后监管: 2,
      市场监管: 2,
      社会治理: 2,
      生态环境保护: 2,
      证明事项: 2,
      中介服务: 2,
      收费: 1,
    },
  },
  {
    themeId: "rule-making",
    headingTerms: ["制度建设", "立法", "规范性文件", "依法行政制度"],
    keyTerms: {
      政府立法: 3,
      立法: 3,
      规章: 3,
      地方性法规: 3,
      规范性文件: 3,
      备案审查: 2,
      法规: 1,
    },
  },
  {
    themeId: "decision-making",
    headingTerms: ["决策"],
    keyTerms: {
      重大行政决策: 3,
      行政决策: 3,
      决策: 2,
      法律顾问: 3,
      公职律师: 3,
      风险评估: 2,
      专家论证: 2,
      公众参与: 1,
      合法性审查: 1,
      听证: 1,
    },
  },
  {
    themeId: "law-enforcement",
    headingTerms: ["执法"],
    keyTerms: {
      行政执法: 3,
      执法: 2,
      综合执法: 3,
      裁量权: 3,
      裁量基准: 3,
      刑事司法: 3,
      法制审核: 3,
      持证上岗: 2,
      监管执法: 3,
      行政处罚: 2,
      行政检查: 2,
      行政强制: 2,
    },
  },
  {
    themeId: "emergency-response",
    headingTerms: ["突发事件", "应急"],
    keyTerms: {
      突发事件: 3,
      应急: 3,
      应急管理: 3,
      应急预案: 3,
      疫情: 2,
    },
  },
  {
    themeId: "dispute-resolution",
    headingTerms: ["矛盾纠纷", "化解纠纷", "纠纷", "维权", "复议", "调解", "裁决"],
    keyTerms: {
      行政复议: 3,
      复议: 2,
      行政调解: 3,
      人民调解: 3,
      调解: 2,
      行政裁决: 3,
      裁决: 2,
      仲裁: 3,
      信访: 3,
      行政应诉: 3,
      应诉: 2,
      出庭应诉: 3,
      行政诉讼: 2,
      矛盾纠纷: 3,
      纠纷: 2,
      化解: 2,
      法律援助: 2,
      公共法律服务: 2,
    },
  },
  {
    themeId: "oversight",
    headingTerms: ["制约和监督", "监督", "政务公开", "诚信"],
    titleExclusions: ["监督管理"],
    keyTerms: {
      监督: 2,
      制约: 2,
      政务公开: 3,
      政府信息公开: 3,
      信息公开: 3,
      依申请公开: 3,
      公开: 1,
      审计: 3,
      问责: 2,
      责任追究: 1,
      过错责任: 3,
      政务诚信: 3,
      诚信: 2,
      督查: 3,
    },
  },
  {
    themeId: "digital-government",
    headingTerms: ["科技保障", "信息化", "数字", "互联网"],
    keyTerms: {
      信息化: 3,
      "互联网+": 3,
      大数据: 3,
      数据共享: 3,
      政务数据: 3,
      数字政府: 3,
      电子政务: 3,
      信息平台: 2,
      信息系统: 2,
      网上: 1,
    },
  },
  {
    themeId: "leadership-organisation",
    headingTerms: ["组织领导", "党的领导", "推进机制"],
    keyTerms: {
      组织领导: 3,
      党的领导: 3,
      党对法治政府建设的领导: 3,
      第一责任人: 3,
      推进机制: 3,
      责任落实: 3,
      示范创建: 3,
      试点示范: 3,
      督促考核: 3,
      督察: 3,
      考核: 2,
    },
  },
  {
    themeId: "leadership-capacity",
    headingTerms: ["法治思维", "队伍建设", "工作队伍", "依法行政能力", "法治建设能力", "能力建设"],
    keyTerms: {
      法治思维: 3,
      依法行政能力: 3,
      依法办事能力: 3,
      能力建设: 3,
      法治素养: 3,
      用人导向: 3,
      学法: 3,
      法治培训: 3,
      教育培训: 3,
      考查测试: 3,
      队伍建设: 3,
      培训: 2,
    },
  },
  {
    themeId: "leadership-guarantees",
    headingTerms: ["理论研究", "舆论宣传"],
    keyTerms: {
      理论研究: 3,
      舆论宣传: 3,
      环境营造: 3,
      普法: 3,
      法治文化: 3,
      法治宣传: 3,
      宣传: 2,
      经费: 2,
    },
  },
];

/**
 * Part headings of guarantee measures (保障措施, 保障机制, 组织实施): they place
 * their tasks under 党的领导与推进机制; the sub-theme comes from the task's own
 * terms, else organisation.
 */
export const GUARANTEE_HEADING_TERMS: readonly string[] = ["保障措施", "保障机制", "组织保障", "组织实施"];
