import { CliError } from "./cli-error.js";
import type { CliIo, Command, CommandEntry } from "./command.js";
import { commands } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";
import { cliVersion } from "./version.js";

function globalHelp(table: ReadonlyArray<Command | CommandEntry>): string {
  const width = Math.max(...table.map((c) => c.name.length));
  return [
    "Usage: taizhang <command> [options]",
    "       taizhang --version",
    "",
    "台账 Taizhang: the ledger of a 法治政府建设 plan's tasks, owners and deadlines.",
    "",
    "Commands:",
    ...table.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `taizhang <command> --help` for a command's options.",
    "",
  ].join("\n");
}

const processIo = (): CliIo => ({
  stdout: (chunk) => process.stdout.write(chunk),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});

/** The language of messages: the command's --lang when it is zh or en, else TAIZHANG_LANG, else Chinese. */
function messageLang(args: readonly string[]): "zh" | "en" {
  const at = args.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  const given = at < 0 ? process.env.TAIZHANG_LANG : args[at]?.startsWith("--lang=") ? args[at]?.slice("--lang=".length) : args[at + 1];
  return given === "en" ? "en" : "zh";
}

const isGlobalFlag = (arg: string) => ["--help", "-h", "--version", "-V"].includes(arg);

/**
 * The `taizhang` command line: dispatches to a subcommand and resolves to the
 * exit code. Errors reach the user as one line on stderr, never a stack trace.
 * A table entry is loaded only when its command runs.
 */
export async function main(argv: readonly string[], io: CliIo = processIo(), table: ReadonlyArray<Command | CommandEntry> = commands): Promise<number> {
  const [name, ...args] = argv;
  if ((name === undefined || (name.startsWith("-") && !isGlobalFlag(name))) && process.stdin.isTTY && process.stdout.isTTY && table.some((c) => c.name === "ui")) return main(["ui", ...argv], io, table);
  if (name === undefined) {
    io.stderr(globalHelp(table));
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h") {
    io.stdout(globalHelp(table));
    return EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`taizhang ${cliVersion()}\n`);
    return EXIT.ok;
  }
  if (name === "help") {
    const topic = table.find((c) => c.name === args[0]);
    if (topic === undefined) {
      io.stdout(globalHelp(table));
      return EXIT.ok;
    }
    return main([topic.name, "--help"], io, table);
  }
  io = { ...io, lang: io.lang ?? messageLang(args) };
  const entry = table.find((c) => c.name === name);
  if (entry === undefined) {
    io.stderr(`taizhang: unknown command "${name}" (see taizhang --help)\n`);
    return EXIT.usage;
  }
  try {
    const command = "load" in entry ? await entry.load() : entry;
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`taizhang ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`taizhang ${name}: internal error: ${reason.split("\n")[0] ?? ""}\n`);
    return EXIT.internal;
  }
}
