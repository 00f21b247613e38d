import { PROGRESS_STATUSES, THEMES, type PlanId, type PlanSummary, type ProgressStatus, type ThemeId } from "@taizhang/core";
import type { ProgressRow, TaskQuery } from "../../data/data-source.js";

/** What is drawn over the current screen and takes the keys while open. */
export type Overlay =
  | { kind: "help" }
  | { kind: "search"; value: string }
  | { kind: "note"; target: ProgressRow; value: string }
  | { kind: "person"; target: ProgressRow; value: string }
  | { kind: "status"; target: ProgressRow; cursor: number }
  | { kind: "filter"; draft: TaskQuery; cursor: number; editing: FilterEditing | null };

export type FilterEditing =
  | { field: "plan"; cursor: number }
  | { field: "status"; cursor: number }
  | { field: "theme"; cursor: number }
  | { field: "unit"; value: string };

export const FILTER_FIELDS = ["plan", "unit", "status", "theme", "overdue", "apply", "clear"] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The status picker offers the five statuses in the order of work. */
export const STATUS_CHOICES: readonly ProgressStatus[] = PROGRESS_STATUSES;

/** The plan picker: "any plan" first, then each plan. */
export function planChoices(plans: readonly PlanSummary[]): Array<PlanId | null> {
  return [null, ...plans.map((p) => p.id)];
}

/** The status filter picker: "any status" first. */
export const STATUS_FILTER_CHOICES: ReadonlyArray<ProgressStatus | null> = [null, ...PROGRESS_STATUSES];

/** The theme filter picker: "any theme" first, then the outline's themes (sub-themes after their parent). */
export const THEME_FILTER_CHOICES: ReadonlyArray<ThemeId | null> = [null, ...THEMES.map((t) => t.id)];

/** The 责任人 prompt's text: "姓名，职务，联系方式" (post and contact may be left out). */
export function personPromptText(person: ProgressRow["progress"]["responsiblePerson"]): string {
  return person ? [person.name, person.post ?? "", person.contact ?? ""].join("，").replace(/，+$/, "") : "";
}

/** Reads the prompt back: an empty line names no one. Commas (，or ,) separate name, post and contact. */
export function parsePersonPrompt(text: string): ProgressRow["progress"]["responsiblePerson"] {
  const [name = "", post = "", ...rest] = text.split(/[,，]/).map((part) => part.trim());
  const contact = rest.join("，").trim();
  if (name === "") return null;
  return { name, post: post === "" ? null : post, contact: contact === "" ? null : contact };
}
