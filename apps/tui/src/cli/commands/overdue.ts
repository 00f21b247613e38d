import type { PlanId } from "@taizhang/core";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import type { ProgressRow } from "../../data/data-source.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = {
  ...SOURCE_OPTIONS,
  "as-of": { type: "string" },
  within: { type: "string" },
  unit: { type: "string" },
  plan: { type: "string" },
} as const;

const HELP = `Usage: taizhang overdue [--as-of DATE] [--within DAYS] [options]

Lists the items that are overdue, then those due within DAYS, as of a date.
An item is overdue once its due day has passed and it is neither done nor
not applicable (the due day itself is not overdue).
  --as-of DATE     as of this date (YYYY-MM-DD, China); default today
  --within DAYS    "due soon" means due within this many days (default 30)
  --unit NAME      only this unit's items
  --plan ID        only this plan's items

${SOURCE_HELP}
`;

export const overdueCommand: Command = {
  name: "overdue",
  summary: "overdue and due-soon items as of a date",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "overdue");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "overdue");
    const { chinaDate, daysLeft, deadlineState, PlanIdSchema } = await import("@taizhang/core");
    const { statusLabel } = await import("../../ui/i18n.js");
    const { unitName } = await import("../../ui/screens/format.js");
    const { byDue } = await import("../../ui/screens/progress-table.js");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const { parseAsOf } = await import("../ledger/parse-options.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "overdue");
    const asOf = parseAsOf(values["as-of"], () => new Date());
    if (!asOf) return usageError(io, "--as-of must be a date YYYY-MM-DD", "overdue");
    const within = values.within === undefined ? 30 : Number(values.within);
    if (!Number.isInteger(within) || within < 0) return usageError(io, "--within must be a whole number of days", "overdue");
    let planId: PlanId | undefined;
    if (values.plan !== undefined) {
      const parsed = PlanIdSchema.safeParse(values.plan);
      if (!parsed.success) {
        io.stderr(`taizhang overdue: ${values.plan} is not a plan id\n`);
        return EXIT_CODES.invalid;
      }
      planId = parsed.data;
    }
    const t = cliTranslator(lang);
    return withSource(values, io, "overdue", async (ds) => {
      const rows = unwrap(io, await ds.progressRows({ ...(planId ? { planId } : {}), ...(values.unit ? { unit: values.unit } : {}) }), "overdue");
      if (!rows.ok) return rows.code;
      const state = (r: ProgressRow) => deadlineState(r.due, r.progress.status, asOf, within);
      const overdue = rows.value.filter((r) => state(r) === "overdue").sort(byDue);
      const soon = rows.value.filter((r) => state(r) === "due-soon").sort(byDue);
      const item = (r: ProgressRow) => ({
        ...r.progress,
        itemId: r.itemId,
        taskId: r.taskId,
        taskTitle: r.taskTitle,
        label: r.label,
        unitId: r.unitId,
        role: r.role,
        due: r.due,
        daysLeft: daysLeft(r.due, asOf),
      });
      if (values.json) {
        printJson(io, { asOf: chinaDate(asOf), within, overdue: overdue.map(item), dueSoon: soon.map(item) });
        return 0;
      }
      const table = (list: ProgressRow[]) =>
        renderTable(
          [{ header: t("due") }, { header: "" }, { header: t("unit") }, { header: t("status") }, { header: t("item") }, { header: t("task") }],
          list.map((r) => {
            const left = daysLeft(r.due, asOf);
            return [
              r.due,
              left < 0 ? t("daysOverdue", { n: -left }) : left === 0 ? t("dueToday") : t("daysLeft", { n: left }),
              unitName(r.unitId),
              statusLabel(r.progress.status, lang),
              r.itemId,
              r.milestoneIndex === null ? r.taskTitle : r.label,
            ];
          }),
        );
      io.stdout(`${t("overdue")} (${overdue.length}) · ${t("asOf")} ${chinaDate(asOf)}\n`);
      if (overdue.length > 0) io.stdout(table(overdue));
      io.stdout(`\n${t("dueSoon")} (${soon.length}, ≤${within})\n`);
      if (soon.length > 0) io.stdout(table(soon));
      return 0;
    });
  },
};
