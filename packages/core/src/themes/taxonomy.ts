import { z } from "zod";

/**
 * The theme taxonomy of the national outline 法治政府建设实施纲要(2021—2025年):
 * its eight 健全…体系 chapters (二 to 九) and chapter 十, 加强党的领导，完善法治
 * 政府建设推进机制, whose three strands (organisation, capacity, guarantees)
 * are sub-themes, since plans devote whole parts to them (保障措施).
 */
export const THEMES = [
  {
    id: "government-functions",
    zh: "政府机构职能体系",
    en: "Government institutions and functions",
    outlineChapter: "二",
    parent: null,
  },
  {
    id: "rule-making",
    zh: "依法行政制度体系",
    en: "Rules for law-based administration (legislation, regulations, normative documents)",
    outlineChapter: "三",
    parent: null,
  },
  {
    id: "decision-making",
    zh: "行政决策制度体系",
    en: "Administrative decision-making",
    outlineChapter: "四",
    parent: null,
  },
  {
    id: "law-enforcement",
    zh: "行政执法工作体系",
    en: "Administrative law enforcement",
    outlineChapter: "五",
    parent: null,
  },
  {
    id: "emergency-response",
    zh: "突发事件应对体系",
    en: "Emergency response",
    outlineChapter: "六",
    parent: null,
  },
  {
    id: "dispute-resolution",
    zh: "社会矛盾纠纷行政预防调处化解体系",
    en: "Preventing and resolving social disputes (mediation, adjudication, administrative review)",
    outlineChapter: "七",
    parent: null,
  },
  {
    id: "oversight",
    zh: "行政权力制约和监督体系",
    en: "Checks on and oversight of administrative power (incl. open government)",
    outlineChapter: "八",
    parent: null,
  },
  {
    id: "digital-government",
    zh: "法治政府建设科技保障体系",
    en: "Technology support for law-based government",
    outlineChapter: "九",
    parent: null,
  },
  {
    id: "leadership",
    zh: "党的领导与推进机制",
    en: "Party leadership and implementation",
    outlineChapter: "十",
    parent: null,
  },
  {
    id: "leadership-organisation",
    zh: "组织领导",
    en: "Organisation and leadership (responsibility, assessment, inspection, pilots)",
    outlineChapter: "十",
    parent: "leadership",
  },
  {
    id: "leadership-capacity",
    zh: "能力建设",
    en: "Capacity building (legal thinking, training, workforce)",
    outlineChapter: "十",
    parent: "leadership",
  },
  {
    id: "leadership-guarantees",
    zh: "保障",
    en: "Guarantees (research, publicity, legal education, funding)",
    outlineChapter: "十",
    parent: "leadership",
  },
] as const;

export type Theme = (typeof THEMES)[number];
export const THEME_IDS = THEMES.map((t) => t.id) as [Theme["id"], ...Theme["id"][]];
export const ThemeIdSchema = z
  .enum(THEME_IDS)
  .describe("主题 a theme of the 2021—2025 outline, e.g. decision-making 行政决策制度体系; see docs/search.md");
export type ThemeId = z.infer<typeof ThemeIdSchema>;

/** Top-level themes, in outline order. */
export const TOP_LEVEL_THEME_IDS: readonly ThemeId[] = THEMES.filter((t) => t.parent === null).map((t) => t.id);

/** The theme of this id. */
export function themeById(id: ThemeId): Theme {
  const theme = THEMES.find((t) => t.id === id);
  if (!theme) throw new Error(`unknown theme ${id}`);
  return theme;
}

/**
 * The areas (三、主要任务和具体措施 (一)…(八), and 四、组织保障和落实机制) of the
 * earlier outline 法治政府建设实施纲要(2015—2020年), and the theme each became.
 */
export const OUTLINE_2015_AREAS = [
  { zh: "依法全面履行政府职能", themeId: "government-functions" },
  { zh: "完善依法行政制度体系", themeId: "rule-making" },
  { zh: "推进行政决策科学化、民主化、法治化", themeId: "decision-making" },
  { zh: "坚持严格规范公正文明执法", themeId: "law-enforcement" },
  { zh: "强化对行政权力的制约和监督", themeId: "oversight" },
  { zh: "全面推进政务公开", themeId: "oversight" },
  { zh: "依法有效化解社会矛盾纠纷", themeId: "dispute-resolution" },
  { zh: "全面提高政府工作人员法治思维和依法行政能力", themeId: "leadership-capacity" },
  { zh: "组织保障和落实机制", themeId: "leadership-organisation" },
] as const satisfies ReadonlyArray<{ zh: string; themeId: ThemeId }>;
