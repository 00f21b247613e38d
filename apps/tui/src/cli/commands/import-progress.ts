import { basename, resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { checkInputFile } from "../files.js";
import { readSourceFile } from "../read-source.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
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
    const { importReport } = await import("./import-progress-report.js");
    const { cliLang } = await import("../ledger/cli-context.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "import-progress");
    const full = resolve(io.cwd, path);
    const size = await checkInputFile(full, path);
    if (size > MAX_BYTES) {
      io.stderr(`taizhang import-progress: ${path} is ${size.toLocaleString("en")} bytes; at most ${MAX_BYTES.toLocaleString("en")} are read\n`);
      return EXIT_CODES.invalid;
    }
    const bytes = new Uint8Array(await readSourceFile(full, path));
    const apply = values.apply === true;
    return withSource(values, io, "import-progress", async (ds) => {
      const outcome = unwrap(io, await ds.importLedger({ bytes, name: basename(full) }, { apply, skipRejected: values["skip-rejected"] === true }), "import-progress");
      if (!outcome.ok) return outcome.code;
      if (values.json) printJson(io, outcome.value);
      else io.stdout(importReport(outcome.value, lang, apply));
      return apply && !outcome.value.applied ? EXIT_CODES.conflict : 0;
    });
  },
};
