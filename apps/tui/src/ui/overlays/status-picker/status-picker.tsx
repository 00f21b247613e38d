import type { ProgressStatus } from "@taizhang/core";
import type { ReactNode } from "react";
import type { ProgressRow } from "../../../data/data-source.js";
import { statusLabel, type Lang, type Translate } from "../../i18n.js";
import { footerHints, STATUS_KEYS } from "../../input/keymap.js";
import { line } from "../../screens/table.js";
import { fit } from "../../text/index.js";
import { hintFooter, Page, plainLine } from "../../app/frame.js";
import { targetLabel } from "../target-label.js";
import { STATUS_CHOICES, useStatusPickerState } from "./use-status-picker-state.js";
import { useStatusPicker } from "./use-status-picker.js";

export interface StatusPickerProps {
  isActive: boolean;
  target: ProgressRow;
  inner: number;
  height: number;
  t: Translate;
  lang: Lang;
  onChoose(status: ProgressStatus): void;
  onCancel(): void;
}

/** The status picker over the screen: the five statuses, Chinese and English, the current one under the cursor. */
export function StatusPicker({ isActive, target, inner, height, t, lang, onChoose, onCancel }: StatusPickerProps): ReactNode {
  const state = useStatusPickerState(target.progress.status);
  useStatusPicker({ isActive, state, onChoose, onCancel });
  const lines = [
    plainLine("title", line(`${t("setStatus")} · ${targetLabel(target)}`, inner, { bold: true, color: "cyan" })),
    ...STATUS_CHOICES.map((status, i) =>
      plainLine(status, line(`${i + 1}  ${fit(statusLabel(status, "zh"), 6)}  ${statusLabel(status, "en")}`, inner), i === state.cursor),
    ),
  ];
  return <Page inner={inner} header={null} lines={lines} height={height} footer={hintFooter(footerHints(STATUS_KEYS, inner, t, lang), "", inner)} />;
}
