import { parseArgs, type ParseArgsConfig } from "node:util";

// Light on purpose (node:util only): every command's --help and usage errors come from here without loading core.

/** Options every ledger subcommand takes: where the data is, and how to print. */
export const SOURCE_OPTIONS = {
  api: { type: "string" },
  token: { type: "string" },
  data: { type: "string" },
  local: { type: "boolean" },
  json: { type: "boolean" },
  lang: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

export const SOURCE_HELP = `Data source (default: the server at http://127.0.0.1:8787 when it answers, else the embedded store):
  --api URL        a Taizhang server (or TAIZHANG_API)
  --token TOKEN    bearer token for the server (or TAIZHANG_TOKEN); writing needs one
  --data DIR       the embedded store's directory (or TAIZHANG_DATA; default ./data); implies --local;
                   the directory must exist (the server or \`taizhang restore\` creates a store)
  --local          use the embedded store even when a server is running
Output:
  --json           JSON instead of a table
  --lang zh|en     labels in Chinese (default) or English
  -h, --help       this help`;

/**
 * The statuses as the help texts list them; parse-options.test.ts holds this
 * equal to core's PROGRESS_STATUS_LABELS (written out so that help needs no core).
 */
export const STATUS_CHOICES_TEXT = "not_started (未开始), in_progress (进行中), done (已完成), blocked (受阻), not_applicable (不适用)";

export type ParsedArgs<O extends NonNullable<ParseArgsConfig["options"]>> = ReturnType<typeof parseArgs<{ options: O; args: string[]; strict: true; allowPositionals: true }>>;

/** Parses a subcommand's arguments strictly; a usage problem comes back as its message. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: readonly string[],
  options: O,
): { ok: true; parsed: ParsedArgs<O> } | { ok: false; message: string } {
  try {
    return { ok: true, parsed: parseArgs({ args: [...args], options, strict: true, allowPositionals: true }) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
