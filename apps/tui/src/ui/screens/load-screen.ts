import type { DataResult } from "../../data/data-result.js";
import { loadChecklistScreen } from "./checklist-screen.js";
import { loadDeadlinesScreen } from "./deadlines-screen.js";
import { loadPlanScreen } from "./plan-screen.js";
import { loadPlansScreen } from "./plans-screen.js";
import type { ScreenContent, ScreenContext, ScreenRef } from "./screen-types.js";
import { loadTaskScreen } from "./task-screen.js";
import { loadTasksScreen } from "./tasks-screen.js";

/** Loads the content of any screen. */
export function loadScreen(ref: ScreenRef, ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  switch (ref.kind) {
    case "plans":
      return loadPlansScreen(ctx);
    case "plan":
      return loadPlanScreen(ref.planId, ctx);
    case "tasks":
      return loadTasksScreen(ref.query, ctx);
    case "task":
      return loadTaskScreen(ref.taskId, ctx);
    case "checklist":
      return loadChecklistScreen(ref.unit, ctx);
    case "deadlines":
      return loadDeadlinesScreen(ctx);
  }
}
