import {
  assignmentChangeKind,
  deriveChecklist,
  EMPTY_PROGRESS,
  type ChecklistItem,
  type ProgressRowRef,
  summarizePlan,
  type TaskUnits,
  type Plan,
  type Task,
  type UnitRole,
} from "@taizhang/core";
import type { Kysely } from "kysely";
import { recordAssignmentChanges, storedTaskUnits, type AssignmentChange } from "./assignment-history.js";
import { chunks } from "./chunks.js";
import type { Database } from "./database.js";
import { compareImporterVersions } from "./importer-version.js";
import type { Actor, PlanLoadResult } from "./ledger.js";
import { nextPlanStamp } from "./plans-revision.js";
import { taskSearchText } from "./task-search-text.js";

type Db = Kysely<Database>;

/**
 * Where a checklist item sits in its plan: task by task, milestones in text
 * order, the whole-task item last. Computed from the item alone so that
 * re-deriving one task's items leaves every other position alone.
 */
export function itemPosition(taskNumber: number, item: Pick<ChecklistItem, "milestoneIndex">): number {
  return taskNumber * 1000 + (item.milestoneIndex ?? 999);
}

const hasOwnUnits = (task: Pick<Task, "lead" | "responsible">) => task.lead.length + task.responsible.length > 0;

/** Who a plan load is recorded as in the assignment history when the caller names no one. */
export const IMPORTER_ACTOR: Pick<Actor, "name" | "source"> = { name: "plan import", source: "import" };

/**
 * Writes a validated plan (inside the caller's transaction). Same content →
 * unchanged; a plan already loaded by a newer importer is not downgraded.
 * Recorded progress and history are never modified here: items and
 * assignments that vanish are orphan-flagged, never deleted; a task whose
 * units the new text changes gets an assignment history entry (reimport).
 */
export async function writePlan(
  trx: Db,
  plan: Plan,
  canonicalJson: string,
  contentHash: string,
  at: string,
  actor: Pick<Actor, "name" | "source"> = IMPORTER_ACTOR,
): Promise<PlanLoadResult["action"]> {
  const existing = await trx
    .selectFrom("plans")
    .select(["content_hash", "importer_version"])
    .where("id", "=", plan.id)
    .executeTakeFirst();
  if (existing && existing.content_hash === contentHash) return "unchanged";
  if (existing && compareImporterVersions(existing.importer_version, plan.provenance.importerVersion) > 0) {
    return "unchanged";
  }

  const planRow = {
    title: plan.title,
    issuer: plan.issuer,
    document_number: plan.documentNumber,
    jurisdiction: plan.jurisdiction.name,
    jurisdiction_level: plan.jurisdiction.level,
    jurisdiction_parent: plan.jurisdiction.parent,
    start_year: plan.period.startYear,
    end_year: plan.period.endYear,
    plan_json: canonicalJson,
    content_hash: contentHash,
    importer_version: plan.provenance.importerVersion,
    schema_version: plan.schemaVersion,
    counts_json: JSON.stringify(summarizePlan(plan).counts),
    updated_at: await nextPlanStamp(trx, at),
  };
  if (existing) await trx.updateTable("plans").set(planRow).where("id", "=", plan.id).execute();
  else await trx.insertInto("plans").values({ id: plan.id, ...planRow, loaded_at: at }).execute();

  await trx.deleteFrom("sections").where("plan_id", "=", plan.id).execute();
  await trx.deleteFrom("parts").where("plan_id", "=", plan.id).execute();
  await trx
    .insertInto("parts")
    .values(
      plan.parts.map((p) => ({ plan_id: plan.id, number: p.number, ordinal: p.ordinal, title: p.title, kind: p.kind, text: p.text })),
    )
    .execute();
  const sections = plan.parts.flatMap((p) =>
    p.sections.map((s) => ({ plan_id: plan.id, number: s.number, part_number: p.number, ordinal: s.ordinal, title: s.title })),
  );
  for (const batch of chunks(sections)) await trx.insertInto("sections").values(batch).execute();

  await upsertUnits(trx, plan);

  // A task the plan names no units for keeps the units an admin assigned to it.
  const unassigned = plan.tasks.filter((t) => !hasOwnUnits(t)).map((t) => t.id as string);
  const kept = await storedTaskUnits(trx, unassigned);
  const tasks: Task[] = plan.tasks.map((t) => {
    const k = kept.get(t.id);
    return k ? ({ ...t, lead: k.lead, responsible: k.responsible } as Task) : t;
  });
  const keptUnitIds = [...kept.values()].flatMap((k) => [...k.lead, ...k.responsible]);
  await writePlanUnits(trx, plan.id, [...plan.units.map((u) => u.id as string), ...keptUnitIds]);

  // The units of the tasks the new text names units for, as they stood: a re-import that changes them is an assignment change.
  const named = plan.tasks.filter(hasOwnUnits).map((t) => t.id as string);
  const before = existing ? await storedTaskUnits(trx, named) : new Map<string, TaskUnits>();
  const existed = new Set<string>();
  if (existing) {
    for (const batch of chunks(named)) {
      for (const row of await trx.selectFrom("tasks").select("id").where("id", "in", batch).execute()) existed.add(row.id);
    }
  }

  const items = deriveChecklist({ tasks, period: plan.period });
  await writeTasks(trx, plan.id, tasks, items);
  const effects = await syncChecklist(trx, { planId: plan.id }, tasks, items);

  const changes: AssignmentChange[] = [];
  for (const task of tasks) {
    if (!existed.has(task.id)) continue;
    const was: TaskUnits = before.get(task.id) ?? { lead: [], responsible: [] };
    const now: TaskUnits = { lead: [...new Set(task.lead)], responsible: [...new Set(task.responsible)] };
    if (assignmentChangeKind(was, now) === null) continue;
    const ofTask = (rows: ProgressRowRef[]) => rows.filter((r) => r.itemId.startsWith(`${task.id}#`));
    changes.push({
      planId: plan.id,
      taskId: task.id,
      kind: "reimport",
      before: was,
      after: now,
      reason: null,
      orphaned: ofTask(effects.orphaned),
      restored: ofTask(effects.restored),
    });
  }
  await recordAssignmentChanges(trx, actor, at, changes);
  return existing ? "updated" : "inserted";
}

