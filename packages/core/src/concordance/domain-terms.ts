import { THEME_RULES, TITLE_MIN_WEIGHT } from "../themes/theme-rules.js";

/** Terms of the field that the theme rules do not list but plans share. */
const EXTRA_TERMS = [
  "重大行政决策程序",
  "集体讨论决定",
  "行政执法公示",
  "执法全过程记录",
  "重大执法决定法制审核",
  "两法衔接",
  "行政执法责任制",
  "行政许可",
  "政府信息公开条例",
  "新闻发言人",
  "行政机关负责人出庭应诉",
  "社会信用",
  "失信惩戒",
  "领导干部",
  "法治政府建设",
  "考核评价",
] as const;

/**
 * The domain term list used to explain a concordance: the theme rules' key
 * terms of weight ≥ 2 (重大行政决策, 行政复议, 权责清单, 行政执法, 政务公开…)
 * and a few more, longest first so that a shared 重大行政决策 is reported
 * rather than its part 行政决策.
 */
export const DOMAIN_TERMS: readonly string[] = [
  ...new Set([
    ...THEME_RULES.flatMap((r) => Object.entries(r.keyTerms).filter(([, w]) => w >= TITLE_MIN_WEIGHT).map(([t]) => t)),
    ...EXTRA_TERMS,
  ]),
].sort((a, b) => b.length - a.length || a.localeCompare(b));

/**
 * Domain terms present in both texts, longest first, leaving out a term that
 * only occurs inside a longer shared one.
 */
export function sharedTerms(a: string, b: string): string[] {
  const shared: string[] = [];
  for (const term of DOMAIN_TERMS) {
    if (!a.includes(term) || !b.includes(term)) continue;
    if (shared.some((s) => s.includes(term))) continue;
    shared.push(term);
  }
  return shared;
}
