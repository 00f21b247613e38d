import { z } from "zod";
import { ChecklistItemIdSchema, IsoDateSchema, PlanIdSchema, TaskIdSchema, UnitIdSchema } from "./ids.js";
import { UnitRoleSchema } from "./unit.js";

export const AssignmentSchema = z
  .object({
    unitId: UnitIdSchema,
    role: UnitRoleSchema,
  })
  .describe("分工 a unit assigned to a checklist item, as lead or responsible");
export type Assignment = z.infer<typeof AssignmentSchema>;

/**
 * One line of the ledger: a milestone of a task, or the task as a whole
 * (due at the end of the plan's period). Derived from tasks by a pure function.
 */
export const ChecklistItemSchema = z
  .object({
    id: ChecklistItemIdSchema,
    planId: PlanIdSchema,
    taskId: TaskIdSchema,
    kind: z.enum(["task", "milestone"]).describe("类别 task 整项任务 or milestone 时间节点"),
    milestoneIndex: z.number().int().min(1).nullable().describe("节点序号 the milestone's index; null for the whole task"),
    label: z.string().min(1).describe("事项 what is to be done: the milestone clause or the task title"),
    due: IsoDateSchema.describe("完成时限 due date"),
    targetIndexes: z.array(z.number().int().min(1)).describe("关联指标 indexes of the task's targets this item measures"),
    assignments: z.array(AssignmentSchema).describe("责任分工 units assigned; empty when the plan names none"),
  })
  .describe("台账事项 checklist item");
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;
