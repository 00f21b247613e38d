import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { LEDGER_COLUMNS, measuredValueText, PROGRESS_STATUS_LABELS, responsiblePersonText, type LedgerFieldChange, type ProgressStatus } from "@taizhang/core";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import type { LedgerImportOutcome } from "../../data/data-source.js";
import { cliLang } from "../ledger/cli-context.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/parse-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = {
  ...SOURCE_OPTIONS,
  apply: { type: "boolean" },
  "skip-rejected": { type: "boolean" },
} as const;

/** The largest file read, as the API's default import limit. */
const MAX_BYTES = 10 * 1024 * 1024;

const HELP = `Usage: taizhang import-progress FILE [--apply [--skip-rejected]] [options]

Reads an edited ledger (台账) — the .xlsx or CSV written by \`taizhang export\` or
downloaded from the web page, filled in offline — and shows what it would change,
row by row, and every row that cannot be applied and why (unknown item, invalid
cell, another unit's row, a row someone changed after the export, a duplicate).
Rows are matched by the hidden 事项编号/单位编号 columns (else 规划 + 任务序号 +
事项 + 单位); only cells that differ from the exported version (版本) count as edits.
  --apply          write the changes: all in one transaction, history source "import";
                   nothing is written while any row is refused (exit 5) ...
  --skip-rejected  ... unless this is given: then the valid rows are written
Without --apply nothing is written.

${SOURCE_HELP}
`;

const FIELD_NAMES = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c])) as Record<string, { zh: string; en: string }>;

function valueText(change: LedgerFieldChange, value: unknown, lang: "zh" | "en"): string {
  if (change.field === "status") return PROGRESS_STATUS_LABELS[value as ProgressStatus][lang];
  if (change.field === "responsiblePerson") return responsiblePersonText(value as never) || "—";
  if (change.field === "measuredValue") return measuredValueText(value as never) || "—";
  if (change.field === "evidence") return `${(value as unknown[]).length} ${lang === "zh" ? "项" : "item(s)"}`;
  const text = String(value).replace(/\s+/g, " ");
  return text === "" ? "—" : text.length > 30 ? `${text.slice(0, 29)}…` : text;
}

/** The outcome for people: a line per changed or refused row, then the counts. */
function report(outcome: LedgerImportOutcome, lang: "zh" | "en", apply: boolean): string {
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

export const importProgressCommand: Command = {
  name: "import-progress",
  summary: "preview (or --apply) the progress in an edited ledger .xlsx/CSV",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "import-progress");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    const [path, extra] = positionals;
    if (path === undefined) return usageError(io, "give the edited ledger: taizhang import-progress FILE", "import-progress");
    if (extra !== undefined) return usageError(io, `unexpected argument ${extra}`, "import-progress");
    if (values["skip-rejected"] && !values.apply) return usageError(io, "--skip-rejected goes with --apply", "import-progress");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "import-progress");
    const full = resolve(io.cwd, path);
    let size: number;
    try {
      const info = await stat(full);
      if (!info.isFile()) throw new Error("not a file");
      size = info.size;
    } catch {
      io.stderr(`taizhang import-progress: no file ${path}\n`);
      return EXIT_CODES.not_found;
    }
    if (size > MAX_BYTES) {
      io.stderr(`taizhang import-progress: ${path} is ${size.toLocaleString("en")} bytes; at most ${MAX_BYTES.toLocaleString("en")} are read\n`);
      return EXIT_CODES.invalid;
    }
    const bytes = new Uint8Array(await readFile(full));
    const apply = values.apply === true;
    return withSource(values, io, async (ds) => {
      const outcome = unwrap(io, await ds.importLedger({ bytes, name: basename(full) }, { apply, skipRejected: values["skip-rejected"] === true }));
      if (!outcome.ok) return outcome.code;
      if (values.json) printJson(io, outcome.value);
      else io.stdout(report(outcome.value, lang, apply));
      return apply && !outcome.value.applied ? EXIT_CODES.conflict : 0;
    });
  },
};
