import type { Command } from "../command.js";
import type { TaskQuery } from "../../data/data-source.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS, STATUS_CHOICES_TEXT } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = {
  ...SOURCE_OPTIONS,
  plan: { type: "string" },
  unit: { type: "string" },
  status: { type: "string" },
  overdue: { type: "boolean" },
  text: { type: "string" },
  "as-of": { type: "string" },
} as const;

const HELP = `Usage: taizhang tasks [--plan ID] [--unit NAME] [--status S] [--overdue] [--text Q] [options]

Lists tasks, filtered; each with its lead units, percent complete and overdue count.
  --plan ID        only this plan (see 'taizhang plans')
  --unit NAME      only tasks this unit leads or is responsible for (name, alias or id)
  --status S       only tasks with an item in this status: ${STATUS_CHOICES_TEXT}
  --overdue        only tasks with an overdue item
  --text Q         only tasks matching this search (e.g. 行政复议)
  --as-of DATE     judge overdue as of this date (YYYY-MM-DD, China); default today

${SOURCE_HELP}
`;

export const tasksCommand: Command = {
  name: "tasks",
  summary: "list tasks, filtered by plan, unit, status, overdue or text",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "tasks");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "tasks");
    const { PlanIdSchema } = await import("@taizhang/core");
    const { unitName } = await import("../../ui/screens/format.js");
    const { rollupsBy } = await import("../../ui/screens/rollups.js");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const { parseAsOf, parseStatus } = await import("../ledger/parse-options.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "tasks");
    const asOf = parseAsOf(values["as-of"], () => new Date());
    if (!asOf) return usageError(io, "--as-of must be a date YYYY-MM-DD", "tasks");
    const query: TaskQuery = {};
    if (values.plan !== undefined) {
      const planId = PlanIdSchema.safeParse(values.plan);
      if (!planId.success) {
        io.stderr(`taizhang tasks: ${values.plan} is not a plan id (e.g. chengdu-2015)\n`);
        return EXIT_CODES.invalid;
      }
      query.planId = planId.data;
    }
    if (values.status !== undefined) {
      const status = parseStatus(values.status);
      if (!status) {
        io.stderr(`taizhang tasks: unknown status ${values.status}; one of ${STATUS_CHOICES_TEXT}\n`);
        return EXIT_CODES.invalid;
      }
      query.status = status;
    }
    if (values.unit !== undefined) query.unit = values.unit;
    if (values.overdue) query.overdue = true;
    if (values.text !== undefined && values.text.trim() !== "") query.text = values.text.trim();
    const t = cliTranslator(lang);
    return withSource(values, io, "tasks", async (ds) => {
      if (query.planId) {
        const plan = unwrap(io, await ds.getPlan(query.planId), "tasks");
        if (!plan.ok) return plan.code;
      }
      const tasks = unwrap(io, await ds.listTasks(query, asOf), "tasks");
      if (!tasks.ok) return tasks.code;
      const rows = unwrap(io, await ds.progressRows(query.planId ? { planId: query.planId } : {}), "tasks");
      if (!rows.ok) return rows.code;
      const rollups = rollupsBy(rows.value, (r) => r.taskId, asOf, 30);
      if (values.json) {
        printJson(
          io,
          tasks.value.map((task) => ({
            id: task.id,
            planId: task.planId,
            number: task.number,
            title: task.title,
            guarantee: task.guarantee,
            lead: task.lead,
            responsible: task.responsible,
            rollup: rollups.get(task.id) ?? null,
          })),
        );
        return 0;
      }
      io.stdout(
        renderTable(
          [{ header: "ID" }, { header: t("done"), align: "right" }, { header: t("overdue"), align: "right" }, { header: t("lead") }, { header: t("task") }],
          tasks.value.map((task) => {
            const r = rollups.get(task.id);
            return [
              task.id,
              r && r.total > 0 ? `${r.percentComplete}%` : "—",
              String(r?.overdue ?? 0),
              task.lead.map(unitName).join("、") || "—",
              task.title,
            ];
          }),
        ),
      );
      return 0;
    });
  },
};
