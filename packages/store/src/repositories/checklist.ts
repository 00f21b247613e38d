import { ChecklistItemSchema, CLOSED_STATUSES, type ChecklistItem } from "@taizhang/core";
import { sql } from "kysely";
import { taskUnitRows } from "../assignment-history.js";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { MAX_CHECKLIST_PAGE, type ChecklistFilter, type ChecklistPage, type ChecklistRow } from "../ledger.js";
import { toProgress } from "../row-mapping.js";
import { whenDefined, type Db, type StoreContext } from "./store-context.js";

/** The sort a checklist cursor belongs to. */
const CHECKLIST_SORT = "checklist";

const checklistLimit = (limit: number) => Math.min(MAX_CHECKLIST_PAGE, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : MAX_CHECKLIST_PAGE)));

/** The checklist's reads: (item, unit) rows with their item, task, section and part. */
export class ChecklistRepository {
  constructor(private readonly store: StoreContext) {}

  rows(filter: ChecklistFilter): Promise<ChecklistRow[]> {
    return this.store.read(async (db) => checklistRows(db, await checklistQuery(db, filter).execute()));
  }

  async page(filter: ChecklistFilter, page: { limit: number; cursor?: string | null }): Promise<ChecklistPage> {
    const limit = checklistLimit(page.limit);
    const after = page.cursor ? decodeCursor(page.cursor, CHECKLIST_SORT, ["string", "number", "string", "number", "string"]) : null;
    return this.store.read(async (db) => {
      let q = checklistQuery(db, filter);
      if (after) {
        const [planId, position, itemId, unitPosition, unitId] = after;
        q = q.where(
          sql<boolean>`(ci.plan_id, ci.position, ci.id, coalesce(tu.position, -1), p.unit_id) > (${planId}, ${position}, ${itemId}, ${unitPosition}, ${unitId})`,
        );
        // The same bound on the leading key alone, which the index on (plan_id, position) can seek to.
        if (filter.planId !== undefined) q = q.where("ci.position", ">=", Number(position));
      }
      const rows = await q.limit(limit + 1).execute();
      const kept = rows.slice(0, limit);
      const last = kept.at(-1);
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor(CHECKLIST_SORT, [last.ci_plan_id, last.ci_position, last.item_id, last.tu_position ?? -1, last.unit_id])
          : null;
      return { items: await checklistRows(db, kept), nextCursor };
    });
  }

  dueFirst(filter: ChecklistFilter, limit: number): Promise<{ items: ChecklistRow[]; total: number }> {
    const n = checklistLimit(limit);
    return this.store.read(async (db) => {
      const rows = await checklistQuery(db, filter, true).limit(n).execute();
      const counted = await checklistQuery(db, filter)
        .clearSelect()
        .clearOrderBy()
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return { items: await checklistRows(db, rows), total: Number(counted.n) };
    });
  }
}

/** The checklist's rows in their order (see ChecklistRepository.page), filtered; `dueFirst`: by due date first. */
function checklistQuery(db: Db, filter: ChecklistFilter, dueFirst = false) {
  return (
    db
      .selectFrom("progress as p")
      .innerJoin("checklist_items as ci", "ci.id", "p.item_id")
      .innerJoin("tasks as t", "t.id", "ci.task_id")
      .innerJoin("parts as pa", (j) => j.onRef("pa.plan_id", "=", "t.plan_id").onRef("pa.number", "=", "t.part_number"))
      .leftJoin("sections as s", (j) => j.onRef("s.plan_id", "=", "t.plan_id").onRef("s.number", "=", "t.section_number"))
      .leftJoin("task_units as tu", (j) =>
        j.onRef("tu.task_id", "=", "t.id").onRef("tu.unit_id", "=", "p.unit_id").onRef("tu.role", "=", "p.role"),
      )
      .selectAll("p")
      .select([
        "ci.plan_id as ci_plan_id",
        "ci.task_id as ci_task_id",
        "ci.kind as ci_kind",
        "ci.milestone_index as ci_milestone_index",
        "ci.label as ci_label",
        "ci.due as ci_due",
        "ci.target_indexes_json as ci_target_indexes_json",
        "ci.position as ci_position",
        "tu.position as tu_position",
        "t.number as task_number",
        "t.title as task_title",
        "s.title as section_title",
        "pa.title as part_title",
      ])
      // Live rows, or (for admins) the orphaned ones: a unit removed from the task, an item the text no longer has.
      .$call((qb) =>
        filter.orphaned === true
          ? qb.where((eb) => eb.or([eb("p.orphaned", "<>", 0), eb("ci.orphaned", "<>", 0)]))
          : qb.where("p.orphaned", "=", 0).where("ci.orphaned", "=", 0),
      )
      .$call(whenDefined(filter.planId, (qb, planId) => qb.where("ci.plan_id", "=", planId)))
      .$call(whenDefined(filter.taskId, (qb, taskId) => qb.where("ci.task_id", "=", taskId)))
      .$call(whenDefined(filter.unitId, (qb, unitId) => qb.where("p.unit_id", "=", unitId)))
      .$call(whenDefined(filter.role, (qb, role) => qb.where("p.role", "=", role)))
      .$call(whenDefined(filter.status, (qb, status) => qb.where("p.status", "=", status)))
      .$call(whenDefined(filter.responsiblePerson, (qb, person) => qb.where("p.responsible_person_name", "=", person.trim())))
      .$call(whenDefined(filter.openDueBefore, (qb, due) => qb.where("ci.due", "<", due).where("p.status", "not in", [...CLOSED_STATUSES])))
      .$call(whenDefined(filter.openDueFrom, (qb, due) => qb.where("ci.due", ">=", due).where("p.status", "not in", [...CLOSED_STATUSES])))
      .$if(dueFirst, (qb) => qb.orderBy("ci.due"))
      // A row whose unit is no longer the task's (orphaned) has no place in the task: it sorts first within its item.
      .orderBy("ci.plan_id")
      .orderBy("ci.position")
      .orderBy("ci.id")
      .orderBy(sql`coalesce(tu.position, -1)`)
      .orderBy("p.unit_id")
  );
}

type ChecklistQueryRow = Awaited<ReturnType<ReturnType<typeof checklistQuery>["execute"]>>[number];

/** Checklist rows as the store returns them, with the assignments of every task they belong to. */
async function checklistRows(db: Db, rows: ChecklistQueryRow[]): Promise<ChecklistRow[]> {
  // One query for the assignments of every task in the result.
  const unitRows = await taskUnitRows(db, [...new Set(rows.map((r) => r.ci_task_id))], 500);
  const items = new Map<string, ChecklistItem>();
  return rows.map((r) => {
    let item = items.get(r.item_id);
    if (!item) {
      item = ChecklistItemSchema.parse({
        id: r.item_id,
        planId: r.ci_plan_id,
        taskId: r.ci_task_id,
        kind: r.ci_kind,
        milestoneIndex: r.ci_milestone_index,
        label: r.ci_label,
        due: r.ci_due,
        targetIndexes: JSON.parse(r.ci_target_indexes_json),
        assignments: (unitRows.get(r.ci_task_id) ?? []).map((u) => ({ unitId: u.unit_id, role: u.role })),
      });
      items.set(r.item_id, item);
    }
    const progress = toProgress(r);
    return {
      item,
      unitId: progress.unitId,
      role: r.role === "lead" ? "lead" : "responsible",
      progress,
      taskNumber: r.task_number,
      taskTitle: r.task_title,
      sectionTitle: r.section_title,
      partTitle: r.part_title,
    } satisfies ChecklistRow;
  });
}
