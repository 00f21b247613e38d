import { themeById, type PlanSummary, type ThemeId } from "@taizhang/core";
import type { ReactNode } from "react";
import type { TaskQuery } from "../../../data/data-source.js";
import { statusLabel, type Lang, type Translate } from "../../i18n.js";
import { CHOICE_KEYS, FILTER_KEYS, footerHints, PROMPT_KEYS } from "../../input/keymap.js";
import { line } from "../../screens/table.js";
import { fit } from "../../text/index.js";
import { hintFooter, Page, plainLine, type ViewLine } from "../../app/frame.js";
import { scrollFor } from "../../app/navigation.js";
import { FILTER_FIELDS, planChoices, STATUS_FILTER_CHOICES, THEME_FILTER_CHOICES, useFilterState, type FilterField } from "./use-filter-state.js";
import { useFilter } from "./use-filter.js";

/** A theme's name in the chosen language: 行政执法工作体系 / Administrative law enforcement. */
export function themeName(id: ThemeId, lang: Lang): string {
  const theme = themeById(id);
  return lang === "zh" ? theme.zh : theme.en;
}

export interface FilterPanelProps {
  isActive: boolean;
  initial: TaskQuery;
  plans: readonly PlanSummary[];
  inner: number;
  height: number;
  t: Translate;
  lang: Lang;
  onApply(query: TaskQuery): void;
  onCancel(): void;
}

/** The filter panel over the screen: plan, unit, status, theme, 仅逾期, then 应用 / 清除全部; the open field's choices below. */
export function FilterPanel({ isActive, initial, plans, inner, height, t, lang, onApply, onCancel }: FilterPanelProps): ReactNode {
  const state = useFilterState(initial, plans);
  useFilter({ isActive, state, onApply, onCancel });
  const { draft, editing } = state;
  const planTitle = (id: string | null): string => (id === null ? t("any") : (plans.find((p) => p.id === id)?.title ?? id));
  const value: Record<FilterField, string> = {
    plan: planTitle(draft.planId ?? null),
    unit: editing?.field === "unit" ? `${editing.value}▏` : (draft.unit ?? t("any")),
    status: draft.status ? statusLabel(draft.status, lang) : t("any"),
    theme: draft.theme ? themeName(draft.theme, lang) : t("any"),
    overdue: draft.overdue ? t("yes") : t("no"),
    apply: "",
    clear: "",
  };
  const label: Record<FilterField, string> = {
    plan: t("filterPlan"),
    unit: t("filterUnit"),
    status: t("filterStatus"),
    theme: t("filterTheme"),
    overdue: t("filterOverdue"),
    apply: `[${t("filterApply")}]`,
    clear: `[${t("filterClear")}]`,
  };
  const lines: ViewLine[] = [plainLine("title", line(`${t("filter")}${draft.text ? ` · ${t("searchResults", { q: draft.text })}` : ""}`, inner, { bold: true, color: "cyan" }))];
  FILTER_FIELDS.forEach((field, i) => {
    lines.push(plainLine(field, [{ text: fit(label[field], 14) }, { text: fit(value[field], Math.max(0, inner - 14)) }], editing === null && i === state.cursor));
  });
  if (editing && editing.field !== "unit") {
    lines.push(plainLine("sep", line("", inner)));
    const choices =
      editing.field === "plan"
        ? planChoices(plans).map((id) => planTitle(id))
        : editing.field === "theme"
          ? THEME_FILTER_CHOICES.map((id) => (id === null ? t("any") : `${themeById(id).parent ? "  " : ""}${themeName(id, lang)}`))
          : STATUS_FILTER_CHOICES.map((s) => (s === null ? t("any") : `${statusLabel(s, "zh")} ${statusLabel(s, "en")}`));
    // A long list (the themes) scrolls within the room under the panel, keeping the choice in sight.
    const room = Math.max(1, height - lines.length);
    const offset = scrollFor(editing.cursor, 0, room, choices.length);
    choices.slice(offset, offset + room).forEach((c, i) => lines.push(plainLine(`choice-${offset + i}`, line(`  ${c}`, inner), offset + i === editing.cursor)));
  }
  const keys = editing?.field === "unit" ? PROMPT_KEYS : editing ? CHOICE_KEYS : FILTER_KEYS;
  return <Page inner={inner} header={null} lines={lines} height={height} footer={hintFooter(footerHints(keys, inner, t, lang), "", inner)} />;
}
