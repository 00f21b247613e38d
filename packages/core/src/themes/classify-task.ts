import type { Task } from "../model/task.js";
import { THEME_OVERRIDES, type ThemeOverride } from "./overrides.js";
import { THEMES, themeById, type ThemeId } from "./taxonomy.js";
import { GUARANTEE_HEADING_TERMS, THEME_RULES, TITLE_MIN_WEIGHT } from "./theme-rules.js";

export const THEME_RULE_KINDS = ["override", "section", "part", "title", "text", "default"] as const;
export type ThemeRuleKind = (typeof THEME_RULE_KINDS)[number];

/** Why a task has a theme: which rule fired, on which term. */
export interface ThemeReason {
  readonly themeId: ThemeId;
  readonly rule: ThemeRuleKind;
  /** The term that matched; null for overrides and defaults. */
  readonly term: string | null;
  readonly weight: number | null;
  /** The override's reason, or a word on the rule. */
  readonly note: string | null;
}

export interface ThemeClassification {
  /** Theme ids in taxonomy order; a sub-theme always comes with its parent. */
  readonly themes: ThemeId[];
  readonly reasons: ThemeReason[];
}

export interface ClassifyOptions {
  /** The override table; THEME_OVERRIDES when absent (pass {} to see the rules alone). */
  overrides?: Readonly<Record<string, ThemeOverride>>;
}

const LEADERSHIP_SUBTHEMES: readonly ThemeId[] = ["leadership-organisation", "leadership-capacity", "leadership-guarantees"];

function count(text: string, term: string): number {
  let n = 0;
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) n++;
  return n;
}

function withParents(ids: Iterable<ThemeId>): ThemeId[] {
  const set = new Set<ThemeId>();
  for (const id of ids) {
    set.add(id);
    const parent = themeById(id).parent;
    if (parent !== null) set.add(parent);
  }
  return THEMES.map((t) => t.id).filter((id) => set.has(id));
}

/** Σ weight × occurrences of each theme's key terms in `text`, best first; only the given themes. */
function textScores(text: string, among: (id: ThemeId) => boolean): Array<{ themeId: ThemeId; score: number; term: string }> {
  const scores: Array<{ themeId: ThemeId; score: number; term: string }> = [];
  for (const rule of THEME_RULES) {
    if (!among(rule.themeId)) continue;
    let score = 0;
    let best = "";
    let bestScore = 0;
    for (const [term, weight] of Object.entries(rule.keyTerms)) {
      const s = weight * count(text, term);
      score += s;
      if (s > bestScore) {
        bestScore = s;
        best = term;
      }
    }
    if (score > 0) scores.push({ themeId: rule.themeId, score, term: best });
  }
  return scores.sort((a, b) => b.score - a.score);
}

/**
 * Assigns themes to a task (docs/search.md, "Themes"):
 * 1. a reviewed override for the task id wins outright;
 * 2. heading terms of the task's section, else of its part, place it (a
 *    guarantee part — 保障措施 — places it under 党的领导与推进机制);
 * 3. key terms of weight ≥ 2 in the title add their themes (except inside
 *    the rule's titleExclusions, e.g. 监督 in 监督管理);
 * 4. with no theme yet, the text decides: the theme(s) with the highest
 *    Σ weight × occurrences;
 * 5. a task under 党的领导与推进机制 with no sub-theme yet gets one from its
 *    title and text terms, else 组织领导.
 */
export function classifyTask(
  task: Pick<Task, "id" | "title" | "text">,
  sectionTitle: string | null,
  partTitle: string | null,
  options: ClassifyOptions = {},
): ThemeClassification {
  const override = (options.overrides ?? THEME_OVERRIDES)[task.id];
  if (override) {
    return {
      themes: withParents(override.themes),
      reasons: override.themes.map((themeId) => ({ themeId, rule: "override", term: null, weight: null, note: override.reason })),
    };
  }
  const reasons: ThemeReason[] = [];
  let guarantee = false;
  for (const [rule, heading] of [
    ["section", sectionTitle],
    ["part", partTitle],
  ] as const) {
    if (heading === null) continue;
    for (const r of THEME_RULES) {
      const term = r.headingTerms.find((t) => heading.includes(t));
      if (term !== undefined) reasons.push({ themeId: r.themeId, rule, term, weight: null, note: heading });
    }
    const guaranteeTerm = GUARANTEE_HEADING_TERMS.find((t) => heading.includes(t));
    if (guaranteeTerm !== undefined) {
      guarantee = true;
      reasons.push({ themeId: "leadership", rule, term: guaranteeTerm, weight: null, note: heading });
    }
    if (reasons.length > 0) break;
  }
  for (const r of THEME_RULES) {
    // A line break can be in no term, so an excluded phrase matches nothing.
    const title = (r.titleExclusions ?? []).reduce((t, phrase) => t.replaceAll(phrase, "\n"), task.title);
    const hits = Object.entries(r.keyTerms).filter(([term, weight]) => weight >= TITLE_MIN_WEIGHT && title.includes(term));
    // Report the longest term: 重大行政决策 says more than 决策.
    const best = hits.sort((a, b) => b[0].length - a[0].length)[0];
    if (best) reasons.push({ themeId: r.themeId, rule: "title", term: best[0], weight: best[1], note: null });
  }
  const body = `${task.title}\n${task.text}`;
  if (reasons.length === 0) {
    const scores = textScores(body, () => true);
    const top = scores[0]?.score ?? 0;
    for (const s of scores.filter((x) => x.score === top)) {
      reasons.push({ themeId: s.themeId, rule: "text", term: s.term, weight: s.score, note: "highest Σ weight × occurrences" });
    }
  }
  if (guarantee && !reasons.some((r) => LEADERSHIP_SUBTHEMES.includes(r.themeId))) {
    const best = textScores(body, (id) => LEADERSHIP_SUBTHEMES.includes(id))[0];
    reasons.push(
      best
        ? { themeId: best.themeId, rule: "text", term: best.term, weight: best.score, note: "sub-theme of 党的领导与推进机制" }
        : { themeId: "leadership-organisation", rule: "default", term: null, weight: null, note: "guarantee measure with no sub-theme term" },
    );
  }
  return { themes: withParents(reasons.map((r) => r.themeId)), reasons };
}