async function upsertUnits(trx: Db, plan: Plan): Promise<void> {
  const units = plan.units.map((u) => ({ id: u.id, name: u.name, jurisdiction: u.jurisdiction, collective: u.collective ? 1 : 0 }));
  for (const batch of chunks(units)) {
    await trx
      .insertInto("units")
      .values(batch)
      .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ collective: eb.ref("excluded.collective") })))
      .execute();
  }
  // Aliases accumulate: another plan may know the same office by another name.
  const aliases = plan.units.flatMap((u) => [...new Set(u.aliases)].map((alias) => ({ unit_id: u.id, alias })));
  for (const batch of chunks(aliases)) {
    await trx
      .insertInto("unit_aliases")
      .values(batch)
      .onConflict((oc) => oc.columns(["unit_id", "alias"]).doNothing())
      .execute();
  }
}

async function writePlanUnits(trx: Db, planId: string, unitIds: string[]): Promise<void> {
  await trx.deleteFrom("plan_units").where("plan_id", "=", planId).execute();
  const rows = [...new Set(unitIds)].map((unitId, position) => ({ plan_id: planId, unit_id: unitId, position }));
  for (const batch of chunks(rows)) await trx.insertInto("plan_units").values(batch).execute();
}

async function writeTasks(trx: Db, planId: string, tasks: Task[], items: ChecklistItem[]): Promise<void> {
  const firstDue = new Map<string, string>();
  for (const item of items) {
    const due = firstDue.get(item.taskId);
    if (due === undefined || item.due < due) firstDue.set(item.taskId, item.due);
  }
  const rows = tasks.map((t) => ({
    id: t.id,
    plan_id: planId,
    number: t.number,
    ordinal: t.ordinal,
    part_number: t.partNumber,
    section_number: t.sectionNumber,
    guarantee: t.guarantee ? 1 : 0,
    title: t.title,
    text: t.text,
    original_text: t.originalText,
    search_text: taskSearchText(t),
    citations_json: JSON.stringify(t.citations),
    themes_json: JSON.stringify(t.themes),
    first_due: firstDue.get(t.id) ?? "9999-12-31",
    orphaned: 0,
  }));
  const existing = await trx.selectFrom("tasks").select("id").where("plan_id", "=", planId).execute();
  const newIds = new Set(tasks.map((t) => t.id as string));
  const vanished = existing.map((r) => r.id).filter((id) => !newIds.has(id));
  for (const batch of chunks(vanished)) {
    await trx.updateTable("tasks").set({ orphaned: 1 }).where("id", "in", batch).execute();
  }
  for (const batch of chunks(rows, 100)) {
    await trx
      .insertInto("tasks")
      .values(batch)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          number: eb.ref("excluded.number"),
          ordinal: eb.ref("excluded.ordinal"),
          part_number: eb.ref("excluded.part_number"),
          section_number: eb.ref("excluded.section_number"),
          guarantee: eb.ref("excluded.guarantee"),
          title: eb.ref("excluded.title"),
          text: eb.ref("excluded.text"),
          original_text: eb.ref("excluded.original_text"),
          search_text: eb.ref("excluded.search_text"),
          citations_json: eb.ref("excluded.citations_json"),
          themes_json: eb.ref("excluded.themes_json"),
          first_due: eb.ref("excluded.first_due"),
          orphaned: eb.ref("excluded.orphaned"),
        })),
      )
      .execute();
  }

  const ids = tasks.map((t) => t.id as string);
  for (const batch of chunks(ids)) {
    await trx.deleteFrom("milestones").where("task_id", "in", batch).execute();
    await trx.deleteFrom("targets").where("task_id", "in", batch).execute();
    await trx.deleteFrom("task_themes").where("task_id", "in", batch).execute();
  }
  const themeRows = tasks.flatMap((t) => t.themes.map((theme) => ({ task_id: t.id as string, theme })));
  for (const batch of chunks(themeRows)) await trx.insertInto("task_themes").values(batch).execute();
  await writeTaskUnits(trx, tasks);
  const milestones = tasks.flatMap((t) =>
    t.milestones.map((m) => ({
      task_id: t.id,
      idx: m.index,
      phrase: m.phrase,
      clause: m.clause,
      due: m.due,
      rule: m.rule,
      year_inferred: m.yearInferred ? 1 : 0,
    })),
  );
  for (const batch of chunks(milestones)) await trx.insertInto("milestones").values(batch).execute();
  const targets = tasks.flatMap((t) =>
    t.targets.map((g) => ({
      task_id: t.id,
      idx: g.index,
      metric: g.metric,
      comparator: g.comparator,
      value: g.value,
      unit: g.unit,
      per: g.per,
      phrase: g.phrase,
      clause: g.clause,
      due: g.due,
    })),
  );
  for (const batch of chunks(targets)) await trx.insertInto("targets").values(batch).execute();
}

