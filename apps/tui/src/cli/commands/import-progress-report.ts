import { LEDGER_COLUMNS, measuredValueText, PROGRESS_STATUS_LABELS, responsiblePersonText, type LedgerFieldChange, type ProgressStatus } from "@taizhang/core";
import type { LedgerImportOutcome } from "../../data/data-source.js";

const FIELD_NAMES = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c])) as Record<string, { zh: string; en: string }>;

function valueText(change: LedgerFieldChange, value: unknown, lang: "zh" | "en"): string {
  if (change.field === "status") return PROGRESS_STATUS_LABELS[value as ProgressStatus][lang];
  if (change.field === "responsiblePerson") return responsiblePersonText(value as never) || "—";
  if (change.field === "measuredValue") return measuredValueText(value as never) || "—";
  if (change.field === "evidence") return `${(value as unknown[]).length} ${lang === "zh" ? "项" : "item(s)"}`;
  const text = String(value).replace(/\s+/g, " ");
  return text === "" ? "—" : text.length > 30 ? `${text.slice(0, 29)}…` : text;
}

/** The outcome of `taizhang import-progress` for people: a line per changed or refused row, then the counts. */
export function importReport(outcome: LedgerImportOutcome, lang: "zh" | "en", apply: boolean): string {
  const lines: string[] = [];
  const zh = lang === "zh";
  for (const row of outcome.rows) {
    const where = `${zh ? "第" : "row "}${row.line}${zh ? "行" : ""}`;
    if (row.outcome === "rejected") {
      lines.push(`${where}  ${zh ? "拒绝" : "refused"}  ${row.label ?? ""}`.trimEnd());
      lines.push(`    ${row.reason}: ${row.message ?? ""}`);
      continue;
    }
    lines.push(`${where}  ${zh ? "变更" : "change"}  ${row.label ?? ""}`);
    for (const c of row.changes) lines.push(`    ${FIELD_NAMES[c.field]?.[lang] ?? c.field}: ${valueText(c, c.before, lang)} → ${valueText(c, c.after, lang)}`);
  }
  const s = outcome.summary;
  const file = `${outcome.file.name ?? "file"} (${outcome.file.format}${outcome.file.sheet ? `, ${outcome.file.sheet}` : ""})`;
  lines.push(
    zh
      ? `${file}: ${s.rows} 行, ${s.changes} 行变更, ${s.unchanged} 行未变, ${s.rejected} 行拒绝`
      : `${file}: ${s.rows} rows, ${s.changes} to change, ${s.unchanged} unchanged, ${s.rejected} refused`,
  );
  if (outcome.file.ignoredHeaders.length > 0) lines.push(`${zh ? "未读取的列" : "columns not read"}: ${outcome.file.ignoredHeaders.join(", ")}`);
  if (!apply) lines.push(zh ? "预览: 未写入任何内容; 加 --apply 写入" : "preview: nothing written; add --apply to write");
  else if (outcome.applied) lines.push(zh ? `已写入 ${outcome.written} 项` : `written: ${outcome.written}`);
  else lines.push(zh ? "有被拒绝的行, 未写入任何内容; 修正后重试, 或加 --skip-rejected 只写入有效行" : "rows were refused, so nothing was written; fix them, or add --skip-rejected to write the valid rows");
  return `${lines.join("\n")}\n`;
}
