import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../ledger/source-options.js";
import { printJson, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = { ...SOURCE_OPTIONS, limit: { type: "string" }, "per-plan": { type: "string" } } as const;

const HELP = `Usage: taizhang counterparts TASK_ID [--limit N] [--per-plan N] [options]

Lists the tasks of the other plans that cover the same ground as TASK_ID, most
similar first, with their similarity (0–1, TF-IDF of character bigrams) and the
key terms both tasks use.
  TASK_ID          a task id, e.g. chengdu-2015/9
  --limit N        how many (default 5, at most 50)
  --per-plan N     at most this many from any one plan

${SOURCE_HELP}
`;

export const counterpartsCommand: Command = {
  name: "counterparts",
  summary: "a task's counterparts in the other plans",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "counterparts");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length !== 1) return usageError(io, "give exactly one task id", "counterparts");
    const { TaskIdSchema } = await import("@taizhang/core");
    const { cliLang, cliTranslator } = await import("../ledger/cli-context.js");
    const { renderTable } = await import("../ledger/render-table.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "counterparts");
    const count = (text: string | undefined, name: string): number | undefined | null => {
      if (text === undefined) return undefined;
      const n = Number(text);
      if (Number.isInteger(n) && n >= 1 && n <= 50) return n;
      usageError(io, `--${name} must be a whole number from 1 to 50`, "counterparts");
      return null;
    };
    const limit = count(values.limit, "limit");
    if (limit === null) return EXIT_CODES.usage;
    const perPlan = count(values["per-plan"], "per-plan");
    if (perPlan === null) return EXIT_CODES.usage;
    const taskId = TaskIdSchema.safeParse(positionals[0]);
    if (!taskId.success) {
      io.stderr(`taizhang counterparts: ${positionals[0]} is not a task id (e.g. chengdu-2015/9)\n`);
      return EXIT_CODES.invalid;
    }
    const t = cliTranslator(lang);
    return withSource(values, io, "counterparts", async (ds) => {
      const task = unwrap(io, await ds.getTask(taskId.data, 0), "counterparts");
      if (!task.ok) return task.code;
      const found = unwrap(io, await ds.counterparts(taskId.data, { ...(limit ? { limit } : {}), ...(perPlan ? { perPlan } : {}) }), "counterparts");
      if (!found.ok) return found.code;
      if (values.json) {
        printJson(io, { taskId: taskId.data, title: task.value.task.title, counterparts: found.value });
        return 0;
      }
      io.stdout(`${taskId.data}  ${task.value.task.title}\n${t("counterparts")}\n`);
      io.stdout(
        renderTable(
          [{ header: "ID" }, { header: t("similarity"), align: "right" }, { header: t("task") }, { header: t("sharedTerms") }],
          found.value.map((c) => [c.taskId, c.score.toFixed(2), c.task.title, c.sharedTerms.join("、") || "—"]),
        ),
      );
      return 0;
    });
  },
};
