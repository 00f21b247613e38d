import { z } from "zod";
import type { ChecklistItem } from "../model/checklist.js";
import { ChecklistItemIdSchema, IsoDateSchema, PlanIdSchema, TaskIdSchema, UnitIdSchema, type UnitId } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import { ProgressStatusSchema, ResponsiblePersonSchema, type Progress } from "../model/progress.js";
import { UnitRoleSchema, type UnitRole } from "../model/unit.js";
import { daysLeft, isOverdue } from "./deadlines.js";

/**
 * One row of an exported ledger (台账): one (checklist item, unit), with
 * everything an office fills in offline. The columns of every export format
 * (CSV, JSON, xlsx) are these fields, in {@link LEDGER_COLUMNS} order; a new
 * column is one field here and one entry there.
 */
export const LedgerRowSchema = z
  .object({
    seq: z.number().int().min(1).describe("序号 1..n in the export"),
    planId: PlanIdSchema,
    planTitle: z.string().describe("规划"),
    section: z.string().describe("部分/板块 part and section headings"),
    taskId: TaskIdSchema,
    taskNumber: z.number().int().describe("任务序号"),
    taskTitle: z.string().describe("任务名称"),
    itemId: ChecklistItemIdSchema.describe("事项编号 the stable id an edited file is matched by"),
    item: z.string().describe("事项 the milestone clause, or 整项任务"),
    unitId: UnitIdSchema,
    unit: z.string().describe("单位 the unit of this row"),
    role: UnitRoleSchema.describe("分工 lead 牵头 or responsible 责任"),
    leadUnits: z.string().describe("牵头单位 of the task, 、-separated"),
    responsibleUnits: z.string().describe("责任单位 of the task, 、-separated"),
    due: IsoDateSchema.describe("完成时限"),
    overdue: z.boolean().describe("逾期 as of the export's date"),
    daysLeft: z.number().int().describe("剩余天数 negative when overdue"),
    status: ProgressStatusSchema,
    percent: z.number().int().min(0).max(100),
    note: z.string().describe("进展说明"),
    evidence: z.string().describe("佐证材料 descriptions and links, one per line"),
    measuredValue: z.string().describe("实测值 e.g. 93%; empty when none"),
    responsiblePerson: ResponsiblePersonSchema.nullable().describe("责任人"),
    version: z.number().int().min(0).describe("版本 the progress version exported: an edited row is stale when the store moved on"),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .describe("台账行 one (item, unit) row of an exported ledger");
export type LedgerRow = z.infer<typeof LedgerRowSchema>;

/** What a ledger row is made of: the store's checklist rows have this shape. */
export interface LedgerSource {
  item: Pick<ChecklistItem, "id" | "planId" | "taskId" | "kind" | "label" | "due">;
  unitId: UnitId;
  role: UnitRole;
  progress: Progress;
}

/** The columns of a ledger export, in order: the field, its Chinese and English headers. */
export const LEDGER_COLUMNS = [
  { key: "seq", zh: "序号", en: "No." },
  { key: "planTitle", zh: "规划", en: "Plan" },
  { key: "section", zh: "部分/板块", en: "Part / section" },
  { key: "taskNumber", zh: "任务序号", en: "Task no." },
  { key: "taskTitle", zh: "任务名称", en: "Task" },
  { key: "item", zh: "事项", en: "Item" },
  { key: "unit", zh: "单位", en: "Unit" },
  { key: "role", zh: "分工", en: "Role" },
  { key: "leadUnits", zh: "牵头单位", en: "Lead units" },
  { key: "responsibleUnits", zh: "责任单位", en: "Responsible units" },
  { key: "due", zh: "完成时限", en: "Due" },
  { key: "status", zh: "状态", en: "Status" },
  { key: "percent", zh: "完成百分比", en: "Percent" },
  { key: "note", zh: "进展说明", en: "Progress note" },
  { key: "evidence", zh: "佐证材料", en: "Evidence" },
  { key: "measuredValue", zh: "实测值", en: "Measured value" },
  { key: "responsiblePerson", zh: "责任人", en: "Responsible person" },
  { key: "updatedBy", zh: "最后更新人", en: "Last updated by" },
  { key: "updatedAt", zh: "最后更新时间", en: "Last updated at" },
  { key: "itemId", zh: "事项编号", en: "Item id" },
  { key: "unitId", zh: "单位编号", en: "Unit id" },
  { key: "version", zh: "版本", en: "Version" },
] as const satisfies ReadonlyArray<{ key: keyof LedgerRow; zh: string; en: string }>;

/** 佐证材料 as one cell: one piece per line, its description and link. */
export function evidenceText(evidence: Progress["evidence"]): string {
  return evidence.map((e) => (e.url ? `${e.description} ${e.url}` : e.description)).join("\n");
}

/** 实测值 as one cell, e.g. 93%; empty when none. */
export function measuredValueText(measured: Progress["measuredValue"]): string {
  return measured ? `${measured.value}${measured.unit}` : "";
}

/** 张伟(法规科科长,028-…) as one cell. */
export function responsiblePersonText(person: LedgerRow["responsiblePerson"]): string {
  if (!person) return "";
  const extra = [person.post, person.contact].filter((x): x is string => x !== null && x !== "");
  return extra.length > 0 ? `${person.name}(${extra.join(",")})` : person.name;
}

/**
 * The ledger rows of `sources` (checklist rows of one or more plans), in the
 * order given, numbered from 1; overdue and days left as of `asOf` (China
 * calendar, core's rules). `plans` supplies titles, headings and unit names.
 */
export function ledgerRows(plans: ReadonlyArray<Pick<Plan, "id" | "title" | "parts" | "tasks" | "units">>, sources: Iterable<LedgerSource>, asOf: Date): LedgerRow[] {
  const byPlan = new Map(plans.map((p) => [p.id as string, p]));
  const unitNames = new Map(plans.flatMap((p) => p.units.map((u) => [u.id as string, u.name] as const)));
  const name = (id: string) => unitNames.get(id) ?? id.slice(id.indexOf(":") + 1);
  const rows: LedgerRow[] = [];
  for (const s of sources) {
    const plan = byPlan.get(s.item.planId);
    const task = plan?.tasks.find((t) => t.id === s.item.taskId);
    if (!plan || !task) throw new Error(`no plan holds task ${s.item.taskId}`);
    const part = plan.parts.find((p) => p.number === task.partNumber);
    const section = part?.sections.find((x) => x.number === task.sectionNumber);
    const p = s.progress;
    rows.push({
      seq: rows.length + 1,
      planId: plan.id,
      planTitle: plan.title,
      section: [part ? `${part.ordinal}、${part.title}` : "", section ? `${section.ordinal}${section.title}` : ""].filter(Boolean).join(" › "),
      taskId: task.id,
      taskNumber: task.number,
      taskTitle: task.title,
      itemId: s.item.id,
      item: s.item.kind === "task" ? "整项任务" : s.item.label,
      unitId: s.unitId,
      unit: name(s.unitId),
      role: s.role,
      leadUnits: task.lead.map(name).join("、"),
      responsibleUnits: task.responsible.map(name).join("、"),
      due: s.item.due,
      overdue: isOverdue(s.item.due, p.status, asOf),
      daysLeft: daysLeft(s.item.due, asOf),
      status: p.status,
      percent: p.percent,
      note: p.note,
      evidence: evidenceText(p.evidence),
      measuredValue: measuredValueText(p.measuredValue),
      responsiblePerson: p.responsiblePerson,
      version: p.version,
      updatedBy: p.updatedBy,
      updatedAt: p.updatedAt,
    });
  }
  return rows;
}
