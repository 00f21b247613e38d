import type { Command } from "../command.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = { ...SOURCE_OPTIONS, "as-of": { type: "string" } } as const;

const HELP = `Usage: taizhang themes [--as-of DATE] [options]

Shows the themes of 法治政府建设实施纲要(2021—2025年) against the plans: for each
theme and plan, how many tasks it has and how far they are done (roll-up of
their checklist rows), so gaps and laggards stand out. Sub-themes are indented.
  --as-of DATE     judge overdue as of this date (YYYY-MM-DD, China); default today

${SOURCE_HELP}
`;

export const themesCommand: Command = {
  name: "themes",
  summary: "themes × plans: task counts and completion",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "themes");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "themes");
    const { THEMES } = await import("@taizhang/core");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const { parseAsOf } = await import("../ledger/parse-options.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "themes");
    const asOf = parseAsOf(values["as-of"], () => new Date());
    if (!asOf) return usageError(io, "--as-of must be a date YYYY-MM-DD", "themes");
    const t = cliTranslator(lang);
    return withSource(values, io, "themes", async (ds) => {
      const coverage = unwrap(io, await ds.themeCoverage(asOf), "themes");
      if (!coverage.ok) return coverage.code;
      const { rows, completion, themeTotals, planIds } = coverage.value;
      if (values.json) {
        printJson(io, {
          asOf: asOf.toISOString(),
          plans: coverage.value.plans,
          themes: rows.map((row, i) => {
            const theme = THEMES.find((th) => th.id === row.themeId);
            return {
              id: row.themeId,
              zh: theme?.zh,
              en: theme?.en,
              parent: theme?.parent ?? null,
              total: row.total,
              rollup: themeTotals[i],
              plans: row.cells.map((cell, j) => ({ planId: planIds[j], count: cell.count, taskIds: cell.taskIds, rollup: completion[i]?.[j] })),
            };
          }),
        });
        return 0;
      }
      const cell = (count: number, rollup: { total: number; percentComplete: number } | undefined) =>
        count === 0 ? "—" : rollup && rollup.total > 0 ? `${count} / ${rollup.percentComplete}%` : `${count}`;
      io.stdout(`${t("themeMatrix")} · ${t("asOf")} ${asOf.toISOString().slice(0, 10)}\n`);
      io.stdout(
        renderTable(
          [{ header: t("theme") }, ...planIds.map((id) => ({ header: id, align: "right" as const })), { header: t("total"), align: "right" }],
          rows.map((row, i) => {
            const theme = THEMES.find((th) => th.id === row.themeId);
            const name = `${theme?.parent ? "  " : ""}${lang === "zh" ? (theme?.zh ?? row.themeId) : (theme?.en ?? row.themeId)}`;
            return [name, ...row.cells.map((c, j) => cell(c.count, completion[i]?.[j])), cell(row.total, themeTotals[i])];
          }),
        ),
      );
      return 0;
    });
  },
};