/** Replaces the lead/responsible rows of the given tasks. */
export async function writeTaskUnits(trx: Db, tasks: ReadonlyArray<Pick<Task, "id" | "lead" | "responsible">>): Promise<void> {
  for (const batch of chunks(tasks.map((t) => t.id as string))) {
    await trx.deleteFrom("task_units").where("task_id", "in", batch).execute();
  }
  const rows = tasks.flatMap((t) => [
    ...[...new Set(t.lead)].map((unitId, position) => ({ task_id: t.id, unit_id: unitId, role: "lead", position })),
    ...[...new Set(t.responsible)].map((unitId, i) => ({
      task_id: t.id,
      unit_id: unitId,
      role: "responsible",
      position: t.lead.length + i,
    })),
  ]);
  for (const batch of chunks(rows)) await trx.insertInto("task_units").values(batch).execute();
}

const progressKey = (itemId: string, unitId: string) => `${itemId}\u0000${unitId}`;

/** What a checklist sync did to existing progress rows. */
export interface SyncEffects {
  /** Rows no longer wanted (their unit left the task, or their item vanished): flagged orphaned, kept as they were. */
  orphaned: ProgressRowRef[];
  /** Orphaned rows wanted again (the unit was assigned again): back in the checklist, with their progress. */
  restored: ProgressRowRef[];
}

/**
 * Brings checklist items and progress rows in line with freshly derived
 * items, within a scope (a whole plan, or some of its tasks). New items and
 * assignments get a version-0 progress row; items and assignments that
 * vanished are orphan-flagged; recorded progress is never changed. Says
 * which existing rows it orphaned and which it restored.
 */
