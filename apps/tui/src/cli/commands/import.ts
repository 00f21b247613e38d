import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { ImportResult, Jurisdiction, JurisdictionLevel, PlanHeading } from "@taizhang/core";
import type { PlanFile } from "@taizhang/documents";
import { CliError } from "../cli-error.js";
import { problemText } from "../../data/problem-messages.js";
import type { Command, CliIo } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { EXIT } from "../exit-codes.js";
import { chooseStore, describeStore, exitCodeOfLedgerError, openStore } from "../ledger/store-options.js";
import { withUsageErrors } from "../parse-args.js";
import { readSourceFile } from "../read-source.js";

const USAGE = "taizhang import FILE [FILE…] [--json] [--id ID] [--jurisdiction NAME [--parent NAME] [--level LEVEL]] [--dry-run | --store [--replace [--replace-different]]]";

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

The summary shows what would be stored: the id, the jurisdiction (a district
or county under its city: 锦江区 in 成都市, id chengdu-jinjiang-2024) and every
unit, scoped by the jurisdiction (成都市锦江区:区司法局). Nothing is stored
unless --store is given (--dry-run says so explicitly).

Options:
  --json                 print the plan as JSON on stdout
  --id ID                use ID as the plan id instead of <jurisdiction>-<start year>
  --jurisdiction NAME    whose plan it is, instead of the one the text names
  --parent NAME          its parent (the city of a district or county; needed for one)
  --level LEVEL          national, region, city or county (default: county with
                         --parent, else city)
  --dry-run              store nothing (the default); with --store, compare with the stored plan
  --store                store the plan in the store (--data DIR, or --database-url URL;
                         the store itself, not a server)
  --replace              with --store: update a stored plan of the same id (progress is kept)
  --replace-different    with --replace: even one whose title, 文号 or jurisdiction differ
                         (another plan filed under the same id)
  --data DIR             the embedded store (or TAIZHANG_DATA; default ./data)
  --database-url URL     a PostgreSQL store (or DATABASE_URL)
  -h, --help             show this help

