import type { LedgerRow } from "@taizhang/core";

/** RFC 5545 text escaping: backslash, semicolon, comma and line breaks. */
function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets (never inside a UTF-8 sequence), continuation lines starting with a space. */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

const basicDate = (iso: string) => iso.replaceAll("-", "");
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const stamp = (instant: Date) => `${instant.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;

export interface IcsOptions {
  /** The calendar's name, e.g. 成都市法治政府建设规划 · 市政府法制办. */
  name: string;
  /** When the feed was made (DTSTAMP). */
  now: Date;
}

/**
 * The due dates of ledger rows as an iCalendar feed a calendar can subscribe
 * to: one all-day event per (item, unit) on its due date. UIDs are stable
 * (item and unit), so a changed due date updates the event rather than adding
 * one; SEQUENCE follows the row's version so clients take the newer one.
 */
export function ledgerIcs(rows: readonly LedgerRow[], options: IcsOptions): string {
  return `${icsHeader(options)}${rows.map((row) => icsEvent(row, options)).join("")}${icsFooter()}`;
}

const folded = (lines: readonly string[]) => lines.map((line) => `${fold(line)}\r\n`).join("");

/** The calendar's opening lines, folded, each with its CRLF. */
export function icsHeader(options: IcsOptions): string {
  return folded([
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Taizhang//台账//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(options.name)}`,
    "X-WR-TIMEZONE:Asia/Shanghai",
  ]);
}

/** One row's event, folded, each line with its CRLF. */
export function icsEvent(row: LedgerRow, options: IcsOptions): string {
  const what = row.item === "整项任务" ? row.taskTitle : row.item;
  return folded([
    "BEGIN:VEVENT",
    `UID:${escapeText(`${row.itemId}|${row.unitId}`)}@taizhang`,
    `DTSTAMP:${stamp(options.now)}`,
    `SEQUENCE:${row.version}`,
    `DTSTART;VALUE=DATE:${basicDate(row.due)}`,
    `DTEND;VALUE=DATE:${basicDate(nextDay(row.due))}`,
    `SUMMARY:${escapeText(`【${row.unit}】${what}`)}`,
    `DESCRIPTION:${escapeText([`${row.planTitle} · ${row.taskNumber}. ${row.taskTitle}`, row.section, `牵头单位: ${row.leadUnits || "—"}`, `责任单位: ${row.responsibleUnits || "—"}`].filter(Boolean).join("\n"))}`,
    `CATEGORIES:${escapeText(row.planId)}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
  ]);
}

export const icsFooter = (): string => folded(["END:VCALENDAR"]);
