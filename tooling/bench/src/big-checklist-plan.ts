import { PlanSchema, type Plan, type PlanId, type Task, type TaskId, type UnitId } from "@taizhang/core";
import { corpusPlan, jurisdictionTree, NATIONAL_CORPUS } from "./corpus.js";

/**
 * A plan in which one office leads tasks with exactly `items` checklist items
 * in all: the web benchmark's 1,000-item checklist. Made from a corpus plan
 * by repeating its tasks (renumbered), keeping their milestones until the
 * count is nearly reached.
 */
export function bigChecklistPlan(items: number): { plan: Plan; unitId: UnitId } {
  const jurisdiction = jurisdictionTree(NATIONAL_CORPUS)[40];
  if (!jurisdiction) throw new Error("the corpus has no jurisdiction 40");
  const base = corpusPlan(NATIONAL_CORPUS, 40, jurisdiction);
  const unit = base.units.find((u) => !u.collective);
  if (!unit) throw new Error(`${base.id} names no office`);
  const id = `${base.id}-checklist-${items}` as PlanId;
  const tasks: Task[] = [];
  let count = 0;
  for (let i = 0; count < items; i++) {
    const source = base.tasks[i % base.tasks.length] as Task;
    // A task has one item per milestone plus one for the whole task.
    const milestones = count + source.milestones.length + 1 <= items ? source.milestones : [];
    const number = tasks.length + 1;
    tasks.push({ ...source, id: `${id}/${number}` as TaskId, planId: id, number, ordinal: String(number), lead: [unit.id], responsible: [], milestones, targets: milestones.length > 0 ? source.targets : [] });
    count += milestones.length + 1;
  }
  return { plan: PlanSchema.parse({ ...base, id, title: `${base.title}(1,000项台账)`, tasks }), unitId: unit.id };
}
