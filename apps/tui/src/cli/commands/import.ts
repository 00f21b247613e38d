import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ImportResult } from "@taizhang/core";
import { CliError } from "../cli-error.js";
import type { Command, CliIo } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { withUsageErrors } from "../parse-args.js";
import { decodeSource, readSourceFile } from "../read-source.js";

const USAGE = "taizhang import FILE [FILE…] [--json] [--id ID]";

const HELP = `Usage: ${USAGE}

Imports a 法治政府建设 plan from a text file (UTF-8 or GB18030; simplified or
traditional script; pasted web pages, PDF extracts and newspaper reprints are
fine) and prints a summary of what was found, or the whole plan as JSON.
Several FILEs are copies of one plan (a simplified text and a traditional
scrape, say): they are merged into one plan that names every file.

Options:
  --json      print the plan as JSON on stdout
  --id ID     use ID as the plan id instead of <jurisdiction>-<start year>
  -h, --help  show this help

Exit codes: 0 ok, 1 usage, 2 file not found, 4 not a plan (empty, binary, no
tasks) or copies that are not of one plan.
`;

async function importFile(file: string, id: string | undefined, io: CliIo): Promise<ImportResult> {
  const bytes = await readSourceFile(resolve(io.cwd, file), file);
  const text = decodeSource(bytes, file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { ImportError, importPlan } = await import("@taizhang/core");
  try {
    return importPlan(text, { id, sourceName: basename(file), sha256 });
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

    // Core (the importer, zod) is loaded only now, so that --help and usage errors answer at once.
    const { ImportError, mergeImports } = await import("@taizhang/core");
    const { formatPlanSummary } = await import("../format-plan-summary.js");
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
