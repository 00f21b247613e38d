import { resolve } from "node:path";
import type { PlanId, UnitId } from "@taizhang/core";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { checkOutputFile, STDOUT, writeOutputChunks } from "../files.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { unitOrOwn, unwrap, usageError, withSource } from "../ledger/with-source.js";

const FORMATS = ["xlsx", "csv", "json", "ics"] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  ...SOURCE_OPTIONS,
  plan: { type: "string" },
  unit: { type: "string" },
  format: { type: "string" },
  output: { type: "string", short: "o" },
  "as-of": { type: "string" },
  history: { type: "string" },
} as const;

const HISTORY = ["none", "include", "only"] as const;

const HELP = `Usage: taizhang export [--plan ID] [--unit NAME] [--format xlsx|csv|json|ics] -o FILE [options]

Writes a ledger (台账): one row per (checklist item, unit) with 序号, plan, part/section,
task, item, 牵头单位, 责任单位, 完成时限, status, percent, 进展说明, 佐证材料, measured value,
责任人, last update, and the item id, unit id and version an edited file is matched by.
  --plan ID        a plan's ledger (with --unit: that unit's rows of the plan)
  --unit NAME      a unit's checklist across plans (name, alias or id); with an office
                   token and neither --plan nor --unit, the token's own unit
  --format F       xlsx (default: frozen header, real dates, status drop-down, overdue rows
                   highlighted, a 汇总 sheet), csv (UTF-8 with BOM, for Excel), json, or ics
                   (the due dates as all-day calendar events with stable UIDs)
  -o, --output FILE  where to write it (the format follows from .xlsx/.csv/.json/.ics when --format is
                   not given); \`-o -\` writes it to standard output (give --format; default xlsx)
  --as-of DATE     judge overdue as of this date (YYYY-MM-DD, China); default today
  --lang zh|en     headers and labels in Chinese (default) or English
  --history H      the change history (变更记录) of the plan or unit: include = a 变更记录 sheet
                   (xlsx) or a "history" array (json); only = the history alone (xlsx, csv, json)

${SOURCE_HELP}
`;

export const exportCommand: Command = {
  name: "export",
  summary: "write a plan's ledger or a unit's checklist as .xlsx, CSV or JSON",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "export");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "export");
    if (values.output === undefined) return usageError(io, "give the file to write with -o FILE (or -o - for standard output)", "export");
    const { PlanIdSchema } = await import("@taizhang/core");
    const { cliLang } = await import("../ledger/cli-context.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "export");
    const fromName = values.output === STDOUT ? undefined : /\.(xlsx|csv|json|ics)$/i.exec(values.output)?.[1]?.toLowerCase();
    const format = (values.format ?? fromName ?? "xlsx") as Format;
    if (!FORMATS.includes(format)) return usageError(io, `--format must be one of ${FORMATS.join(", ")}`, "export");
    const history = (values.history ?? "none") as (typeof HISTORY)[number];
    if (!HISTORY.includes(history)) return usageError(io, `--history must be one of ${HISTORY.join(", ")}`, "export");
    if (history !== "none" && format === "ics") return usageError(io, "a calendar feed has no history: use --history with xlsx, csv or json", "export");
    if (history === "include" && format === "csv") return usageError(io, "a CSV file holds one table: write the history as its own file with --history only", "export");
    const asOf = values["as-of"];
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) return usageError(io, "--as-of must be a date YYYY-MM-DD", "export");
    let planId: PlanId | undefined;
    if (values.plan !== undefined) {
      const parsed = PlanIdSchema.safeParse(values.plan);
      if (!parsed.success) {
        io.stderr(`taizhang export: ${values.plan} is not a plan id (e.g. chengdu-2015)\n`);
        return EXIT_CODES.invalid;
      }
      planId = parsed.data;
    }
    const shown = values.output;
    const output = shown === STDOUT ? STDOUT : resolve(io.cwd, shown);
    // Before the store is read and the workbook made: a path that cannot be written is refused at once.
    await checkOutputFile(output, shown);
    return withSource(values, io, "export", async (ds) => {
      let unitArg = values.unit;
      if (planId === undefined && unitArg === undefined) {
        const own = await unitOrOwn(io, ds, undefined, "export");
        if (!own.ok) return own.code;
        unitArg = own.value;
      }
      let unitId: UnitId | undefined;
      if (unitArg !== undefined) {
        const unit = unwrap(io, await ds.resolveUnit(unitArg), "export");
        if (!unit.ok) return unit.code;
        unitId = unit.value.id;
      }
      // The application layer's export (the API's, remotely): the same file either way, written as it is made.
      const file = unwrap(io, await ds.exportLedger({ ...(planId ? { planId } : {}), ...(unitId ? { unitId } : {}), format, lang, history, ...(asOf !== undefined ? { asOf } : {}) }), "export");
      if (!file.ok) return file.code;
      const bytes = await writeOutputChunks(io, output, shown, file.value.body);
      const written = file.value.written();
      const what = written ? `${written.rows} rows${history !== "none" ? `, ${written.changes} changes` : ""}` : `${bytes} bytes`;
      io.stderr(`taizhang export: ${what} → ${shown === STDOUT ? "standard output" : shown}\n`);
      return 0;
    });
  },
};
