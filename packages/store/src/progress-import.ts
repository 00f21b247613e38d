import {
  diffLedgerRow,
  EMPTY_PROGRESS,
  ledgerRowKey,
  ledgerRowVersion,
  PlanIdSchema,
  type ChecklistItemId,
  type LedgerFieldChange,
  type LedgerFileRow,
  type LedgerImportRejection,
  type PlanId,
  type Progress,
  type ProgressFields,
  type UnitId,
  settleProgressChange,
} from "@taizhang/core";
import { LedgerError, type Actor, type ChecklistRow, type Ledger, type ProgressUpdate } from "./ledger.js";

/**
 * Progress import from an edited ledger (台账): matches each row of the file
 * to an (item, unit) of the store, works out what it would change, and
 * applies the changes in one transaction. The file is read by
 * @taizhang/exchange; this is the part that needs the store.
 */

/** What one row of the file would do. */
export interface ImportRowPreview {
  /** The row's number in the spreadsheet (1 is the header). */
  line: number;
  outcome: "change" | "unchanged" | "rejected";
  itemId: ChecklistItemId | null;
  unitId: UnitId | null;
  /** `<task no.>. <task title> · <item> · <unit>`, for people. */
  label: string | null;
  changes: LedgerFieldChange[];
  reason: LedgerImportRejection | null;
  message: string | null;
}

export interface ImportSummary {
  rows: number;
  changes: number;
  unchanged: number;
  rejected: number;
}

export interface ProgressImportPreview {
  summary: ImportSummary;
  /** Rows that change or are refused, in file order; unchanged rows are only counted. */
  rows: ImportRowPreview[];
}

export interface ProgressImportResult extends ProgressImportPreview {
  applied: boolean;
  /** (item, unit) rows written: 0 unless applied. */
  written: number;
}

export interface ApplyImportOptions {
  /** Apply the valid rows even when some are refused; otherwise nothing is applied while any row is refused. */
  skipRejected?: boolean;
  /** Named in each history entry's note, e.g. the uploaded file's name. */
  fileName?: string | null;
}

interface Target {
  row: ChecklistRow;
  unitName: string;
}

interface Planned {
  preview: ImportRowPreview;
  update: ProgressUpdate | null;
}

const WHOLE_TASK = new Set(["整项任务", "whole task", "task"]);

/**
 * What the rows would change, for `actor`: one preview per changed or refused
 * row (unknown (item, unit), invalid cells, a unit the actor may not write,
 * a row someone changed after the export, a duplicate), and counts.
 */
export async function previewProgressImport(ledger: Ledger, actor: Actor, rows: readonly LedgerFileRow[]): Promise<ProgressImportPreview> {
  return summarise((await planImport(ledger, actor, rows, null)).map((p) => p.preview));
}

/**
 * Previews and applies in one go: the changed rows are written in one
 * transaction (history source `import`), all or none. With refused rows,
 * nothing is written unless `skipRejected`. A row that someone changes
 * between the preview and the write fails the whole transaction, which then
 * writes nothing and reports that row as stale.
 */
export async function applyProgressImport(ledger: Ledger, actor: Actor, rows: readonly LedgerFileRow[], options: ApplyImportOptions = {}): Promise<ProgressImportResult> {
  const importer: Actor = { ...actor, source: "import" };
  const planned = await planImport(ledger, importer, rows, options.fileName ?? null);
  const preview = summarise(planned.map((p) => p.preview));
  if (preview.summary.rejected > 0 && !options.skipRejected) return { ...preview, applied: false, written: 0 };
  const writes = planned.filter((p): p is Planned & { update: ProgressUpdate } => p.update !== null);
  if (writes.length === 0) return { ...preview, applied: true, written: 0 };
  const result = await ledger.bulkUpdateProgress(
    importer,
    writes.map((w) => w.update),
  );
  if (result.ok) return { ...preview, applied: true, written: writes.length };
  // Someone wrote between reading and writing: nothing was applied; say which rows.
  for (const r of result.results) {
    const w = writes[r.index];
    if (!w || !r.error || r.error.code === "not_applied") continue;
    w.preview.outcome = "rejected";
    w.preview.reason = r.error.code === "stale_version" ? "stale" : r.error.code === "forbidden" ? "forbidden" : "unknown_row";
    w.preview.message = `${r.error.message} (changed while the import ran; nothing was applied)`;
    w.preview.changes = [];
  }
  return { ...summarise(planned.map((p) => p.preview)), applied: false, written: 0 };
}

