import { changedFieldsText, type HistoryEntry } from "@taizhang/core";
import { statusLabel, type Lang } from "../i18n.js";

/**
 * What one history entry changed, a line per field: the status as
 * "未开始 → 进行中", then every other field in core's words as the exported
 * history writes them ("进展说明: — → 等待批复", "责任人: — → 张伟(科长)").
 * Empty when the entry changed nothing that is shown.
 */
export function historyChanges(entry: Pick<HistoryEntry, "before" | "after">, lang: Lang): string[] {
  const { before, after } = entry;
  const status = before.status !== after.status ? [`${statusLabel(before.status, lang)} → ${statusLabel(after.status, lang)}`] : [];
  const others = changedFieldsText({ ...before, status: after.status }, after, lang).split("\n").filter(Boolean);
  return [...status, ...others];
}
