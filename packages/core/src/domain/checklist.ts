import type { Assignment, ChecklistItem } from "../model/checklist.js";
import { ChecklistItemIdSchema } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import type { Task } from "../model/task.js";
import { isoDate } from "./calendar.js";

/** Lead units first, then responsible units that are not also leads. */
export function taskAssignments(task: Pick<Task, "lead" | "responsible">): Assignment[] {
  const lead = task.lead.map((unitId) => ({ unitId, role: "lead" as const }));
  const leadIds = new Set(task.lead);
  const responsible = task.responsible
    .filter((unitId) => !leadIds.has(unitId))
    .map((unitId) => ({ unitId, role: "responsible" as const }));
  return [...lead, ...responsible];
}

/**
 * The checklist items of one task: one per milestone, in text order, and one
 * for the task as a whole, due at the end of the plan's period (Dec 31 of its
 * end year). Targets go with the milestone whose due date governs them, the
 * rest with the whole-task item.
 */
export function taskChecklist(task: Task, periodEndYear: number): ChecklistItem[] {
  const assignments = taskAssignments(task);
  const claimed = new Set<number>();
  const items: ChecklistItem[] = task.milestones.map((m) => {
    const targetIndexes = task.targets.filter((t) => t.due === m.due && !claimed.has(t.index)).map((t) => t.index);
    targetIndexes.forEach((i) => claimed.add(i));
    return {
      id: ChecklistItemIdSchema.parse(`${task.id}#m${m.index}`),
      planId: task.planId,
      taskId: task.id,
      kind: "milestone",
      milestoneIndex: m.index,
      label: m.clause,
      due: m.due,
      targetIndexes,
      assignments,
    };
  });
  items.push({
    id: ChecklistItemIdSchema.parse(`${task.id}#task`),
    planId: task.planId,
    taskId: task.id,
    kind: "task",
    milestoneIndex: null,
    label: task.title,
    due: isoDate(periodEndYear, 12, 31),
    targetIndexes: task.targets.filter((t) => !claimed.has(t.index)).map((t) => t.index),
    assignments,
  });
  return items;
}

/** Every checklist item of a plan, task by task. */
export function deriveChecklist(plan: Pick<Plan, "tasks" | "period">): ChecklistItem[] {
  return plan.tasks.flatMap((task) => taskChecklist(task, plan.period.endYear));
}