Exit codes: 0 ok, 1 usage, 2 file not found, 4 not a plan (empty, binary, a
file that cannot be read, no tasks), copies that are not of one plan, or a
jurisdiction to confirm (the importer was unsure: give --jurisdiction); 5 a
stored plan of the id (without --replace), or one that differs (without
--replace-different).
`;

/** Jurisdiction levels, as core's JURISDICTION_LEVELS (held equal by a test): core is loaded only when a command runs. */
export const LEVELS = ["national", "region", "city", "county"] as const;

/** Warnings that mean the importer could not be sure whose plan it is: storing then needs --jurisdiction. */
const UNSURE_JURISDICTION = new Set(["jurisdiction-unknown", "jurisdiction-ambiguous", "jurisdiction-guessed"]);

function jurisdictionOf(values: { jurisdiction?: string | undefined; parent?: string | undefined; level?: string | undefined }): Jurisdiction | undefined {
  if (values.jurisdiction === undefined) {
    if (values.parent !== undefined || values.level !== undefined) throw new CliError(EXIT.usage, "--parent and --level go with --jurisdiction");
    return undefined;
  }
  const level = values.level ?? (values.parent !== undefined ? "county" : "city");
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new CliError(EXIT.usage, `--level must be one of ${LEVELS.join(", ")}`);
  }
  return { name: values.jurisdiction, level: level as JurisdictionLevel, parent: values.parent ?? null };
}

const headingLine = (p: PlanHeading, key: string) => `${p.id}  《${p.title}》 ${p.documentNumber ?? "(no 文号)"}  ${key}`;

async function importFile(file: string, id: string | undefined, jurisdiction: Jurisdiction | undefined, io: CliIo): Promise<ImportResult> {
  const bytes = await readSourceFile(resolve(io.cwd, file), file);
  const { DocumentError, readPlanFile } = await import("@taizhang/documents");
  let read: PlanFile;
  try {
    read = await readPlanFile(bytes);
  } catch (error) {
    if (error instanceof DocumentError) throw new CliError(EXIT.invalidInput, `${file}: ${error.message}`);
    throw error;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { ImportError, importPlan } = await import("@taizhang/core");
  try {
    return importPlan(read.text, {
      id,
      sourceName: basename(file),
      sha256,
      ...(read.format === null ? {} : { format: read.format }),
      ...(jurisdiction ? { jurisdiction } : {}),
    });
  } catch (error) {
    if (error instanceof ImportError) {
      throw new CliError(error.code === "invalid-id" || error.code === "invalid-jurisdiction" ? EXIT.usage : EXIT.invalidInput, `${file}: ${error.message}`);
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
        options: {
          json: { type: "boolean" },
          id: { type: "string" },
          jurisdiction: { type: "string" },
          parent: { type: "string" },
          level: { type: "string" },
          "dry-run": { type: "boolean" },
          store: { type: "boolean" },
          replace: { type: "boolean" },
          "replace-different": { type: "boolean" },
          data: { type: "string" },
          "database-url": { type: "string" },
          help: { type: "boolean", short: "h" },
        },
        allowPositionals: true,
        strict: true,
      }),
    );
    if (values.help === true) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length === 0) throw new CliError(EXIT.usage, `missing FILE (usage: ${USAGE})`);

    if (values.replace === true && values.store !== true) throw new CliError(EXIT.usage, "--replace goes with --store");
    if (values["replace-different"] === true && values.replace !== true) throw new CliError(EXIT.usage, "--replace-different goes with --replace");
    const jurisdiction = jurisdictionOf(values);

    // Core (the importer, zod) is loaded only now, so that --help and usage errors answer at once.
    const { checkPlanLimits, decideReplacement, ImportError, jurisdictionKey, mergeImports, planHeading, planLimitsFrom } = await import("@taizhang/core");
    const { LedgerError } = await import("@taizhang/store");
    const { formatPlanSummary } = await import("../format-plan-summary.js");
    const results: ImportResult[] = [];
    for (const file of positionals) results.push(await importFile(file, values.id, jurisdiction, io));
    let plan;
    try {
      ({ plan } = mergeImports(results));
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(EXIT.invalidInput, error.message);
      throw error;
    }
    const summary = values.json === true ? `${JSON.stringify(plan, null, 2)}\n` : formatPlanSummary(plan);
    if (values.store !== true) {
      io.stdout(values.json === true ? summary : `${summary}\nnot stored (dry run): add --store to store it\n`);
      return EXIT.ok;
    }

    const store = chooseStore({ data: values.data, "database-url": values["database-url"] }, io, "import");
    if (!store.ok) throw new CliError(EXIT.usage, store.message);
    const unsure = plan.provenance.warnings.find((w) => UNSURE_JURISDICTION.has(w.code));
    const ledger = await openStore(store.target);
    try {
      const tooLarge = checkPlanLimits(plan, planLimitsFrom(process.env));
      if (tooLarge) throw new CliError(EXIT.invalidInput, `${tooLarge.message}: not stored`);
      const stored = (await ledger.listPlans()).find((p) => p.id === plan.id);
      const existing = stored ? planHeading(stored) : null;
      const decision = decideReplacement(existing, planHeading(plan), { replace: values.replace === true, replaceDifferent: values["replace-different"] === true });
      // A refusal in the catalogue's words (plan-exists, plan-differs), as the server's are said: not core's English.
      const refusal = decision.ok
        ? ""
        : problemText({ kind: "conflict", message: decision.message, said: { key: "problem", code: decision.code, subject: { kind: "plan", id: plan.id }, field: null, hasToken: true, version: null } }, io.lang ?? "zh");
      const lines: string[] = [];
      if (existing) lines.push(`stored plan  ${headingLine(existing, jurisdictionKey(existing.jurisdiction))}`, `new text     ${headingLine(planHeading(plan), jurisdictionKey(plan.jurisdiction))}`);
      if (values["dry-run"] === true) {
        io.stdout(`${summary}${lines.length > 0 ? `\n${lines.join("\n")}\n` : ""}\nnot stored (dry run)${decision.ok ? "" : `: storing would be refused: ${refusal}`}\n`);
        return EXIT.ok;
      }
      if (unsure !== undefined && jurisdiction === undefined) {
        throw new CliError(EXIT.invalidInput, `${unsure.message}: give --jurisdiction NAME (with --parent for a district or county) to store it`);
      }
      if (!decision.ok) {
        io.stderr(`taizhang import: ${refusal}\n  ${lines.join("\n  ")}\n`);
        return EXIT_CODES.conflict;
      }
      const { action } = await ledger.loadPlan(plan, { actor: { name: "taizhang import", source: "cli" } });
      io.stdout(values.json === true ? summary : `${summary}\n${action} ${plan.id} in ${describeStore(store.target)}\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof LedgerError)) throw error;
      io.stderr(`taizhang import: ${error.message}\n`);
      return exitCodeOfLedgerError(error);
    } finally {
      await ledger.close();
    }
  },
};
