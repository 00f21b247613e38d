import type { IsoDate } from "../model/ids.js";

/**
 * Calendar arithmetic on `YYYY-MM-DD` dates. Deadlines in the plans are
 * calendar days in China, so "today" is the date in China Standard Time
 * (UTC+8, no daylight saving) of the `asOf` instant passed in.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isoDate(year: number, month: number, day: number): IsoDate {
  const y = String(year).padStart(4, "0");
  const m = String(month).padStart(2, "0");
  const d = String(day).padStart(2, "0");
  return `${y}-${m}-${d}` as IsoDate;
}

/** The last day of a month (1-12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * An instant (an ISO timestamp as the store keeps it, in UTC) as China's wall-clock time with its offset written out,
 * `2026-12-05T03:28:53+08:00`: what exports write where a time is text, so it reads as the UI shows it and still
 * names one instant. Text that is no timestamp is returned as it is.
 */
export function chinaTimeText(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The calendar date in China of an instant. */
export function chinaDate(asOf: Date): IsoDate {
  if (Number.isNaN(asOf.getTime())) throw new RangeError("asOf is not a valid date");
  const shifted = new Date(asOf.getTime() + CHINA_OFFSET_MS);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: string, days: number): IsoDate {
  const t = new Date((dayNumber(date) + days) * DAY_MS);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
