import type { PlanId, TaskId } from "@taizhang/core";
import type { DataResult } from "../../data/data-result.js";
import type { DataSource, ProgressRow, TaskQuery } from "../../data/data-source.js";
import type { Lang, Translate } from "../i18n.js";

/** Where the user is: one entry of the navigation stack. */
export type ScreenRef =
  | { kind: "plans" }
  | { kind: "plan"; planId: PlanId }
  | { kind: "tasks"; query: TaskQuery }
  | { kind: "task"; taskId: TaskId }
  | { kind: "checklist"; unit: string }
  | { kind: "deadlines" };

/** A run of text in one style; a row is a few of these side by side. */
export interface Segment {
  text: string;
  color?: "red" | "yellow" | "green" | "cyan" | "gray" | "blue" | "magenta";
  bold?: boolean;
  dim?: boolean;
}

/** One line of a screen, already fitted to the width it was built for. */
export interface Row {
  key: string;
  segments: Segment[];
  selectable: boolean;
  /** Where Enter goes. */
  open?: ScreenRef;
  /** What `s` and `n` change. */
  progress?: ProgressRow;
}

/** A loaded screen: its title and a function that lays it out for a width. */
export interface ScreenContent {
  title: string;
  /** The plan the screen is about, so that search and filter stay within it. */
  planId?: PlanId;
  /** The filter the screen shows, when it is a task list. */
  query?: TaskQuery;
  layout(width: number): { header: Row | null; rows: Row[] };
  /** What to say when the screen has no rows: what was asked and what to try (wrapped to the width). */
  empty?: string[];
}

export interface ScreenContext {
  ds: DataSource;
  asOf: Date;
  lang: Lang;
  t: Translate;
  dueSoonDays: number;
}

export type ScreenLoader = (ref: ScreenRef, ctx: ScreenContext) => Promise<DataResult<ScreenContent>>;
