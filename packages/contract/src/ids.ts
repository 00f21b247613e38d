import { checklistItemId, parseChecklistItemId, parseTaskId, taskId, type ChecklistItemId, type TaskId } from "@taizhang/core";

export { checklistItemId, parseChecklistItemId, parseTaskId, parseUnitId, taskId, unitId, unitNameOfId } from "@taizhang/core";

/** The path parameters of routes about one task (`/{planId}/{number}`). */
export const taskPathParams = (id: TaskId | string): { planId: string; number: number } => parseTaskId(id);

/** The path parameters of routes about one checklist item (`/{planId}/{number}/{item}`). */
export function itemPathParams(id: ChecklistItemId | string): { planId: string; number: number; item: string } {
  const { planId, number, item } = parseChecklistItemId(id);
  return { planId, number, item };
}

/** The task id named by a route's path parameters. */
export const taskIdOf = (params: { planId: string; number: number }): TaskId => taskId(params.planId, params.number);

/** The checklist item id named by a route's path parameters. */
export const itemIdOf = (params: { planId: string; number: number; item: string }): ChecklistItemId =>
  checklistItemId(taskIdOf(params), params.item);
