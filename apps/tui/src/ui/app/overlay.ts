import type { PlanId } from "@taizhang/core";
import type { ProgressRow, TaskQuery } from "../../data/data-source.js";
import type { TextField } from "./progress-fields.js";

/** What is drawn over the current screen and takes the keys while open; each kind is a component with its own state. */
export type Overlay =
  | { kind: "help" }
  | { kind: "search"; planId: PlanId | null }
  | { kind: "prompt"; field: TextField; target: ProgressRow; initial: string }
  | { kind: "status"; target: ProgressRow }
  | { kind: "filter"; draft: TaskQuery }
  /** The unit of 我的清单; `open` goes to it once chosen. */
  | { kind: "unit"; open: boolean };
