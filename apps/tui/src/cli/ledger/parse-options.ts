import { IsoDateSchema, PROGRESS_STATUS_LABELS, PROGRESS_STATUSES, type ProgressStatus } from "@taizhang/core";

export { parseCommandArgs, SOURCE_HELP, SOURCE_OPTIONS, STATUS_CHOICES_TEXT, type ParsedArgs } from "./source-options.js";

/** A status given as its code (in_progress), its Chinese label (进行中) or its English label (in progress). */
export function parseStatus(text: string): ProgressStatus | null {
  const t = text.trim().toLowerCase().replace(/[\s-]+/g, "_");
  for (const s of PROGRESS_STATUSES) {
    const labels = PROGRESS_STATUS_LABELS[s];
    if (t === s || t === labels.zh || t === labels.en.toLowerCase().replace(/\s+/g, "_")) return s;
  }
  return null;
}

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
