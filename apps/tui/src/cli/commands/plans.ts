import type { Command } from "../command.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = { ...SOURCE_OPTIONS, "as-of": { type: "string" } } as const;

const HELP = `Usage: taizhang plans [options]

Lists every plan with its period, task count, percent complete and overdue count.
  --as-of DATE     judge overdue as of this date (YYYY-MM-DD, China); default today

${SOURCE_HELP}
`;

export const plansCommand: Command = {
  name: "plans",
  summary: "list the plans with progress roll-ups",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "plans");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "plans");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const { parseAsOf } = await import("../ledger/parse-options.js");
    const { rollupsBy } = await import("../../ui/screens/rollups.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, `--lang must be zh or en`, "plans");
    const asOf = parseAsOf(values["as-of"], () => new Date());
    if (!asOf) return usageError(io, `--as-of must be a date YYYY-MM-DD`, "plans");
    const t = cliTranslator(lang);
    return withSource(values, io, "plans", async (ds) => {
      const plans = unwrap(io, await ds.listPlans(), "plans");
      if (!plans.ok) return plans.code;
      const rows = unwrap(io, await ds.progressRows({}), "plans");
      if (!rows.ok) return rows.code;
      const rollups = rollupsBy(rows.value, (r) => r.planId, asOf, 30);
      if (values.json) {
        printJson(
          io,
          plans.value.map((plan) => ({ ...plan, rollup: rollups.get(plan.id) ?? null })),
        );
        return 0;
      }
      io.stdout(
        renderTable(
          [{ header: "ID" }, { header: t("period") }, { header: t("taskCount"), align: "right" }, { header: t("done"), align: "right" }, { header: t("overdue"), align: "right" }, { header: t("plan") }],
          plans.value.map((plan) => {
            const r = rollups.get(plan.id);
            return [
              plan.id,
              `${plan.period.startYear}-${plan.period.endYear}`,
              String(plan.counts.tasks),
              r && r.total > 0 ? `${r.percentComplete}%` : "—",
              String(r?.overdue ?? 0),
              plan.title,
            ];
          }),
        ),
      );
      return 0;
    });
  },
};
