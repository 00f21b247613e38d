import { z } from "zod";
import { ChecklistItemIdSchema, UnitIdSchema } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import { PROGRESS_STATUS_LABELS, type HistoryEntry, type ProgressFields } from "../model/progress.js";
import { EDITABLE_LEDGER_COLUMNS, progressCellText } from "./ledger-import.js";
import { LEDGER_COLUMNS } from "./ledger-rows.js";

/**
 * One row of an exported change history (变更记录): one accepted change of one
 * (item, unit), with the fields it changed as before → after text. The
 * history sheet of an .xlsx export and the history CSV/JSON have these
 * columns, in {@link HISTORY_COLUMNS} order.
 */
export const HistoryRowSchema = z
  .object({
    id: z.number().int().min(1).describe("序号 the history entry's id"),
    at: z.string().describe("时间 ISO timestamp"),
    actor: z.string().describe("操作人"),
    source: z.string().describe("来源 api, web, tui, cli, import or restore"),
    planTitle: z.string().describe("规划"),
    taskNumber: z.number().int().describe("任务序号"),
    item: z.string().describe("事项 the milestone clause, or 整项任务"),
    unit: z.string().describe("单位"),
    version: z.number().int().min(1).describe("版本 the version this change produced"),
    changed: z.string().describe("变更内容 one `field: before → after` per line"),
    note: z.string().describe("备注 the note on the change"),
    itemId: ChecklistItemIdSchema,
    unitId: UnitIdSchema,
  })
  .describe("变更记录行 one change of an exported history");
export type HistoryRow = z.infer<typeof HistoryRowSchema>;

export const HISTORY_COLUMNS = [
  { key: "id", zh: "序号", en: "No." },
  { key: "at", zh: "时间", en: "At" },
  { key: "actor", zh: "操作人", en: "By" },
  { key: "source", zh: "来源", en: "Source" },
  { key: "planTitle", zh: "规划", en: "Plan" },
  { key: "taskNumber", zh: "任务序号", en: "Task no." },
  { key: "item", zh: "事项", en: "Item" },
  { key: "unit", zh: "单位", en: "Unit" },
  { key: "version", zh: "版本", en: "Version" },
  { key: "changed", zh: "变更内容", en: "Changes" },
  { key: "note", zh: "备注", en: "Note" },
  { key: "itemId", zh: "事项编号", en: "Item id" },
  { key: "unitId", zh: "单位编号", en: "Unit id" },
] as const satisfies ReadonlyArray<{ key: keyof HistoryRow; zh: string; en: string }>;

const label = (key: string, lang: "zh" | "en") => LEDGER_COLUMNS.find((c) => c.key === key)?.[lang] ?? key;

/** `状态: 未开始 → 进行中` lines for the fields that differ between `before` and `after`. */
export function changedFieldsText(before: ProgressFields, after: ProgressFields, lang: "zh" | "en" = "zh"): string {
  const text = (fields: ProgressFields, key: (typeof EDITABLE_LEDGER_COLUMNS)[number]) => {
    const t = key === "status" ? PROGRESS_STATUS_LABELS[fields.status][lang] : progressCellText(fields, key).replace(/\n/g, " / ");
    return t === "" ? "—" : t;
  };
  return EDITABLE_LEDGER_COLUMNS.filter((key) => text(before, key) !== text(after, key) || (key === "measuredValue" && before.measuredValue?.asOf !== after.measuredValue?.asOf))
    .map((key) => `${label(key, lang)}: ${text(before, key)} → ${text(after, key)}`)
    .join("\n");
}

/** The history rows of `entries`, with plan titles, task numbers, item labels and unit names from `plans`. */
export function historyRows(plans: ReadonlyArray<Pick<Plan, "id" | "title" | "tasks" | "units">>, entries: Iterable<HistoryEntry>, lang: "zh" | "en" = "zh"): HistoryRow[] {
  const byPlan = new Map(plans.map((p) => [p.id as string, p]));
  const unitNames = new Map(plans.flatMap((p) => p.units.map((u) => [u.id as string, u.name] as const)));
  const rows: HistoryRow[] = [];
  for (const e of entries) {
    const [taskId = "", part = ""] = e.itemId.split("#");
    const plan = byPlan.get(taskId.slice(0, taskId.indexOf("/")));
    const task = plan?.tasks.find((t) => t.id === taskId);
    const milestone = part.startsWith("m") ? task?.milestones.find((m) => m.index === Number(part.slice(1))) : undefined;
    rows.push({
      id: e.id,
      at: e.at,
      actor: e.actor,
      source: e.source,
      planTitle: plan?.title ?? taskId.slice(0, taskId.indexOf("/")),
      taskNumber: task?.number ?? Number(taskId.slice(taskId.indexOf("/") + 1)),
      item: part === "task" ? "整项任务" : (milestone?.clause ?? part),
      unit: unitNames.get(e.unitId) ?? e.unitId.slice(e.unitId.indexOf(":") + 1),
      version: e.version,
      changed: changedFieldsText(e.before, e.after, lang),
      note: e.note ?? "",
      itemId: e.itemId,
      unitId: e.unitId,
    });
  }
  return rows;
}
