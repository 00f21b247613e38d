import type { ChecklistItemId, ProgressPatch } from "@taizhang/core";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS, STATUS_CHOICES_TEXT } from "../ledger/source-options.js";
import { printJson, reportError, unitOrOwn, unwrap, usageError, withSource } from "../ledger/with-source.js";

const OPTIONS = {
  ...SOURCE_OPTIONS,
  unit: { type: "string" },
  status: { type: "string" },
  note: { type: "string" },
  percent: { type: "string" },
  person: { type: "string" },
  post: { type: "string" },
  contact: { type: "string" },
  comment: { type: "string" },
} as const;

const HELP = `Usage: taizhang set ITEM [--unit NAME] [--status S] [--note TEXT] [--percent N] [--person NAME [--post P] [--contact C]] [options]

Records progress on one checklist item for one unit. Reads the current
version and writes with it, so a change made in between is reported as a
conflict (exit 5) instead of being overwritten. On a server this needs a
token whose unit (or admin role) may change the item; on the embedded store
the change is recorded as made by "cli".
  ITEM             a checklist item id (chengdu-2015/12#m1), or a task id for the task as a whole
  --unit NAME      the unit whose progress this is (name, alias or id); with an office token,
                   its own unit when not given
  --status S       ${STATUS_CHOICES_TEXT}
  --note TEXT      the progress note (进展说明)
  --percent N      percent complete, 0-100
  --person NAME    the responsible person (责任人) for this item in this unit; --person "" names no one
  --post P         their post (职务), with --person
  --contact C      their telephone or e-mail (联系方式), with --person
  --comment TEXT   a remark on this change, kept in history
At least one of --status, --note, --percent and --person is needed.

${SOURCE_HELP}
`;

/** "chengdu-2015/12#m1" as it is; "chengdu-2015/12" means "chengdu-2015/12#task". */
async function parseItem(text: string): Promise<ChecklistItemId | null> {
  const { ChecklistItemIdSchema, TaskIdSchema } = await import("@taizhang/core");
  const item = ChecklistItemIdSchema.safeParse(text);
  if (item.success) return item.data;
  const task = TaskIdSchema.safeParse(text);
  return task.success ? ChecklistItemIdSchema.parse(`${task.data}#task`) : null;
}

export const setCommand: Command = {
  name: "set",
  summary: "record progress on an item for a unit (status, note, percent)",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "set");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length !== 1) return usageError(io, "give exactly one item id", "set");
    if ((values.post !== undefined || values.contact !== undefined) && values.person === undefined) {
      return usageError(io, "--post and --contact go with --person", "set");
    }
    if (values.status === undefined && values.note === undefined && values.percent === undefined && values.person === undefined) {
      return usageError(io, "give at least one of --status, --note, --percent and --person", "set");
    }
    const { ProgressPatchSchema } = await import("@taizhang/core");
    const { statusLabel } = await import("../../ui/i18n.js");
    const { cliLang } = await import("../ledger/cli-context.js");
    const { parseStatus } = await import("../ledger/parse-options.js");
    const lang = cliLang(values.lang);
    if (!lang) return usageError(io, "--lang must be zh or en", "set");
    const itemId = await parseItem(positionals[0] ?? "");
    if (!itemId) {
      io.stderr(`taizhang set: ${positionals[0]} is not an item id (e.g. chengdu-2015/12#m1) or a task id\n`);
      return EXIT_CODES.invalid;
    }
    const patch: ProgressPatch = {};
    if (values.status !== undefined) {
      const status = parseStatus(values.status);
      if (!status) {
        io.stderr(`taizhang set: unknown status ${values.status}; one of ${STATUS_CHOICES_TEXT}\n`);
        return EXIT_CODES.invalid;
      }
      patch.status = status;
    }
    if (values.note !== undefined) patch.note = values.note;
    if (values.percent !== undefined) {
      const percent = Number(values.percent);
      if (!/^\d+$/.test(values.percent.trim()) || percent > 100) {
        io.stderr(`taizhang set: --percent must be a whole number from 0 to 100\n`);
        return EXIT_CODES.invalid;
      }
      patch.percent = percent;
    }
    if (values.person !== undefined) {
      const name = values.person.trim();
      patch.responsiblePerson = name === "" ? null : { name, post: values.post?.trim() || null, contact: values.contact?.trim() || null };
    }
    const checked = ProgressPatchSchema.safeParse(patch);
    if (!checked.success) {
      io.stderr(`taizhang set: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}\n`);
      return EXIT_CODES.invalid;
    }
    return withSource(values, io, "set", async (ds) => {
      const unitArg = await unitOrOwn(io, ds, values.unit, "set");
      if (!unitArg.ok) return unitArg.code;
      const unit = unwrap(io, await ds.resolveUnit(unitArg.value), "set");
      if (!unit.ok) return unit.code;
      const written = await ds.updateProgress({ itemId, unitId: unit.value.id, patch: checked.data, comment: values.comment ?? null });
      if (!written.ok) {
        const { current } = written.error;
        const now = current ? `; it is now version ${current.version}, ${statusLabel(current.status, "en")} ${current.percent}%` : "";
        return reportError(io, { ...written.error, message: `${written.error.message}${now}` }, "set");
      }
      const pr = written.value;
      if (values.json) printJson(io, pr);
      else {
        const person = pr.responsiblePerson ? `  ${[pr.responsiblePerson.name, pr.responsiblePerson.post, pr.responsiblePerson.contact].filter(Boolean).join(" · ")}` : "";
        io.stdout(`${pr.itemId}  ${unit.value.name}  ${statusLabel(pr.status, lang)}  ${pr.percent}%  v${pr.version}${person}${pr.note ? `  ${pr.note}` : ""}\n`);
      }
      return 0;
    });
  },
};
