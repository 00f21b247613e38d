import { resolve } from "node:path";
import type { DocumentKind } from "@taizhang/core";
import type { Command } from "../command.js";
import { CliError } from "../cli-error.js";
import { EXIT } from "../exit-codes.js";
import { parseCommandArgs } from "../ledger/source-options.js";
import { printJson, usageError } from "../ledger/with-source.js";
import { readSourceFile } from "../read-source.js";

/**
 * What --kind accepts: core's MODEL_DOCUMENT_NAMES, "plans" and "history",
 * written out so that --help needs no core (validate.test.ts holds them equal).
 */
export const KINDS: readonly DocumentKind[] = ["plan", "checklist-item", "progress", "history-entry", "assignment-history-entry", "ledger-export", "plans", "history"];

const OPTIONS = {
  kind: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const HELP = `Usage: taizhang validate FILE [--kind K] [--json]

Checks a JSON file against Taizhang's model (the schemas published in docs/schema/)
and prints every violation with its JSON path, e.g. $.tasks[3].milestones[0].due.
  FILE             a plan (as GET /api/plans/{id} answers or \`taizhang import --json\` writes),
                   a list of plans, a ledger export (taizhang export --format json), a checklist
                   item, a progress, or history entries
  --kind K         what FILE should be, instead of guessing from its shape:
                   ${KINDS.join(", ")}
  --json           the result as JSON: { file, kind, valid, violations: [{ path, message }] }

Exit codes: 0 valid; 4 invalid (not JSON, or violations); 2 no such file; 1 usage.
`;

export const validateCommand: Command = {
  name: "validate",
  summary: "check a plan or model JSON file against the schema, with JSON paths",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "validate");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) return usageError(io, "give exactly one FILE", "validate");
    const file = positionals[0] as string;
    if (values.kind !== undefined && !(KINDS as readonly string[]).includes(values.kind)) {
      return usageError(io, `--kind must be one of ${KINDS.join(", ")}`, "validate");
    }
    const { detectDocument, validateDocument } = await import("@taizhang/core");
    const bytes = await readSourceFile(resolve(io.cwd, file), file);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new CliError(EXIT.invalidInput, `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const kind = (values.kind as DocumentKind | undefined) ?? detectDocument(value);
    if (kind === null) {
      throw new CliError(EXIT.invalidInput, `${file}: not a document of the model (a plan, plans, checklist item, progress or history); give --kind to check it as one`);
    }
    const violations = validateDocument(kind, value);
    if (values.json) {
      printJson(io, { file, kind, valid: violations.length === 0, violations });
    } else if (violations.length === 0) {
      io.stdout(`${file}: a valid ${kind}\n`);
    } else {
      io.stdout(`${file}: ${violations.length} violation${violations.length === 1 ? "" : "s"} of the ${kind} schema\n`);
      for (const v of violations) io.stdout(`  ${v.path}: ${v.message}\n`);
    }
    return violations.length === 0 ? EXIT.ok : EXIT.invalidInput;
  },
};
