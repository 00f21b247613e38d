import { render } from "ink";
import type { CliIo } from "../cli/command.js";
import { cliLang } from "../cli/ledger/cli-context.js";
import { parseAsOf, parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS } from "../cli/ledger/parse-options.js";
import { openSource, reportError, usageError } from "../cli/ledger/with-source.js";
import { EXIT_CODES } from "../data/data-result.js";
import { App } from "./app/app.js";

const OPTIONS = { ...SOURCE_OPTIONS, unit: { type: "string" }, "as-of": { type: "string" }, within: { type: "string" } } as const;

export const UI_HELP = `Usage: taizhang [ui] [--unit NAME] [--as-of DATE] [--lang zh|en] [options]

The interactive terminal UI: plans → parts and sections → tasks → a task in
full; "my checklist" for a unit; the overdue and due-soon list. Press ? in
the UI for every key. Needs a terminal.
  --unit NAME      the unit of "my checklist" (key 2); default: the office token's unit
  --as-of DATE     judge deadlines as of this date (YYYY-MM-DD, China); default today
  --within DAYS    "due soon" means due within this many days (default 30)

${SOURCE_HELP.replace("  --json           JSON instead of a table\n", "")}
`;

// The alternate screen keeps the user's scrollback as it was once the UI quits.
const ENTER_ALT_SCREEN = "\u001B[?1049h\u001B[H";
const LEAVE_ALT_SCREEN = "\u001B[?1049l";

/** Starts the Ink UI on the process's terminal; resolves to the exit code when the user quits. */
export async function runUi(args: readonly string[], io: CliIo): Promise<number> {
  const p = parseCommandArgs(args, OPTIONS);
  if (!p.ok) return usageError(io, p.message, "ui");
  const { values, positionals } = p.parsed;
  if (values.help) {
    io.stdout(UI_HELP);
    return 0;
  }
  if (positionals.length > 0) return usageError(io, `unexpected argument ${positionals[0]}`, "ui");
  const lang = cliLang(values.lang);
  if (!lang) return usageError(io, "--lang must be zh or en", "ui");
  const asOf = parseAsOf(values["as-of"], () => new Date());
  if (!asOf) return usageError(io, "--as-of must be a date YYYY-MM-DD", "ui");
  const within = values.within === undefined ? 30 : Number(values.within);
  if (!Number.isInteger(within) || within < 0) return usageError(io, "--within must be a whole number of days", "ui");
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    io.stderr("taizhang: the interactive UI needs a terminal; for scripts use the subcommands (taizhang --help)\n");
    return EXIT_CODES.usage;
  }
  const opened = await openSource(values, io, "tui");
  if (!opened.ok) return reportError(io, opened.error);
  const ds = opened.value;
  process.stdout.write(ENTER_ALT_SCREEN);
  try {
    const instance = render(<App ds={ds} asOf={asOf} lang={lang} unit={values.unit ?? null} dueSoonDays={within} />, { exitOnCtrlC: true });
    await instance.waitUntilExit();
    return EXIT_CODES.ok;
  } finally {
    process.stdout.write(LEAVE_ALT_SCREEN);
    await ds.close();
  }
}
