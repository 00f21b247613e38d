import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = { ...SOURCE_OPTIONS, "as-of": { type: "string" }, history: { type: "string" } } as const;

const HELP = `Usage: taizhang task ID [options]

Shows one task in full: where it sits, its units, each unit's progress on each
item, milestones, targets, the full text and recent history.
  ID               a task id, e.g. chengdu-2015/12
  --as-of DATE     judge overdue as of this date (YYYY-MM-DD, China); default today
  --history N      how many history entries to show (default 10)

${SOURCE_HELP}
`;

export const taskCommand: Command = {
  name: "task",
  summary: "show one task with its progress and history",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "task");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length !== 1) return usageError(io, "give exactly one task id", "task");
    const { daysLeft, deadlineState, TaskIdSchema } = await import("@taizhang/core");
    const { statusLabel } = await import("../../ui/i18n.js");
    const { chinaTime, daysText, unitName } = await import("../../ui/screens/format.js");
    const { historyChanges } = await import("../../ui/screens/history-changes.js");
    const { rollupOf } = await import("../../ui/screens/rollups.js");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const { parseAsOf } = await import("../ledger/parse-options.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "task");
    const asOf = parseAsOf(values["as-of"], () => new Date());
    if (!asOf) return usageError(io, "--as-of must be a date YYYY-MM-DD", "task");
    const historyLimit = values.history === undefined ? 10 : Number(values.history);
    if (!Number.isInteger(historyLimit) || historyLimit < 0) return usageError(io, "--history must be a whole number", "task");
    const taskId = TaskIdSchema.safeParse(positionals[0]);
    if (!taskId.success) {
      io.stderr(`taizhang task: ${positionals[0]} is not a task id (e.g. chengdu-2015/12)\n`);
      return EXIT_CODES.invalid;
    }
    const t = cliTranslator(lang);
    return withSource(values, io, "task", async (ds) => {
      const found = unwrap(io, await ds.getTask(taskId.data, historyLimit), "task");
      if (!found.ok) return found.code;
      const { task, plan, rows, history } = found.value;
      const rollup = rollupOf(rows, asOf, 30);
      if (values.json) {
        printJson(io, {
          task,
          plan: { id: plan.id, title: plan.title },
          rollup,
          progress: rows.map((r) => ({
            ...r.progress,
            itemId: r.itemId,
            kind: r.kind,
            label: r.label,
            due: r.due,
            unitId: r.unitId,
            role: r.role,
            daysLeft: daysLeft(r.due, asOf),
            deadline: deadlineState(r.due, r.progress.status, asOf),
          })),
          history,
        });
        return 0;
      }
      const part = plan.parts.find((x) => x.number === task.partNumber);
      const section = part?.sections.find((s) => s.number === task.sectionNumber);
      const out: string[] = [
        `${task.id}  ${task.title}`,
        `${plan.title}${part ? ` › ${part.ordinal}、${part.title}` : ""}${section ? ` › ${section.ordinal}${section.title}` : ""}`,
        `${t("lead")}: ${task.lead.map(unitName).join("、") || t("none")}`,
        `${t("responsible")}: ${task.responsible.map(unitName).join("、") || t("none")}`,
        "",
        `${t("progress")} (${t("done")} ${rollup.total > 0 ? `${rollup.percentComplete}%` : "—"}, ${t("overdue")} ${rollup.overdue})`,
      ];
      io.stdout(`${out.join("\n")}\n`);
      if (rows.length === 0) io.stdout(`  ${t("noUnits")}\n`);
      else
        io.stdout(
          renderTable(
            [{ header: t("item") }, { header: t("due") }, { header: "" }, { header: t("unit") }, { header: t("status") }, { header: "%", align: "right" }, { header: "v", align: "right" }, { header: t("addNote") }],
            rows.map((r) => {
              return [
                r.itemId,
                r.due,
                daysText(r.due, r.progress.status, asOf, t, 30),
                unitName(r.unitId) + (r.role === "lead" ? "*" : ""),
                statusLabel(r.progress.status, lang),
                String(r.progress.percent),
                String(r.progress.version),
                r.progress.note,
              ];
            }),
          ),
        );
      const more: string[] = ["", `${t("milestones")} (${task.milestones.length})`];
      for (const m of task.milestones) more.push(`  ${m.index}. ${m.due} ${m.phrase}: ${m.clause}`);
      more.push("", `${t("targets")} (${task.targets.length})`);
      for (const x of task.targets) more.push(`  ${x.index}. ${x.phrase}${x.due ? ` (${x.due})` : ""}`);
      more.push("", t("text"), `  ${task.text}`, "", `${t("history")} (${history.length})`);
      // Every field an entry changed (as the TUI shows it), not only the status: a note written on a blocked line is not "受阻 → 受阻".
      for (const h of history) {
        const [first = t("noChange"), ...rest] = historyChanges(h, lang);
        more.push(`  ${chinaTime(h.at)} ${h.actor} ${h.itemId} ${unitName(h.unitId)}: ${first}${h.note ? ` (${h.note})` : ""}`);
        for (const change of rest) more.push(`      ${change}`);
      }
      io.stdout(`${more.join("\n")}\n`);
      return 0;
    });
  },
};
