import type { Command } from "../command.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unitOrOwn, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = { ...SOURCE_OPTIONS, unit: { type: "string" }, "as-of": { type: "string" } } as const;

const HELP = `Usage: taizhang checklist [--unit NAME] [options]

"我的清单": every item a unit leads or is responsible for, across all plans,
earliest due first, with its status and days left or overdue.
  --unit NAME      the unit: canonical name, alias, or id such as 成都市:市委编办;
                   with an office token, its own unit when not given
  --as-of DATE     judge overdue as of this date (YYYY-MM-DD, China); default today

${SOURCE_HELP}
`;

export const checklistCommand: Command = {
  name: "checklist",
  summary: "one unit's checklist (我的清单) across all plans",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "checklist");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "checklist");
    const { chinaDate, daysLeft, deadlineState } = await import("@taizhang/core");
    const { statusLabel } = await import("../../ui/i18n.js");
    const { daysText } = await import("../../ui/screens/format.js");
    const { byDue } = await import("../../ui/screens/progress-table.js");
    const { rollupOf } = await import("../../ui/screens/rollups.js");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const { parseAsOf } = await import("../ledger/parse-options.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "checklist");
    const asOf = parseAsOf(values["as-of"], () => new Date());
    if (!asOf) return usageError(io, "--as-of must be a date YYYY-MM-DD", "checklist");
    const t = cliTranslator(lang);
    return withSource(values, io, "checklist", async (ds) => {
      const unitArg = await unitOrOwn(io, ds, values.unit, "checklist");
      if (!unitArg.ok) return unitArg.code;
      const unit = unwrap(io, await ds.resolveUnit(unitArg.value), "checklist");
      if (!unit.ok) return unit.code;
      const rows = unwrap(io, await ds.progressRows({ unit: unit.value.id }), "checklist");
      if (!rows.ok) return rows.code;
      const sorted = [...rows.value].sort(byDue);
      const rollup = rollupOf(sorted, asOf, 30);
      if (values.json) {
        printJson(io, {
          unit: unit.value,
          asOf: chinaDate(asOf),
          rollup,
          items: sorted.map((r) => ({
            ...r.progress,
            itemId: r.itemId,
            taskId: r.taskId,
            taskTitle: r.taskTitle,
            label: r.label,
            role: r.role,
            due: r.due,
            daysLeft: daysLeft(r.due, asOf),
            deadline: deadlineState(r.due, r.progress.status, asOf),
          })),
        });
        return 0;
      }
      io.stdout(
        `${unit.value.jurisdiction} ${unit.value.name} · ${t("asOf")} ${chinaDate(asOf)} · ${t("done")} ${rollup.total > 0 ? `${rollup.percentComplete}%` : "—"} · ${t("overdue")} ${rollup.overdue}\n`,
      );
      io.stdout(
        renderTable(
          [{ header: t("item") }, { header: t("due") }, { header: "" }, { header: t("status") }, { header: "%", align: "right" }, { header: t("task") }],
          sorted.map((r) => {
            return [
              r.itemId,
              r.due,
              daysText(r.due, r.progress.status, asOf, t, 30),
              statusLabel(r.progress.status, lang),
              String(r.progress.percent),
              r.milestoneIndex === null ? r.taskTitle : `${r.taskTitle}: ${r.label}`,
            ];
          }),
        ),
      );
      return 0;
    });
  },
};
