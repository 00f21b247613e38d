import { resolve } from "node:path";
import type { Command } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import { checkInputFile } from "../files.js";
import { parseCommandArgs } from "../ledger/source-options.js";
import { chooseStore, describeStore, STORE_HELP, STORE_OPTIONS } from "../ledger/store-options.js";
import { printJson, usageError } from "../ledger/with-source.js";
import { countsTable, withStoreFor } from "./backup.js";

const OPTIONS = { ...STORE_OPTIONS, force: { type: "boolean" } } as const;

const HELP = `Usage: taizhang restore FILE [--force] [--data DIR | --database-url URL] [--json]

Restores a backup made by \`taizhang backup\` (plain or .gz) into the store, in
one transaction: all of it or nothing. The store must be empty (a new --data
directory or database is; this command loads no built-in plans), and at the
same migrations as the one backed up. A backup made on SQLite restores into
PostgreSQL and the other way round. The whole file is checked (format,
version, every line, row counts, sha256) before the store is touched. Stop
the server that uses the store first. See docs/backup.md.
  --force               replace everything a store that holds data has
                        (emptied in the same transaction; kept if the restore fails)

${STORE_HELP}
`;

export const restoreCommand: Command = {
  name: "restore",
  summary: "restore a backup file into an empty store (--force replaces a store's contents)",
  help: HELP,
  async run(args, io) {
    const p = parseCommandArgs(args, OPTIONS);
    if (!p.ok) return usageError(io, p.message, "restore");
    const { values, positionals } = p.parsed;
    if (values.help) {
      io.stdout(HELP);
      return EXIT_CODES.ok;
    }
    const [file, ...extra] = positionals;
    if (file === undefined) return usageError(io, "give the backup file to restore", "restore");
    if (extra.length > 0) return usageError(io, `unexpected ${extra.join(" ")}`, "restore");
    const store = chooseStore(values, io, "restore");
    if (!store.ok) return usageError(io, store.message, "restore");
    const path = resolve(io.cwd, file);
    // Checked before the store is opened: a mistyped name should not create an empty store.
    await checkInputFile(path, file);
    const { restoreFromFile } = await import("@taizhang/store");

    return withStoreFor(io, "restore", store.target, file, async (ledger) => {
      const summary = await restoreFromFile(ledger, path, { force: values.force === true });
      if (values.json) printJson(io, { file: path, ...summary });
      else {
        const replaced = Object.values(summary.replaced).reduce((a, b) => a + b, 0);
        io.stdout(
          `Restored ${summary.total.toLocaleString("en-US")} rows (backup of ${summary.createdAt}) from ${path} into ${describeStore(store.target)}` +
            `${replaced > 0 ? `, replacing the ${replaced.toLocaleString("en-US")} rows it held` : ""}\n${await countsTable(summary.rows)}`,
        );
      }
      return EXIT_CODES.ok;
    });
  },
};
