import { parseArgs, type ParseArgsConfig } from "node:util";
import {
  IsoDateSchema,
  PROGRESS_STATUS_LABELS,
  PROGRESS_STATUSES,
  type ProgressStatus,
} from "@taizhang/core";

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
  --data DIR       the embedded store's directory (or TAIZHANG_DATA; default ./data); implies --local
  --local          use the embedded store even when a server is running
Output:
  --json           JSON instead of a table
  --lang zh|en     labels in Chinese (default) or English
  -h, --help       this help`;

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

/** A status given as its code (in_progress), its Chinese label (进行中) or its English label (in progress). */
export function parseStatus(text: string): ProgressStatus | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, "_");
  for (const s of PROGRESS_STATUSES) {
    const labels = PROGRESS_STATUS_LABELS[s];
    if (t === s || t === labels.zh || t === labels.en.toLowerCase().replace(/\s+/g, "_")) return s;
  }
  return null;
}

export const STATUS_CHOICES_TEXT = PROGRESS_STATUSES.map((s) => `${s} (${PROGRESS_STATUS_LABELS[s].zh})`).join(", ");

/**
 * "Today" for deadlines: the given China calendar date (noon there, so that
 * core's China-date reading gives back the same day), or now.
 */
export function parseAsOf(text: string | undefined, now: () => Date): Date | null {
  if (text === undefined) return now();
  const date = IsoDateSchema.safeParse(text);
  if (!date.success) return null;
  return new Date(`${date.data}T12:00:00+08:00`);
}
