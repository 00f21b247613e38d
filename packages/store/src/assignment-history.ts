import type { AssignmentChangeKind, AssignmentHistoryEntry, ProgressRowRef, TaskUnits } from "@taizhang/core";
import type { Kysely, Selectable } from "kysely";
import { chunks } from "./chunks.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import type { Database, TaskUnitsTable } from "./database.js";
import type { Actor, Page } from "./ledger.js";
import { toAssignmentHistoryEntry } from "./row-mapping.js";

type Db = Kysely<Database>;

/** One change of a task's units, as it is written. */
export interface AssignmentChange {
  planId: string;
  taskId: string;
  kind: AssignmentChangeKind;
  before: TaskUnits;
  after: TaskUnits;
  reason: string | null;
  orphaned: ProgressRowRef[];
  restored: ProgressRowRef[];
}

/** Appends changes of tasks' units to the assignment history (inside the caller's transaction). */
export async function recordAssignmentChanges(trx: Db, actor: Pick<Actor, "name" | "source">, at: string, changes: readonly AssignmentChange[]): Promise<void> {
  const rows = changes.map((c) => ({
    plan_id: c.planId,
    task_id: c.taskId,
    kind: c.kind,
    actor: actor.name,
    source: actor.source,
    at,
    before_json: JSON.stringify(c.before),
    after_json: JSON.stringify(c.after),
    reason: c.reason,
    orphaned_json: JSON.stringify(c.orphaned),
    restored_json: JSON.stringify(c.restored),
  }));
  for (const batch of chunks(rows, 200)) await trx.insertInto("assignment_history").values(batch).execute();
}

/** The task_units rows of tasks, each task's in position order, read `batchSize` tasks a query. */
export async function taskUnitRows(db: Db, taskIds: readonly string[], batchSize?: number): Promise<Map<string, Array<Selectable<TaskUnitsTable>>>> {
  const byTask = new Map<string, Array<Selectable<TaskUnitsTable>>>();
  for (const batch of chunks([...taskIds], batchSize)) {
    const rows = await db.selectFrom("task_units").selectAll().where("task_id", "in", batch).orderBy("task_id").orderBy("position").execute();
    for (const row of rows) {
      let list = byTask.get(row.task_id);
      if (!list) byTask.set(row.task_id, (list = []));
      list.push(row);
    }
  }
  return byTask;
}

/** The units of tasks as stored (lead, then responsible, each in position order). */
export async function storedTaskUnits(db: Db, taskIds: readonly string[], batchSize?: number): Promise<Map<string, TaskUnits>> {
  const units = new Map<string, TaskUnits>();
  for (const [taskId, rows] of await taskUnitRows(db, taskIds, batchSize)) {
    const entry: TaskUnits = { lead: [], responsible: [] };
    for (const row of rows) (row.role === "lead" ? entry.lead : entry.responsible).push(row.unit_id as TaskUnits["lead"][number]);
    units.set(taskId, entry);
  }
  return units;
}

/** Filter of {@link readAssignmentHistory}. */
export interface AssignmentHistoryFilter {
  planId?: string;
  taskId?: string;
  limit: number;
  cursor?: string | null;
}

/** The assignment history, newest first, page by page (keyset on id). */
export async function readAssignmentHistory(db: Db, filter: AssignmentHistoryFilter): Promise<Page<AssignmentHistoryEntry>> {
  let q = db.selectFrom("assignment_history");
  if (filter.planId !== undefined) q = q.where("plan_id", "=", filter.planId);
  if (filter.taskId !== undefined) q = q.where("task_id", "=", filter.taskId);
  let pageQuery = q.selectAll();
  if (filter.cursor) {
    const [lastId] = decodeCursor(filter.cursor, "assignment-history", ["number"]);
    pageQuery = pageQuery.where("id", "<", Number(lastId));
  }
  const rows = await pageQuery.orderBy("id", "desc").limit(filter.limit + 1).execute();
  const pageRows = rows.slice(0, filter.limit);
  const last = pageRows.at(-1);
  const counted = await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return {
    items: pageRows.map(toAssignmentHistoryEntry),
    nextCursor: rows.length > filter.limit && last ? encodeCursor("assignment-history", [last.id]) : null,
    total: Number(counted.n),
  };
}
