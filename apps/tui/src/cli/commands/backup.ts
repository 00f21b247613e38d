import { resolve } from "node:path";
import type { BackupSummary, Ledger } from "@taizhang/store";
import { CliError } from "../cli-error.js";
import type { CliIo, Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { EXIT } from "../exit-codes.js";
import { checkOutputFile, inputFileError, outputFileError, STDOUT } from "../files.js";
import { parseCommandArgs } from "../ledger/source-options.js";
import { problemText } from "../../data/problem-messages.js";
import { chooseStore, describeStore, exitCodeOfLedgerError, missingStoreFolder, openStore, STORE_HELP, STORE_OPTIONS, type StoreTarget } from "../ledger/store-options.js";
import { printJson, usageError } from "../ledger/with-source.js";

const HELP = `Usage: taizhang backup FILE [--data DIR | --database-url URL] [--json]

Writes everything in the store to FILE: plans, parts and sections, units and
their aliases, tasks, milestones, targets, the checklist, progress, the whole
history and the tokens (as their hashes; no secret is ever stored). One
consistent snapshot, so the server may keep running. FILE is a versioned
NDJSON file, gzip-compressed when its name ends in .gz; it appears only once
complete. FILE - writes the backup (plain NDJSON) to standard output, and the
counts to standard error. \`taizhang restore FILE\` brings it back, on SQLite or
PostgreSQL. See docs/backup.md.

${STORE_HELP}
`;

/** The per-table counts of a backup or restore, as a table for the terminal. */
export async function countsTable(rows: BackupSummary["rows"]): Promise<string> {
  const { renderTable } = await import("../ledger/render-table.js");
  const format = (n: number) => n.toLocaleString("en-US");
  return renderTable(
    [{ header: "table" }, { header: "rows", align: "right" }],
    Object.entries(rows).map(([table, n]) => [table, format(n)]),
  );
}

/**
 * Opens the store, runs `work` on it and closes it: what backup and restore
 * share. A store that cannot be opened and a failure of `work` are reported
 * as one line each, with their exit codes.
 */
export async function withStoreFor(
  io: CliIo,
  command: "backup" | "restore",
  target: StoreTarget,
  file: string,
  work: (ledger: Ledger) => Promise<number>,
): Promise<number> {
  let ledger: Ledger;
  try {
    ledger = await openStore(target);
  } catch (error) {
    io.stderr(`taizhang ${command}: cannot open the store in ${describeStore(target)}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CODES.unavailable;
  }
  try {
    return await work(ledger);
  } catch (error) {
    return reportStoreFailure(io, command, file, error);
  } finally {
    await ledger.close();
  }
}

/** Reports a failure of backup or restore as one line; gives the exit code. */
export async function reportStoreFailure(io: CliIo, command: "backup" | "restore", file: string, error: unknown): Promise<number> {
  const { LedgerError } = await import("@taizhang/store");
  if (error instanceof LedgerError) {
    io.stderr(`taizhang ${command}: ${error.message}\n`);
    return exitCodeOfLedgerError(error);
  }
  if (error instanceof CliError) {
    io.stderr(`taizhang ${command}: ${error.message}\n`);
    return error.exitCode;
  }
  // The file system refused (no such folder, no space, no permission): the file named is what could not be written or read.
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  if (typeof code === "string" && code.startsWith("E") && error instanceof Error) {
    const refused = command === "backup" ? outputFileError(error, file, file) : (inputFileError(error, file) ?? new CliError(EXIT.notFound, `cannot read ${file}: ${error.message}`));
    io.stderr(`taizhang ${command}: ${refused.message}\n`);
    return refused.exitCode;
  }
  throw error;
}

export const backupCommand: Command = {
  name: "backup",
  summary: "write everything in the store (plans, progress, history, tokens hashed) to one backup file",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, STORE_OPTIONS);
    if (!p.ok) return usageError(io, p.message, "backup");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return EXIT_CODES.ok;
    }
    const [file, ...extra] = positionals;
    if (file === undefined) return usageError(io, "give the file to write, e.g. taizhang backup ledger-backup.ndjson.gz (or - for standard output)", "backup");
    if (extra.length > 0) return usageError(io, `unexpected ${extra.join(" ")}`, "backup");
    const toStdout = file === STDOUT;
    if (toStdout && values.json) return usageError(io, "--json prints the counts on standard output, which FILE - uses for the backup: leave out --json", "backup");
    const store = chooseStore(values, io, "backup");
    if (!store.ok) return usageError(io, store.message, "backup");
    if (store.target.kind === "sqlite") {
      const missing = missingStoreFolder(store.target.dir);
      if (missing !== null) {
        io.stderr(`taizhang backup: ${problemText({ kind: "unavailable", message: "", said: missing }, io.lang ?? "zh")}\n`);
        return EXIT_CODES.unavailable;
      }
    }
    const path = toStdout ? STDOUT : resolve(io.cwd, file);
    await checkOutputFile(path, file);
    const { backupLedger, backupToFile } = await import("@taizhang/store");

    return withStoreFor(io, "backup", store.target, file, async (ledger) => {
      const summary = toStdout
        ? await backupLedger(ledger, (chunk) => io.stdout(chunk))
        : await backupToFile(ledger, path);
      const where = toStdout ? "standard output" : path;
      if (values.json) printJson(io, { file: path, ...summary });
      else {
        const text = `Backed up ${summary.total.toLocaleString("en-US")} rows from ${describeStore(store.target)} to ${where}\n${await countsTable(summary.rows)}`;
        if (toStdout) io.stderr(text);
        else io.stdout(text);
      }
      return EXIT_CODES.ok;
    });
  },
};