function summarise(previews: ImportRowPreview[]): ProgressImportPreview {
  const count = (outcome: ImportRowPreview["outcome"]) => previews.filter((p) => p.outcome === outcome).length;
  return {
    summary: { rows: previews.length, changes: count("change"), unchanged: count("unchanged"), rejected: count("rejected") },
    rows: previews.filter((p) => p.outcome !== "unchanged"),
  };
}

async function planImport(ledger: Ledger, actor: Actor, rows: readonly LedgerFileRow[], fileName: string | null): Promise<Planned[]> {
  if (actor.role === "viewer") throw new LedgerError("forbidden", "a viewer may not change progress");
  const targets = await loadTargets(ledger, rows);
  const seen = new Map<string, number>();
  const planned: Planned[] = [];
  for (const row of rows) {
    const refuse = (reason: LedgerImportRejection, message: string, found?: Target): Planned => ({
      preview: {
        line: row.line,
        outcome: "rejected",
        itemId: found?.row.item.id ?? null,
        unitId: found?.row.unitId ?? null,
        label: found ? labelOf(found) : null,
        changes: [],
        reason,
        message,
      },
      update: null,
    });
    const found = targets.find(row);
    if ("problem" in found) {
      planned.push(refuse(found.reason, found.problem));
      continue;
    }
    const target = found.target;
    const key = `${target.row.item.id}|${target.row.unitId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      planned.push(refuse("duplicate", `the same item and unit as row ${earlier}; keep one row per item and unit`, target));
      continue;
    }
    seen.set(key, row.line);
    const version = ledgerRowVersion(row);
    if (!version.ok) {
      planned.push(refuse("invalid_cell", version.message, target));
      continue;
    }
    if (version.value === null) {
      planned.push(refuse("invalid_cell", "版本 is empty: the version column of the exported ledger tells whether someone changed the row since; export again", target));
      continue;
    }
    const current = target.row.progress;
    const exported = version.value;
    const base = await baseFields(ledger, current, exported);
    if (base === null) {
      planned.push(
        refuse(
          "stale",
          exported > current.version
            ? `版本 ${exported} is newer than the stored version ${current.version}: this file was not exported from this ledger`
            : `version ${exported} is no longer in the history; export again`,
          target,
        ),
      );
      continue;
    }
    const diff = diffLedgerRow(row, base, current, exported);
    if (diff.outcome === "rejected") {
      planned.push(refuse(diff.reason, diff.message, target));
      continue;
    }
    // The same rule as every other change (core's settleProgressChange): a percent alone moves the status,
    // a file row that changes both to a pair that does not go together (未开始 80 %) is refused.
    const settled = diff.outcome === "change" ? settleProgressChange(current, diff.patch) : null;
    if (settled && !settled.ok) {
      planned.push(refuse("invalid_cell", `状态 and 完成百分比 do not go together: ${settled.problem.message}`, target));
      continue;
    }
    // Another unit's rows may ride along in a plan-wide file; only editing them is refused.
    if (diff.outcome === "change" && actor.role === "office" && actor.unitId !== target.row.unitId) {
      planned.push(refuse("forbidden", `${actor.name} may only change the progress of its own unit, not ${target.unitName}`, target));
      continue;
    }
    const preview: ImportRowPreview = {
      line: row.line,
      outcome: diff.outcome,
      itemId: target.row.item.id,
      unitId: target.row.unitId,
      label: labelOf(target),
      changes: diff.outcome === "change" ? diff.changes : [],
      reason: null,
      message: null,
    };
    planned.push({
      preview,
      update:
        diff.outcome === "change"
          ? {
              itemId: target.row.item.id,
              unitId: target.row.unitId,
              expectedVersion: current.version,
              patch: diff.patch,
              comment: fileName ? `导入 ${fileName} 第${row.line}行` : `导入 第${row.line}行`,
            }
          : null,
    });
  }
  return planned;
}

const labelOf = (t: Target): string => `${t.row.taskNumber}. ${t.row.taskTitle} · ${t.row.item.kind === "task" ? "整项任务" : t.row.item.label} · ${t.unitName}`;

/** The fields at `version`: the current ones, the empty progress for 0, or the history entry that made it; null when unknown. */
async function baseFields(ledger: Ledger, current: Progress, version: number): Promise<ProgressFields | null> {
  if (version === current.version) return current;
  if (version > current.version) return null;
  if (version === 0) return EMPTY_PROGRESS;
  let cursor: string | null = null;
  do {
    const page = await ledger.history({ itemId: current.itemId, unitId: current.unitId, limit: 500, cursor });
    const entry = page.items.find((h) => h.version === version);
    if (entry) return entry.after;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return null;
}

type Found = { target: Target } | { problem: string; reason: LedgerImportRejection };

/**
 * The store's rows for every plan the file names (by item id, or by plan
 * title for rows without ids), and a lookup: by (item id, unit id), else by
 * (plan, task number, item, unit name).
 */
async function loadTargets(ledger: Ledger, rows: readonly LedgerFileRow[]): Promise<{ find(row: LedgerFileRow): Found }> {
  const plans = await ledger.listPlans();
  const planIds = new Set<PlanId>();
  const titleToPlan = new Map<string, PlanId>();
  for (const p of plans) {
    titleToPlan.set(p.title.trim(), p.id);
    titleToPlan.set(p.id, p.id);
  }
  for (const row of rows) {
    const key = ledgerRowKey(row);
    if (key?.ok) {
      const planId = PlanIdSchema.safeParse(key.value.itemId.slice(0, key.value.itemId.indexOf("/")));
      if (planId.success && plans.some((p) => p.id === planId.data)) planIds.add(planId.data);
    } else if (key === null) {
      const planId = titleToPlan.get((row.cells.planTitle ?? "").trim());
      if (planId) planIds.add(planId);
    }
  }
  const byKey = new Map<string, Target>();
  const byLabel = new Map<string, Target>();
  for (const planId of planIds) {
    const [plan, checklist] = await Promise.all([ledger.getPlan(planId), ledger.checklist({ planId })]);
    const names = new Map<string, string>(plan.units.map((u) => [u.id, u.name]));
    const aliases = new Map<string, string[]>(plan.units.map((u) => [u.id, [u.name, ...u.aliases]]));
    for (const row of checklist) {
      const target = { row, unitName: names.get(row.unitId) ?? row.unitId.slice(row.unitId.indexOf(":") + 1) };
      byKey.set(`${row.item.id}|${row.unitId}`, target);
      const item = row.item.kind === "task" ? "整项任务" : row.item.label.trim();
      for (const name of aliases.get(row.unitId) ?? [target.unitName]) byLabel.set(`${planId}|${row.taskNumber}|${item}|${name}`, target);
    }
  }
  return {
    find(row) {
      const key = ledgerRowKey(row);
      if (key !== null) {
        if (!key.ok) return { problem: key.message, reason: "invalid_cell" };
        const target = byKey.get(`${key.value.itemId}|${key.value.unitId}`);
        return target ? { target } : { problem: `no item ${key.value.itemId} for ${key.value.unitId} in this ledger (a different ledger, or the plan has changed)`, reason: "unknown_row" };
      }
      const title = (row.cells.planTitle ?? "").trim();
      const planId = titleToPlan.get(title);
      if (!planId) return { problem: title === "" ? "the row has neither 事项编号 nor 规划" : `no plan titled "${title}"`, reason: "unknown_row" };
      const number = (row.cells.taskNumber ?? "").trim();
      const itemText = (row.cells.item ?? "").trim();
      const item = WHOLE_TASK.has(itemText.toLowerCase()) ? "整项任务" : itemText;
      const unit = (row.cells.unit ?? "").trim();
      const target = byLabel.get(`${planId}|${number}|${item}|${unit}`);
      return target ? { target } : { problem: `no item "${itemText}" of task ${number} for ${unit || "(no unit)"} in ${title}`, reason: "unknown_row" };
    },
  };
}
