import { z } from "zod";

/**
 * Identifiers. Each kind of id is branded so that a task id can never be passed
 * where a plan id or a checklist item id is expected.
 */
export const PlanIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a plan id is a lower-case slug such as chengdu-2015")
  .brand<"PlanId">()
  .describe("计划标识 plan id: a stable slug, e.g. chengdu-2015");
export type PlanId = z.infer<typeof PlanIdSchema>;

/** `<planId>/<number>`, e.g. `chengdu-2015/12`. */
export const TaskIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[1-9][0-9]*$/, "a task id is <planId>/<number>, e.g. chengdu-2015/12")
  .brand<"TaskId">()
  .describe("任务标识 task id: <planId>/<number>");
export type TaskId = z.infer<typeof TaskIdSchema>;

/** `<taskId>#task` for the task as a whole, `<taskId>#m<k>` for its k-th milestone. */
export const ChecklistItemIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*\/[1-9][0-9]*#(?:task|m[1-9][0-9]*)$/,
    "a checklist item id is <taskId>#task or <taskId>#m<k>, e.g. chengdu-2015/12#m1",
  )
  .brand<"ChecklistItemId">()
  .describe("台账事项标识 checklist item id: <taskId>#task or <taskId>#m<k>");
export type ChecklistItemId = z.infer<typeof ChecklistItemIdSchema>;

/** `<jurisdiction>:<canonical name>`, e.g. `成都市:市委编办`. */
export const UnitIdSchema = z
  .string()
  .regex(/^[^:\s]+:[^:\s]+$/, "a unit id is <jurisdiction>:<canonical name>, e.g. 成都市:市委编办")
  .brand<"UnitId">()
  .describe("单位标识 unit id: <jurisdiction>:<canonical name>");
export type UnitId = z.infer<typeof UnitIdSchema>;

/** A calendar date, `YYYY-MM-DD`, with no time of day and no time zone. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "a date is written YYYY-MM-DD")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, "not a real calendar date")
  .describe("日期 calendar date, YYYY-MM-DD");
export type IsoDate = z.infer<typeof IsoDateSchema>;

export const planId = (s: string): PlanId => PlanIdSchema.parse(s);
export const taskId = (plan: PlanId | string, number: number): TaskId => TaskIdSchema.parse(`${plan}/${number}`);
export const unitId = (jurisdiction: string, name: string): UnitId => UnitIdSchema.parse(`${jurisdiction}:${name}`);

/** Parses an id of one kind, or throws a TypeError that names the id and its expected form. */
function parseId<S extends z.ZodType>(schema: S, id: string, kind: string, example: string): z.output<S> {
  const parsed = schema.safeParse(id);
  if (!parsed.success) throw new TypeError(`${JSON.stringify(id)} is not a ${kind} (e.g. ${example})`);
  return parsed.data;
}

/** The parts of a task id: `chengdu-2015/12` → plan `chengdu-2015`, number 12. */
export function parseTaskId(id: TaskId | string): { planId: PlanId; number: number } {
  const taskId = parseId(TaskIdSchema, id, "task id", "chengdu-2015/12");
  const slash = taskId.lastIndexOf("/");
  return { planId: taskId.slice(0, slash) as PlanId, number: Number(taskId.slice(slash + 1)) };
}

/** The parts of a checklist item id: `chengdu-2015/12#m1` → its task, plan, task number and item key (`task` or `m1`). */
export function parseChecklistItemId(id: ChecklistItemId | string): { taskId: TaskId; planId: PlanId; number: number; item: string } {
  const itemId = parseId(ChecklistItemIdSchema, id, "checklist item id", "chengdu-2015/12#m1 or chengdu-2015/12#task");
  const hash = itemId.indexOf("#");
  const taskId = itemId.slice(0, hash) as TaskId;
  return { taskId, ...parseTaskId(taskId), item: itemId.slice(hash + 1) };
}

/** The item id of a task's item key: (`chengdu-2015/12`, `m1`) → `chengdu-2015/12#m1`. */
export const checklistItemId = (task: TaskId | string, item: string): ChecklistItemId =>
  parseId(ChecklistItemIdSchema, `${task}#${item}`, "checklist item id", "chengdu-2015/12#m1");

/** The parts of a unit id: `成都市:市委编办` → jurisdiction 成都市, name 市委编办. */
export function parseUnitId(id: UnitId | string): { jurisdiction: string; name: string } {
  const unit = parseId(UnitIdSchema, id, "unit id", "成都市:市委编办");
  const colon = unit.indexOf(":");
  return { jurisdiction: unit.slice(0, colon), name: unit.slice(colon + 1) };
}

/**
 * The name part of a unit id, for showing a unit whose record is not at hand
 * (`成都市:市委编办` → `市委编办`); a string that is not a unit id is returned as it is.
 */
export function unitNameOfId(id: string): string {
  const colon = id.indexOf(":");
  return colon < 0 ? id : id.slice(colon + 1);
}
