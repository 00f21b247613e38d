import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ImportError, importPlan, mergeImports, type ImportResult } from "@taizhang/core";
import { DocumentError, readPlanFile, type PlanFile } from "@taizhang/documents";
import { CliError } from "../cli-error.js";
import type { Command, CliIo } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { formatPlanSummary } from "../format-plan-summary.js";
import { withUsageErrors } from "../parse-args.js";
import { readSourceFile } from "../read-source.js";

const USAGE = "taizhang import FILE [FILE…] [--json] [--id ID]";

const HELP = `Usage: ${USAGE}

Imports a 法治政府建设 plan from a file as governments publish it — a Word file
(.docx), a PDF, a web page saved from a government site (.html/.htm, GB2312
too), a task table (.xlsx, or a table in a .docx/.html), a legacy .doc/.wps
(through LibreOffice, when installed) or plain text (UTF-8 or GB18030;
simplified or traditional script; pasted web pages, PDF extracts and newspaper
reprints are fine); the kind is read from the content, not the name. Prints a
summary of what was found, or the whole plan as JSON.
Several FILEs are copies of one plan (a simplified text and a traditional
scrape, say): they are merged into one plan that names every file.

Options:
  --json      print the plan as JSON on stdout
  --id ID     use ID as the plan id instead of <jurisdiction>-<start year>
  -h, --help  show this help

Exit codes: 0 ok, 1 usage, 2 file not found, 4 not a plan (empty, binary, a
file that cannot be read, no tasks) or copies that are not of one plan.
`;

async function importFile(file: string, id: string | undefined, io: CliIo): Promise<ImportResult> {
  const bytes = await readSourceFile(resolve(io.cwd, file), file);
  let read: PlanFile;
  try {
    read = await readPlanFile(bytes);
  } catch (error) {
    if (error instanceof DocumentError) throw new CliError(EXIT.invalidInput, `${file}: ${error.message}`);
    throw error;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    return importPlan(read.text, { id, sourceName: basename(file), sha256, ...(read.format === null ? {} : { format: read.format }) });
  } catch (error) {
    if (error instanceof ImportError) {
      throw new CliError(error.code === "invalid-id" ? EXIT.usage : EXIT.invalidInput, `${file}: ${error.message}`);
    }
    throw error;
  }
}

export const importCommand: Command = {
  name: "import",
  summary: "read a plan text and print its summary or its JSON",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = withUsageErrors(USAGE, () =>
      parseArgs({
        args: [...args],
        options: { json: { type: "boolean" }, id: { type: "string" }, help: { type: "boolean", short: "h" } },
        allowPositionals: true,
        strict: true,
      }),
    );
    if (values.help === true) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new CliError(EXIT.usage, `missing FILE (usage: ${USAGE})`);

    const results: ImportResult[] = [];
    for (const file of positionals) results.push(await importFile(file, values.id, io));
    let plan;
    try {
      ({ plan } = mergeImports(results));
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(EXIT.invalidInput, error.message);
      throw error;
    }
    io.stdout(values.json === true ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanSummary(plan));
    return EXIT.ok;
  },
};
