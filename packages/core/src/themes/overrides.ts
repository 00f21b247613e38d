import type { ThemeId } from "./taxonomy.js";

/** A reviewed correction of the classifier for one task. */
export interface ThemeOverride {
  readonly themes: readonly ThemeId[];
  /** One line: why the rules get this task wrong. */
  readonly reason: string;
}

/**
 * Reviewed overrides, keyed by task id. Each was checked by reading the task;
 * classify-task.test.ts fails when an override no longer changes anything.
 */
export const THEME_OVERRIDES: Readonly<Record<string, ThemeOverride>> = {
  "baotou-2016/24": {
    themes: ["law-enforcement"],
    reason: "重点领域监督 here is 重点领域执法 (food, drugs, work safety), like Chengdu 22 监管; not oversight of government",
  },
};
