import { counterparts, type Plan, type SearchIndex, type TaskId } from "@taizhang/core";
import type { CounterpartRef, SearchPage, SearchPageOptions, TaskRef } from "./data-source.js";

/**
 * Core's search and concordance over plans held in memory, answered in the
 * shapes of the data source (the same shapes the API answers), for the data
 * sources that hold the plans themselves.
 */
export function taskRefOf(plans: readonly Plan[]): (taskId: TaskId) => TaskRef | undefined {
  const refs = new Map<TaskId, TaskRef>();
  for (const plan of plans) {
    for (const task of plan.tasks) refs.set(task.id, { number: task.number, ordinal: task.ordinal, title: task.title, planTitle: plan.title });
  }
  return (taskId) => refs.get(taskId);
}

export function searchPageOf(index: SearchIndex, plans: readonly Plan[], query: string, options: SearchPageOptions = {}): SearchPage {
  const { planId, theme } = options;
  const result = index.search(query, {
    limit: options.limit ?? 20,
    offset: options.offset ?? 0,
    ...(planId !== undefined ? { planIds: [planId] } : {}),
    ...(theme !== undefined ? { filter: (task) => task.themes.includes(theme) } : {}),
  });
  const ref = taskRefOf(plans);
  return { total: result.total, hits: result.hits.flatMap((hit) => { const task = ref(hit.taskId); return task ? [{ ...hit, task }] : []; }) };
}

/** Null when no plan holds the task. */
export function counterpartRefsOf(plans: readonly Plan[], taskId: TaskId, options: { limit?: number; perPlan?: number } = {}): CounterpartRef[] | null {
  const ref = taskRefOf(plans);
  if (!ref(taskId)) return null;
  return counterparts({ id: taskId }, plans, options).flatMap((c) => {
    const task = ref(c.taskId);
    return task ? [{ ...c, task }] : [];
  });
}
