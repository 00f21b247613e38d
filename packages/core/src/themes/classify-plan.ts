import type { TaskId } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import type { Task } from "../model/task.js";
import { classifyTask, type ClassifyOptions, type ThemeClassification } from "./classify-task.js";

/** The section and part headings a task sits under. */
export function taskHeadings(plan: Pick<Plan, "parts">, task: Pick<Task, "partNumber" | "sectionNumber">): {
  sectionTitle: string | null;
  partTitle: string | null;
} {
  const part = plan.parts.find((p) => p.number === task.partNumber);
  const section =
    task.sectionNumber === null ? undefined : plan.parts.flatMap((p) => p.sections).find((s) => s.number === task.sectionNumber);
  return { sectionTitle: section?.title ?? null, partTitle: part?.title ?? null };
}

/** Classifies every task of a plan, keyed by task id. */
export function classifyPlan(plan: Pick<Plan, "parts" | "tasks">, options: ClassifyOptions = {}): Map<TaskId, ThemeClassification> {
  return new Map(
    plan.tasks.map((task) => {
      const { sectionTitle, partTitle } = taskHeadings(plan, task);
      return [task.id, classifyTask(task, sectionTitle, partTitle, options)];
    }),
  );
}

/**
 * The plan with every task's `themes` filled in from the classifier (theme
 * ids in taxonomy order); the plan itself is not changed.
 */
export function withThemes<P extends Pick<Plan, "parts" | "tasks">>(plan: P, options: ClassifyOptions = {}): P {
  const classified = classifyPlan(plan, options);
  return { ...plan, tasks: plan.tasks.map((t) => ({ ...t, themes: [...(classified.get(t.id)?.themes ?? [])] })) };
}
