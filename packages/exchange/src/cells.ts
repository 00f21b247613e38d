import { chinaTimeText, PROGRESS_STATUS_LABELS, responsiblePersonText, type HistoryRow, type LedgerRow } from "@taizhang/core";

export type ExportLanguage = "zh" | "en";

const ROLE_LABELS = { lead: { zh: "牵头", en: "Lead" }, responsible: { zh: "责任", en: "Responsible" } } as const;

/** A row's cell for a column, as people read it (status and role in the export's language). */
export function cellText(row: LedgerRow, key: keyof LedgerRow, lang: ExportLanguage): string {
  const value = row[key];
  if (key === "status") return PROGRESS_STATUS_LABELS[row.status][lang];
  if (key === "role") return ROLE_LABELS[row.role][lang];
  if (key === "responsiblePerson") return responsiblePersonText(row.responsiblePerson);
  if (value === null || value === undefined) return "";
  // Times as the UI shows them: China time, with the offset written so the text still names one instant.
  if (key === "updatedAt") return chinaTimeText(String(value));
  return String(value);
}

/** A history row's cell as text: its time in China time with +08:00, like {@link cellText}. */
export function historyCellText(row: HistoryRow, key: keyof HistoryRow): string {
  return key === "at" ? chinaTimeText(row.at) : String(row[key]);
}
