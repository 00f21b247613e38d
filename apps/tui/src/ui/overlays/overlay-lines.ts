import { themeById, type PlanSummary, type ThemeId } from "@taizhang/core";
import { planChoices, FILTER_FIELDS, STATUS_CHOICES, STATUS_FILTER_CHOICES, THEME_FILTER_CHOICES, type Overlay } from "../app/overlay.js";
import { statusLabel, type Lang, type LabelKey, type Translate } from "../i18n.js";
import { unitName } from "../screens/format.js";
import type { Segment } from "../screens/screen-types.js";
import { line } from "../screens/table.js";
import { fit } from "../text/index.js";

/** A line of an overlay: its segments, and whether it is the one the cursor is on. */
export interface OverlayLine {
  key: string;
  segments: Segment[];
  selected: boolean;
}

const HELP: ReadonlyArray<[string, LabelKey]> = [
  ["↑ ↓  k j", "keyMove"],
  ["Enter → l", "keyOpen"],
  ["Esc ← h", "keyBack"],
  ["g G", "keyTopBottom"],
  ["PgUp PgDn", "keyPage"],
  ["/", "keySearch"],
  ["f", "keyFilter"],
  ["s", "keyStatus"],
  ["n", "keyNote"],
  ["p", "keyPerson"],
  ["1 2 3", "keyRoots"],
  ["r", "keyReload"],
  ["?", "keyHelp"],
  ["q", "keyQuit"],
];

const plain = (key: string, segments: Segment[], selected = false): OverlayLine => ({ key, segments, selected });

/** The help overlay: every key and what it does. */
export function helpLines(width: number, t: Translate): OverlayLine[] {
  const keyWidth = 12;
  return [
    plain("title", line(t("help"), width, { bold: true, color: "cyan" })),
    ...HELP.map(([keys, label]) => plain(keys, [{ text: fit(keys, keyWidth), bold: true }, { text: fit(t(label), Math.max(0, width - keyWidth)) }])),
  ];
}

function targetLabel(overlay: Extract<Overlay, { kind: "status" | "note" | "person" }>): string {
  const { target } = overlay;
  return `${target.itemId} · ${unitName(target.unitId)}`;
}

/** The status picker: the five statuses, Chinese and English. */
export function statusLines(overlay: Extract<Overlay, { kind: "status" }>, width: number, t: Translate): OverlayLine[] {
  return [
    plain("title", line(`${t("setStatus")} · ${targetLabel(overlay)}`, width, { bold: true, color: "cyan" })),
    ...STATUS_CHOICES.map((status, i) =>
      plain(status, line(`${i + 1}  ${fit(statusLabel(status, "zh"), 6)}  ${statusLabel(status, "en")}`, width), i === overlay.cursor),
    ),
  ];
}

/** The 责任人 prompt's heading above the screen's footer line. */
export function personTitle(overlay: Extract<Overlay, { kind: "person" }>, t: Translate): string {
  return `${t("setPerson")} · ${targetLabel(overlay)}`;
}

/** The note prompt's heading above the screen's footer line. */
export function noteTitle(overlay: Extract<Overlay, { kind: "note" }>, t: Translate): string {
  return `${t("addNote")} · ${targetLabel(overlay)}`;
}

/** A theme's name in the chosen language: 行政执法工作体系 / Administrative law enforcement. */
export function themeName(id: ThemeId, lang: Lang): string {
  const theme = themeById(id);
  return lang === "zh" ? theme.zh : theme.en;
}

/** The filter panel, and below it the choices of the field being edited. */
export function filterLines(
  overlay: Extract<Overlay, { kind: "filter" }>,
  plans: readonly PlanSummary[],
  width: number,
  t: Translate,
  lang: Lang,
): OverlayLine[] {
  const { draft, editing } = overlay;
  const planTitle = (id: string | null): string => (id === null ? t("any") : (plans.find((p) => p.id === id)?.title ?? id));
  const value: Record<(typeof FILTER_FIELDS)[number], string> = {
    plan: planTitle(draft.planId ?? null),
    unit: editing?.field === "unit" ? `${editing.value}▏` : (draft.unit ?? t("any")),
    status: draft.status ? statusLabel(draft.status, lang) : t("any"),
    theme: draft.theme ? themeName(draft.theme, lang) : t("any"),
    overdue: draft.overdue ? t("yes") : t("no"),
    apply: "",
    clear: "",
  };
  const label: Record<(typeof FILTER_FIELDS)[number], string> = {
    plan: t("filterPlan"),
    unit: t("filterUnit"),
    status: t("filterStatus"),
    theme: t("filterTheme"),
    overdue: t("filterOverdue"),
    apply: `[${t("filterApply")}]`,
    clear: `[${t("filterClear")}]`,
  };
  const out: OverlayLine[] = [plain("title", line(`${t("filter")}${draft.text ? ` · ${t("searchResults", { q: draft.text })}` : ""}`, width, { bold: true, color: "cyan" }))];
  FILTER_FIELDS.forEach((field, i) => {
    out.push(plain(field, [{ text: fit(label[field], 14) }, { text: fit(value[field], Math.max(0, width - 14)) }], editing === null && i === overlay.cursor));
  });
  if (editing && editing.field !== "unit") {
    out.push(plain("sep", line("", width)));
    const choices =
      editing.field === "plan"
        ? planChoices(plans).map((id) => planTitle(id))
        : editing.field === "theme"
          ? THEME_FILTER_CHOICES.map((id) => (id === null ? t("any") : `${themeById(id).parent ? "  " : ""}${themeName(id, lang)}`))
          : STATUS_FILTER_CHOICES.map((s) => (s === null ? t("any") : `${statusLabel(s, "zh")} ${statusLabel(s, "en")}`));
    choices.forEach((c, i) => out.push(plain(`choice-${i}`, line(`  ${c}`, width), i === editing.cursor)));
  }
  return out;
}

/** Key hints for the footer, in the chosen language. */
export function footerHints(lang: Lang): string {
  return lang === "zh"
    ? "↑↓ 移动 Enter 打开 Esc 返回 / 搜索 f 筛选 s 状态 n 说明 ? 帮助 q 退出"
    : "↑↓ move Enter open Esc back / search f filter s status n note ? help q quit";
}

