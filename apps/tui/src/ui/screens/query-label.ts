import type { TaskQuery } from "../../data/data-source.js";
import { themeById } from "@taizhang/core";
import { statusLabel, type Lang, type Translate } from "../i18n.js";

/** The filters of a task query in words, e.g. "搜索“行政复议” · 状态:进行中 · 仅逾期". */
export function queryLabel(query: TaskQuery, t: Translate, lang: Lang): string {
  const parts: string[] = [];
  if (query.text) parts.push(t("searchResults", { q: query.text }));
  if (query.unit) parts.push(`${t("filterUnit")}:${query.unit}`);
  if (query.status) parts.push(`${t("filterStatus")}:${statusLabel(query.status, lang)}`);
  if (query.theme) parts.push(`${t("filterTheme")}:${lang === "zh" ? themeById(query.theme).zh : themeById(query.theme).en}`);
  if (query.overdue) parts.push(t("filterOverdue"));
  return parts.length > 0 ? parts.join(" · ") : t("allTasks");
}
