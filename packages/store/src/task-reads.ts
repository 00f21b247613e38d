import { chinaDate, CLOSED_STATUSES, type Task } from "@taizhang/core";
import { sql, type Kysely, type Selectable } from "kysely";
import { storedTaskUnits } from "./assignment-history.js";
import { chunks } from "./chunks.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import type { Database, MilestonesTable, TargetsTable, TasksTable } from "./database.js";
import { LedgerError, type Page, type TaskFilter } from "./ledger.js";
import { toTask } from "./row-mapping.js";
import type { TaskKeyColumns, TaskSort } from "./task-key-cache.js";

type Db = Kysely<Database>;

/**
 * Builds whole tasks from their rows with three batched queries (units,
 * milestones, targets) however many tasks there are: no query per task.
 */
export async function assembleTasks(db: Db, rows: Array<Selectable<TasksTable>>): Promise<Task[]> {
  const ids = rows.map((r) => r.id);
  const units = new Map<string, { lead: string[]; responsible: string[] }>();
  const milestones = new Map<string, Array<Selectable<MilestonesTable>>>();
  const targets = new Map<string, Array<Selectable<TargetsTable>>>();
  for (const batch of chunks(ids, 500)) {
    for (const [taskId, entry] of await storedTaskUnits(db, batch, 500)) units.set(taskId, entry);
    const milestoneRows = await db.selectFrom("milestones").selectAll().where("task_id", "in", batch).orderBy("task_id").orderBy("idx").execute();
    for (const m of milestoneRows) milestones.set(m.task_id, [...(milestones.get(m.task_id) ?? []), m]);
    const targetRows = await db.selectFrom("targets").selectAll().where("task_id", "in", batch).orderBy("task_id").orderBy("idx").execute();
    for (const t of targetRows) targets.set(t.task_id, [...(targets.get(t.task_id) ?? []), t]);
  }
  return rows.map((row) =>
    toTask(row, {
      lead: units.get(row.id)?.lead ?? [],
      responsible: units.get(row.id)?.responsible ?? [],
      milestones: milestones.get(row.id) ?? [],
      targets: targets.get(row.id) ?? [],
    }),
  );
}

/**
 * The tasks a filter selects (live tasks only). Row-level filters (status,
 * overdue, due dates) ask for at least one (item, unit) row that matches all
 * of them, for the given unit/role when one is given; a unit or role alone
 * asks for the task's lead/responsible units.
 *
 * The unit and row conditions are uncorrelated `t.id in (select …)` subqueries,
 * each shaped to start from the index that narrows it most (the unit's rows,
 * the due-date window, the status), so that SQLite's planner needs no
 * statistics to avoid rescanning a whole status for every task.
 */
/** The most task ids a filter may name (TaskFilter.taskIds). */
export const MAX_TASK_IDS = 20_000;

export function filteredTasks(db: Db, filter: TaskFilter) {
  const { planId, partNumber, sectionNumber, guarantee, unitId, role, status, overdueAsOf, dueBefore, dueAfter } = filter;
  let q = db.selectFrom("tasks as t").where("t.orphaned", "=", 0);
  if (planId !== undefined) q = q.where("t.plan_id", "=", planId);
  if (partNumber !== undefined) q = q.where("t.part_number", "=", partNumber);
  if (sectionNumber !== undefined) q = q.where("t.section_number", "=", sectionNumber);
  if (guarantee !== undefined) q = q.where("t.guarantee", "=", guarantee ? 1 : 0);
  if (filter.theme !== undefined) {
    if (!/^[a-z-]+$/.test(filter.theme)) throw new LedgerError("invalid", `"${filter.theme}" is not a theme id`);
    // task_themes is indexed by (theme, task_id) (migration 0003).
    q = q.where("t.id", "in", db.selectFrom("task_themes as th").select("th.task_id").where("th.theme", "=", filter.theme));
  }
  if (filter.taskIds !== undefined) {
    // Bound parameters: SQLite takes at most 32,766 in one statement.
    const ids = [...filter.taskIds];
    if (ids.length > MAX_TASK_IDS) throw new LedgerError("invalid", `a task list can be narrowed to at most ${MAX_TASK_IDS} tasks, not ${ids.length}`);
    q = ids.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where("t.id", "in", ids);
  }
  const dueLevel = overdueAsOf !== undefined || dueBefore !== undefined || dueAfter !== undefined;
  // Overdue is core's isOverdue in SQL: still open, and due before today's date in China.
  const today = overdueAsOf === undefined ? undefined : chinaDate(overdueAsOf);
  const open = [...CLOSED_STATUSES];
  if (dueLevel && unitId === undefined) {
    // Driven by the due-date index: the items in the window, then whether one of their rows matches.
    let items = db.selectFrom("checklist_items as ci").select("ci.task_id").where("ci.orphaned", "=", 0);
    if (planId !== undefined) items = items.where("ci.plan_id", "=", planId);
    if (today !== undefined) items = items.where("ci.due", "<", today);
    if (dueBefore !== undefined) items = items.where("ci.due", "<=", dueBefore);
    if (dueAfter !== undefined) items = items.where("ci.due", ">=", dueAfter);
    // A due-date window alone asks about items, not rows: an item with no unit yet still counts.
    if (role !== undefined || status !== undefined || today !== undefined) items = items.where((eb) => {
      let rows = eb.selectFrom("progress as p").select("p.item_id").whereRef("p.item_id", "=", "ci.id").where("p.orphaned", "=", 0);
      if (role !== undefined) rows = rows.where("p.role", "=", role);
      if (status !== undefined) rows = rows.where("p.status", "=", status);
      if (today !== undefined) rows = rows.where("p.status", "not in", open);
      return eb.exists(rows);
    });
    q = q.where("t.id", "in", items);
  } else if (dueLevel || status !== undefined) {
    // Driven by the unit's rows (progress_unit) or by the status (progress_status).
    let rows = db
      .selectFrom("progress as p")
      .innerJoin("checklist_items as ci", "ci.id", "p.item_id")
      .select("ci.task_id")
      .where("p.orphaned", "=", 0)
      .where("ci.orphaned", "=", 0);
    if (planId !== undefined) rows = rows.where("ci.plan_id", "=", planId);
    if (unitId !== undefined) rows = rows.where("p.unit_id", "=", unitId);
    if (role !== undefined) rows = rows.where("p.role", "=", role);
    if (status !== undefined) rows = rows.where("p.status", "=", status);
    if (today !== undefined) rows = rows.where("ci.due", "<", today).where("p.status", "not in", open);
    if (dueBefore !== undefined) rows = rows.where("ci.due", "<=", dueBefore);
    if (dueAfter !== undefined) rows = rows.where("ci.due", ">=", dueAfter);
    q = q.where("t.id", "in", rows);
  } else if (unitId !== undefined || role !== undefined) {
    let units = db.selectFrom("task_units as tu").select("tu.task_id");
    if (unitId !== undefined) units = units.where("tu.unit_id", "=", unitId);
    if (role !== undefined) units = units.where("tu.role", "=", role);
    q = q.where("t.id", "in", units);
  }
  return q;
}

