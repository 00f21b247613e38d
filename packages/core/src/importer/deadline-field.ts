import { isoDate, lastDayOfMonth } from "../domain/calendar.js";
import type { DeadlineRule, Milestone } from "../model/milestone.js";
import { extractMilestones } from "./milestones.js";
import { DEADLINE_FIELD } from "./units.js";

// A 完成时限 value is a deadline by its label: "2022年12月" or "2022年" need no 前 there.
const FIELD_DATE = new RegExp(
  [
    "(?<range>(?<from>[12]\\d{3})\\s*年?\\s*[-—–~～至到]\\s*(?<to>[12]\\d{3})\\s*年?)",
    "(?<ymd>(?<y1>[12]\\d{3})\\s*[年.\\-/]\\s*(?<m1>1[0-2]|0?[1-9])\\s*[月.\\-/]\\s*(?<d1>3[01]|[12]\\d|0?[1-9])(?!\\d)\\s*[日号]?)",
    "(?<ym>(?<y2>[12]\\d{3})\\s*[年.\\-/]\\s*(?<m2>1[0-2]|0?[1-9])(?!\\d)\\s*月?)",
    "(?<y>(?<y3>[12]\\d{3})\\s*年)",
  ].join("|"),
  "gu",
);

function fieldDate(value: string): { phrase: string; due: string; rule: DeadlineRule }[] {
  const found: { phrase: string; due: string; rule: DeadlineRule }[] = [];
  for (const m of value.matchAll(FIELD_DATE)) {
    const g = m.groups ?? {};
    const phrase = m[0].trim();
    if (g["range"] !== undefined) {
      found.push({ phrase, due: isoDate(Number(g["to"]), 12, 31), rule: "by-year" });
    } else if (g["ymd"] !== undefined) {
      const [year, month, day] = [Number(g["y1"]), Number(g["m1"]), Number(g["d1"])];
      if (day <= lastDayOfMonth(year, month)) found.push({ phrase, due: isoDate(year, month, day), rule: "exact-date" });
    } else if (g["ym"] !== undefined) {
      const [year, month] = [Number(g["y2"]), Number(g["m2"])];
      found.push({ phrase, due: isoDate(year, month, lastDayOfMonth(year, month)), rule: "end-of-month" });
    } else if (g["y"] !== undefined) {
      found.push({ phrase, due: isoDate(Number(g["y3"]), 12, 31), rule: "end-of-year" });
    }
  }
  return found;
}

/**
 * A task's milestones: those of its text (extractMilestones), then those of a
 * 完成时限/完成时间/时间要求 line (a task table's column), where a date is a
 * deadline by its label — "2022年12月" is 2022-12-31, "2022年" Dec 31,
 * "2021—2025年" the end of 2025 — and governs the whole task (its title) unless
 * the value says what is due ("2021年6月底前完成制度建设"). Never throws.
 */
export function taskMilestones(text: string, title: string): Milestone[] {
  const lines = text.split("\n");
  const values = lines.map((line) => DEADLINE_FIELD.exec(line)?.groups?.["value"]?.trim() ?? null);
  const prose = lines.filter((_, i) => values[i] === null).join("\n");
  const milestones: Omit<Milestone, "index">[] = extractMilestones(prose);
  for (const value of values) {
    if (value === null || value === "") continue;
    const stated = extractMilestones(value);
    if (stated.length > 0) {
      for (const m of stated) {
        // A clause that is only the date says nothing the title does not.
        const said = m.clause.replace(m.phrase, "").replace(/[\s,，、;；:：。完成]/gu, "");
        milestones.push({ ...m, clause: /\p{Script=Han}/u.test(said) ? m.clause : title });
      }
      continue;
    }
    for (const d of fieldDate(value)) milestones.push({ phrase: d.phrase, clause: title, due: d.due, rule: d.rule, yearInferred: false });
  }
  return milestones.map((m, i) => ({ ...m, index: i + 1 }) as Milestone);
}
