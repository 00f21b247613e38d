import { CliError } from "./cli-error.js";
import type { CliIo, Command } from "./command.js";
import { commands } from "./commands/index.js";
import { EXIT } from "./exit-codes.js";

function globalHelp(table: readonly Command[]): string {
  const width = Math.max(...table.map((c) => c.name.length));
  return [
    "Usage: taizhang <command> [options]",
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
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});

/**
 * The `taizhang` command line: dispatches to a subcommand and resolves to the
 * exit code. Errors reach the user as one line on stderr, never a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo = processIo(), table: readonly Command[] = commands): Promise<number> {
  const [name, ...args] = argv;
  if ((name === undefined || (name.startsWith("-") && name !== "--help" && name !== "-h")) && process.stdin.isTTY && process.stdout.isTTY && table.some((c) => c.name === "ui")) return main(["ui", ...argv], io, table);
  if (name === undefined) {
    io.stderr(globalHelp(table));
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h") {
    io.stdout(globalHelp(table));
    return EXIT.ok;
  }
  if (name === "help") {
    const topic = table.find((c) => c.name === args[0]);
    io.stdout(topic?.help ?? globalHelp(table));
    return EXIT.ok;
  }
  const command = table.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`taizhang: unknown command "${name}" (see taizhang --help)\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`taizhang ${command.name}: ${error.message}\n`);
      return error.exitCode;
    }
    const reason = error instanceof Error ? error.message : String(error);
    io.stderr(`taizhang ${command.name}: internal error: ${reason.split("\n")[0] ?? ""}\n`);
    return EXIT.internal;
  }
}