/**
 * One page of the tasks a filter selects, straight from the database: the
 * page's keys after the cursor, then their full rows, and the total count.
 */
export async function pageOfTasks(
  db: Db,
  filter: TaskFilter,
  page: { sort: TaskSort; limit: number; cursor: string | null },
): Promise<Page<Task>> {
  const { sort, limit } = page;
  // Order and page on the narrow key columns, then read the page's full rows: sorting whole rows
  // (with their text) of a large match, as a theme across every plan is, cost most of the query.
  let q = filteredTasks(db, filter).select(["t.id", "t.plan_id", "t.number", "t.first_due"]);
  if (sort === "number") {
    if (page.cursor) {
      const [planId, number] = decodeCursor(page.cursor, sort, ["string", "number"]);
      q = q.where((eb) => eb(eb.refTuple("t.plan_id", "t.number"), ">", eb.tuple(String(planId), Number(number))));
    }
    q = q.orderBy("t.plan_id").orderBy("t.number");
  } else {
    if (page.cursor) {
      const [due, planId, number] = decodeCursor(page.cursor, sort, ["string", "string", "number"]);
      q = q.where((eb) =>
        eb(eb.refTuple("t.first_due", "t.plan_id", "t.number"), ">", eb.tuple(String(due), String(planId), Number(number))),
      );
    }
    q = q.orderBy("t.first_due").orderBy("t.plan_id").orderBy("t.number");
  }
  const rows = await q.limit(limit + 1).execute();
  const pageKeys = rows.slice(0, limit);
  const last = pageKeys.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? sort === "number"
        ? encodeCursor(sort, [last.plan_id, last.number])
        : encodeCursor(sort, [last.first_due, last.plan_id, last.number])
      : null;
  const counted = await filteredTasks(db, filter)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return { items: await tasksInOrder(db, pageKeys.map((k) => k.id)), nextCursor, total: Number(counted.n) };
}

/** The sort key of every task a filter selects, in list order. */
export async function taskKeyColumns(db: Db, filter: TaskFilter, sort: TaskSort): Promise<TaskKeyColumns> {
  let q = filteredTasks(db, filter).select(["t.id", "t.plan_id", "t.number", "t.first_due"]);
  q = sort === "number" ? q.orderBy("t.plan_id").orderBy("t.number") : q.orderBy("t.first_due").orderBy("t.plan_id").orderBy("t.number");
  const rows = await q.execute();
  // Plan ids and dates repeat across many tasks: one string each, not one per task.
  const shared = new Map<string, string>();
  const one = (s: string) => shared.get(s) ?? (shared.set(s, s), s);
  return {
    ids: rows.map((r) => r.id),
    planIds: rows.map((r) => one(r.plan_id)),
    numbers: rows.map((r) => r.number),
    firstDues: rows.map((r) => one(r.first_due)),
  };
}

/** Whole tasks by id, in the order given; ids no longer found (a task orphaned meanwhile) are left out. */
export async function tasksInOrder(db: Db, ids: string[]): Promise<Task[]> {
  if (ids.length === 0) return [];
  const full = await db.selectFrom("tasks").selectAll().where("id", "in", ids).execute();
  const byId = new Map(full.map((r) => [r.id, r]));
  return assembleTasks(db, ids.flatMap((id) => byId.get(id) ?? []));
}
