import type { Unit } from "@taizhang/core";
import type { ReactNode } from "react";
import type { DataError } from "../../../data/data-result.js";
import type { DataSource } from "../../../data/data-source.js";
import type { Lang, Translate } from "../../i18n.js";
import { footerHints, UNIT_PICKER_KEYS } from "../../input/keymap.js";
import { line } from "../../screens/table.js";
import { displayWidth, fit, promptText } from "../../text/index.js";
import { hintFooter, Page, plainLine, type ViewLine } from "../../app/frame.js";
import { scrollFor } from "../../app/navigation.js";
import { useUnitList } from "./use-unit-list.js";
import { useUnitPickerState } from "./use-unit-picker-state.js";
import { useUnitPicker } from "./use-unit-picker.js";

const NO_UNITS: readonly Unit[] = [];

export interface UnitPickerProps {
  isActive: boolean;
  ds: DataSource;
  inner: number;
  height: number;
  t: Translate;
  lang: Lang;
  /** A failure to load the units, in the user's words. */
  describeError(error: DataError): string;
  onChoose(unit: Unit): void;
  onCancel(): void;
}

/** "选择单位": every unit of the stored plans, narrowed by what is typed (name, alias, id, jurisdiction). */
export function UnitPicker({ isActive, ds, inner, height, t, lang, describeError, onChoose, onCancel }: UnitPickerProps): ReactNode {
  const list = useUnitList(ds);
  const units = list.status === "ready" ? list.units : NO_UNITS;
  const state = useUnitPickerState(units);
  const listHeight = Math.max(1, height - 3);
  // Keys typed while the units load wait for them.
  useUnitPicker({ isActive: isActive && list.status !== "loading", state, height: listHeight, onChoose, onCancel });

  const count = list.status === "ready" ? ` (${state.matches.length}/${units.length})` : "";
  const lines: ViewLine[] = [
    plainLine("title", line(t("unitPickerTitle"), inner, { bold: true, color: "cyan" })),
    plainLine("query", line(promptText(t("search"), state.query, Math.max(0, inner - displayWidth(count))) + count, inner, { color: "cyan" })),
    plainLine("sep", line("", inner)),
  ];
  if (list.status === "loading") lines.push(plainLine("loading", line(t("loading"), inner, { dim: true })));
  else if (list.status === "error") lines.push(plainLine("error", line(describeError(list.error), inner, { color: "red" })));
  else if (state.matches.length === 0)
    lines.push(plainLine("none", line(state.query ? t("noUnitMatches", { q: state.query }) : t("noUnitsStored"), inner, { dim: true })));
  else {
    const jurisdictionWidth = Math.min(16, Math.max(...state.matches.map((u) => displayWidth(u.jurisdiction))));
    const offset = scrollFor(state.cursor, 0, listHeight, state.matches.length);
    state.matches.slice(offset, offset + listHeight).forEach((u, i) => {
      const aliases = u.aliases.length > 0 ? ` (${u.aliases.join("、")})` : "";
      lines.push(plainLine(u.id, line(`${fit(u.jurisdiction, jurisdictionWidth)} ${u.name}${aliases}`, inner, { dim: u.collective }), offset + i === state.cursor));
    });
  }
  return <Page inner={inner} header={null} lines={lines} height={height} footer={hintFooter(footerHints(UNIT_PICKER_KEYS, inner, t, lang), "", inner)} />;
}
