import { z } from "zod";
import { ChecklistItemIdSchema, PlanIdSchema, TaskIdSchema, UnitIdSchema } from "./ids.js";
import { HistoryEntrySchema } from "./progress.js";

export const ASSIGNMENT_CHANGE_KINDS = ["assign", "remove", "replace", "reimport"] as const;
export const AssignmentChangeKindSchema = z
  .enum(ASSIGNMENT_CHANGE_KINDS)
  .describe("变更类型 assign 增加单位, remove 移除单位, replace 调整分工 (both, or a role changed), reimport 重新导入规划文本时的变化");
export type AssignmentChangeKind = z.infer<typeof AssignmentChangeKindSchema>;

export const TaskUnitsSchema = z
  .object({
    lead: z.array(UnitIdSchema).describe("牵头单位 lead units"),
    responsible: z.array(UnitIdSchema).describe("责任单位 responsible units"),
  })
  .describe("分工 a task's units");
export type TaskUnits = z.infer<typeof TaskUnitsSchema>;

export const ProgressRowRefSchema = z
  .object({
    itemId: ChecklistItemIdSchema,
    unitId: UnitIdSchema,
    version: z.number().int().min(0).describe("版本 the row's version at the change; 0 when its progress was never recorded"),
  })
  .describe("进展行 one (checklist item, unit) progress row");
export type ProgressRowRef = z.infer<typeof ProgressRowRefSchema>;

/**
 * One change of a task's units (分工变更): who changed what, why, and what became of the progress
 * rows of the units concerned. Kept beside the progress history (HistoryEntry, one per (item,
 * unit) change), never edited.
 */
export const AssignmentHistoryEntrySchema = z
  .object({
    id: z.number().int().min(1).describe("序号 assignment history row id"),
    planId: PlanIdSchema,
    taskId: TaskIdSchema,
    kind: AssignmentChangeKindSchema,
    actor: z.string().describe("操作人 who made the change (token name; the importer for a re-import)"),
    source: HistoryEntrySchema.shape.source,
    at: z.string().describe("时间 ISO timestamp"),
    before: TaskUnitsSchema.describe("变更前 the task's units before"),
    after: TaskUnitsSchema.describe("变更后 the task's units after"),
    reason: z.string().nullable().describe("理由 why, as the admin gave it; null when none was needed"),
    orphaned: z
      .array(ProgressRowRefSchema)
      .describe("留存 rows of units that left the task: kept as they were (orphaned), shown to admins, restored if the unit comes back"),
    restored: z.array(ProgressRowRefSchema).describe("恢复 orphaned rows brought back because their unit was assigned again"),
  })
  .describe("分工变更记录 assignment history entry");
export type AssignmentHistoryEntry = z.infer<typeof AssignmentHistoryEntrySchema>;

/** What kind of change going from `before` to `after` is; null when nothing changes. */
export function assignmentChangeKind(before: TaskUnits, after: TaskUnits): Exclude<AssignmentChangeKind, "reimport"> | null {
  const key = (units: TaskUnits) => new Set([...units.lead.map((u) => `lead\u0000${u}`), ...units.responsible.map((u) => `responsible\u0000${u}`)]);
  const was = key(before);
  const will = key(after);
  const added = [...will].some((k) => !was.has(k));
  const removed = [...was].some((k) => !will.has(k));
  if (added && removed) return "replace";
  if (added) return "assign";
  if (removed) return "remove";
  // Same units in the same roles, in another order: the order is what the ledger shows first.
  const order = (units: TaskUnits) => JSON.stringify([units.lead, units.responsible]);
  return order(before) === order(after) ? null : "replace";
}
