/**
 * Calendar dates (`YYYY-MM-DD`) as the page shows them: 2025/06/30 in Chinese,
 * 06/30/2025 in English — what `Intl.DateTimeFormat` gives for a numeric year
 * with two-digit month and day, written out by hand because the first
 * DateTimeFormat a page creates costs 15–50 ms in Chromium (its ICU data is
 * loaded then), and 我的任务 shows a date on every line before anything else
 * needs Intl. format-date.test.ts holds this to Intl's output.
 */
export function formatCalendarDate(lang: "zh-CN" | "en", value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y = "", m = "", d = ""] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  // Not a day of the calendar (2023-02-30, 2023-13-01): shown as written, never shifted to another day.
  const check = new Date(Date.UTC(year, month - 1, day));
  check.setUTCFullYear(year);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return value;
  return lang === "en" ? `${m}/${d}/${year}` : `${year}/${m}/${d}`;
}
