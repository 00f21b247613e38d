import { daysLeft, deadlineState, type DeadlineState, type ProgressStatus, type UnitId } from "@taizhang/core";
import type { Translate } from "../i18n.js";
import type { Segment } from "./screen-types.js";

/** The office's name without its jurisdiction: "成都市:市委编办" → "市委编办". */
export function unitName(id: UnitId | string): string {
  const i = id.indexOf(":");
  return i < 0 ? id : id.slice(i + 1);
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2016-11-01 12:00": a stored ISO timestamp as a China clock reads it (deadlines are China dates too). */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

const STATE_COLORS: Record<DeadlineState, Segment["color"]> = {
  overdue: "red",
  "due-soon": "yellow",
  open: undefined,
  closed: "green",
};

export function stateColor(state: DeadlineState): Segment["color"] {
  return STATE_COLORS[state];
}

/** "逾期12天" / "剩5天" / "今天到期" for open items; empty for closed ones. */
export function daysText(due: string, status: ProgressStatus, asOf: Date, t: Translate, dueSoonDays: number): string {
  const state = deadlineState(due, status, asOf, dueSoonDays);
  if (state === "closed") return "";
  const left = daysLeft(due, asOf);
  if (left < 0) return t("daysOverdue", { n: -left });
  if (left === 0) return t("dueToday");
  return t("daysLeft", { n: left });
}

const STATE_RANK: Record<DeadlineState, number> = { overdue: 3, "due-soon": 2, open: 1, closed: 0 };

/** The most pressing of several deadline states (overdue beats due-soon beats open beats closed). */
export function worstState(states: readonly DeadlineState[]): DeadlineState | null {
  let worst: DeadlineState | null = null;
  for (const s of states) if (worst === null || STATE_RANK[s] > STATE_RANK[worst]) worst = s;
  return worst;
}
