import type { Task } from "@taizhang/core";
import { useEffect, useState } from "react";
import type { Plan } from "../api/types.js";
import { useApp } from "../app-context.js";

/** Loads the plan documents behind the rows (for target wording and full-text search) without holding up the list. */
export function usePlanTasks(planIds: readonly string[]): ReadonlyMap<string, Task> {
  const { api } = useApp();
  const [tasks, setTasks] = useState<ReadonlyMap<string, Task>>(new Map());
  const key = planIds.join(",");
  useEffect(() => {
    let live = true;
    Promise.all(planIds.map((id) => api.plans.get(id))).then(
      (plans: Plan[]) => {
        if (!live) return;
        const map = new Map<string, Task>();
        for (const plan of plans) for (const task of plan.tasks) map.set(task.id, task);
        setTasks(map);
      },
      (error: unknown) => console.error("could not load the plans behind the checklist", error),
    );
    return () => {
      live = false;
    };
    // `key` stands for `planIds`, whose identity changes every render.
  }, [api, key]);
  return tasks;
}