export async function syncChecklist(
  trx: Db,
  scope: { planId: string } | { taskIds: string[] },
  tasks: ReadonlyArray<Pick<Task, "id" | "number">>,
  items: ChecklistItem[],
): Promise<SyncEffects> {
  const taskNumber = new Map(tasks.map((t) => [t.id as string, t.number]));
  const itemRows = items.map((item) => ({
    id: item.id,
    plan_id: item.planId,
    task_id: item.taskId,
    kind: item.kind,
    milestone_index: item.milestoneIndex,
    label: item.label,
    due: item.due,
    target_indexes_json: JSON.stringify(item.targetIndexes),
    position: itemPosition(taskNumber.get(item.taskId) ?? 0, item),
    orphaned: 0,
  }));

  const existingItems: Array<{ id: string }> = [];
  if ("planId" in scope) {
    existingItems.push(...(await trx.selectFrom("checklist_items").select("id").where("plan_id", "=", scope.planId).execute()));
  } else {
    for (const batch of chunks(scope.taskIds)) {
      existingItems.push(...(await trx.selectFrom("checklist_items").select("id").where("task_id", "in", batch).execute()));
    }
  }
  const derivedIds = new Set(items.map((i) => i.id as string));
  const vanishedItems = existingItems.map((r) => r.id).filter((id) => !derivedIds.has(id));
  for (const batch of chunks(vanishedItems)) {
    await trx.updateTable("checklist_items").set({ orphaned: 1 }).where("id", "in", batch).execute();
  }
  for (const batch of chunks(itemRows, 100)) {
    await trx
      .insertInto("checklist_items")
      .values(batch)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          kind: eb.ref("excluded.kind"),
          milestone_index: eb.ref("excluded.milestone_index"),
          label: eb.ref("excluded.label"),
          due: eb.ref("excluded.due"),
          target_indexes_json: eb.ref("excluded.target_indexes_json"),
          position: eb.ref("excluded.position"),
          orphaned: eb.ref("excluded.orphaned"),
        })),
      )
      .execute();
  }

  const itemIds = [...new Set([...existingItems.map((r) => r.id), ...derivedIds])];
  const existingProgress: Array<{ item_id: string; unit_id: string; role: string; orphaned: number; version: number }> = [];
  for (const batch of chunks(itemIds)) {
    existingProgress.push(
      ...(await trx.selectFrom("progress").select(["item_id", "unit_id", "role", "orphaned", "version"]).where("item_id", "in", batch).execute()),
    );
  }
  const existing = new Map(existingProgress.map((r) => [progressKey(r.item_id, r.unit_id), r]));
  const desired = new Map<string, { itemId: string; unitId: string; role: UnitRole }>();
  for (const item of items) {
    for (const a of item.assignments) desired.set(progressKey(item.id, a.unitId), { itemId: item.id, unitId: a.unitId, role: a.role });
  }

  const fresh = [...desired.entries()]
    .filter(([key]) => !existing.has(key))
    .map(([, d]) => ({
      item_id: d.itemId,
      unit_id: d.unitId,
      role: d.role,
      status: EMPTY_PROGRESS.status,
      percent: EMPTY_PROGRESS.percent,
      note: EMPTY_PROGRESS.note,
      evidence_json: JSON.stringify(EMPTY_PROGRESS.evidence),
      measured_value_json: null,
      responsible_person_json: null,
      responsible_person_name: null,
      version: 0,
      updated_by: null,
      updated_at: null,
      orphaned: 0,
    }));
  for (const batch of chunks(fresh, 100)) await trx.insertInto("progress").values(batch).execute();

  const effects: SyncEffects = { orphaned: [], restored: [] };
  const ref = (row: { item_id: string; unit_id: string; version: number }) =>
    ({ itemId: row.item_id, unitId: row.unit_id, version: row.version }) as ProgressRowRef;
  for (const [key, row] of existing) {
    const want = desired.get(key);
    if (want && row.orphaned !== 0) effects.restored.push(ref(row));
    if (!want && row.orphaned === 0) effects.orphaned.push(ref(row));
    if (want && (row.orphaned !== 0 || row.role !== want.role)) {
      await trx
        .updateTable("progress")
        .set({ orphaned: 0, role: want.role })
        .where("item_id", "=", row.item_id)
        .where("unit_id", "=", row.unit_id)
        .execute();
    } else if (!want && row.orphaned === 0) {
      await trx
        .updateTable("progress")
        .set({ orphaned: 1 })
        .where("item_id", "=", row.item_id)
        .where("unit_id", "=", row.unit_id)
        .execute();
    }
  }
  return effects;
}

/** Adds units to a plan's unit list (after the ones it has), leaving the rest alone. */
export async function writePlanUnitsAdding(trx: Db, planId: string, unitIds: string[]): Promise<void> {
  const current = await trx.selectFrom("plan_units").select(["unit_id", "position"]).where("plan_id", "=", planId).execute();
  const known = new Set(current.map((r) => r.unit_id));
  let next = current.reduce((max, r) => Math.max(max, r.position + 1), 0);
  const rows = [...new Set(unitIds)].filter((id) => !known.has(id)).map((unitId) => ({ plan_id: planId, unit_id: unitId, position: next++ }));
  for (const batch of chunks(rows)) await trx.insertInto("plan_units").values(batch).execute();
}
