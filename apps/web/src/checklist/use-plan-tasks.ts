import type { Task } from "@taizhang/core";
import { useEffect, useState } from "react";
import type { Plan } from "../api/types.js";
import { useApp } from "../app-context.js";
import { whenIdle } from "../ui/when-idle.js";

/**
 * Loads the plan documents behind the rows (for target wording and full-text
 * search) without holding up the list: asked for once the list's first frame
 * is painted and the browser is idle (a plan document can be a megabyte of JSON).
 */
export function usePlanTasks(planIds: readonly string[]): ReadonlyMap<string, Task> {
  const { api } = useApp();
  const [tasks, setTasks] = useState<ReadonlyMap<string, Task>>(new Map());
  const key = planIds.join(",");
  useEffect(() => {
    let live = true;
    const cancel = whenIdle(() => {
      Promise.all(planIds.map((id) => api.plans.get(id))).then(
        (plans: Plan[]) => {
          if (!live) return;
          const map = new Map<string, Task>();
          for (const plan of plans) for (const task of plan.tasks) map.set(task.id, task);
          setTasks(map);
        },
        (error: unknown) => console.error("could not load the plans behind the checklist", error),
      );
    });
    return () => {
      live = false;
      cancel();
    };
    // `key` stands for `planIds`, whose identity changes every render.
  }, [api, key]);
  return tasks;
}
