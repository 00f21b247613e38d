import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { Ledger, LedgerError } from "@taizhang/store";
import type { CliIo } from "../command.js";
import { EXIT_CODES } from "../../data/data-result.js";
import type { Said } from "../../data/problem-messages.js";

// Light on purpose: the store package is imported only when a store is opened.

/** Options of the commands that work on the store itself (backup, restore), never through a server. */
export const STORE_OPTIONS = {
  data: { type: "string" },
  "database-url": { type: "string" },
  // Accepted only to be refused with a clear message: a server cannot be backed up from afar.
  api: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export const STORE_HELP = `Which store (the store itself, never a server: run this where the store is):
  --data DIR            the embedded SQLite store in DIR (or TAIZHANG_DATA; default ./data);
                        backup needs the folder to exist, restore creates it
  --database-url URL    a PostgreSQL store (or DATABASE_URL, used when --data is not given)
Output:
  --json                the counts as JSON
  -h, --help            this help`;

export type StoreTarget = { kind: "sqlite"; dir: string } | { kind: "postgres"; url: string };

/** Where the flags and environment point; a message when they point at a server or at two stores. */
export function chooseStore(
  values: { data?: string | undefined; "database-url"?: string | undefined; api?: string | undefined; token?: string | undefined },
  io: CliIo,
  command: string,
): { ok: true; target: StoreTarget } | { ok: false; message: string } {
  if (values.api !== undefined || values.token !== undefined) {
    return {
      ok: false,
      message: `${command} works on the store itself, not through a server (--api): run it where the store is, with --data DIR or --database-url URL`,
    };
  }
  if (values.data !== undefined && values["database-url"] !== undefined) return { ok: false, message: "give --data or --database-url, not both" };
  const url = values["database-url"] ?? (values.data === undefined ? process.env.DATABASE_URL?.trim() : undefined);
  if (url) {
    if (!/^postgres(?:ql)?:\/\//.test(url)) return { ok: false, message: "the database URL must be a postgres:// or postgresql:// URL" };
    return { ok: true, target: { kind: "postgres", url } };
  }
  return { ok: true, target: { kind: "sqlite", dir: resolve(io.cwd, values.data ?? process.env.TAIZHANG_DATA ?? "./data") } };
}

/** Names a store for messages, without a password that may be in its URL. */
export function describeStore(target: StoreTarget): string {
  if (target.kind === "sqlite") return target.dir;
  try {
    const url = new URL(target.url);
    url.password = "";
    return url.toString();
  } catch {
    return "the PostgreSQL database";
  }
}

/**
 * Why an embedded store's folder cannot be opened by a command that must not
 * create a store (all but `taizhang restore` and the server), for the
 * catalogue to say (with what else to give, `orElse`), or null when it is a
 * folder. A folder that does not exist is refused, never made into a new
 * empty store.
 */
export function missingStoreFolder(dir: string, orElse: Extract<Said, { key: "noStoreFolder" }>["orElse"] = null): Extract<Said, { key: "noStoreFolder" }> | null {
  let isFile: boolean;
  try {
    if (statSync(dir).isDirectory()) return null;
    isFile = true;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR"))) throw error;
    isFile = false;
  }
  return { key: "noStoreFolder", dir, isFile, orElse };
}

/**
 * Opens (and migrates) the store as it is: unlike the other commands, no
 * built-in plans are loaded into a new store, so a restore finds it empty.
 */
export async function openStore(target: StoreTarget): Promise<Ledger> {
  const { openLedger } = await import("@taizhang/store");
  return target.kind === "postgres" ? openLedger({ databaseUrl: target.url }) : openLedger({ dataDir: target.dir });
}

/** The exit code of a store refusal (docs/cli.md). */
export function exitCodeOfLedgerError(error: LedgerError): number {
  switch (error.code) {
    case "not_found":
      return EXIT_CODES.not_found;
    case "forbidden":
      return EXIT_CODES.forbidden;
    case "conflict":
    case "stale_version":
      return EXIT_CODES.conflict;
    case "invalid":
      return EXIT_CODES.invalid;
  }
}
