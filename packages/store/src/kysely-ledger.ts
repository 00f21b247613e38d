import { randomUUID } from "node:crypto";
import { DatabaseEvidenceFiles, type EvidenceFiles } from "./evidence-files.js";
import {
  assignmentChangeKind,
  CLOSED_STATUSES,
  type AssignmentHistoryEntry,
  ChecklistItemSchema,
  jurisdictionKey,
  JurisdictionSchema,
  PlanSchema,
  PlanSummarySchema,
  ProgressFieldsSchema,
  ProgressPatchSchema,
  ProgressSchema,
  taskChecklist,
  type ChecklistItem,
  type ChecklistItemId,
  type HistoryEntry,
  type Plan,
  type PlanId,
  type PlanSummary,
  type Progress,
  type ProgressFields,
  type Task,
  type TaskId,
  type Unit,
  type UnitId,
} from "@taizhang/core";
import { CompiledQuery, sql, type Kysely, type Selectable, type Updateable } from "kysely";
import { readAssignmentHistory, recordAssignmentChanges, storedTaskUnits } from "./assignment-history.js";
import { chunks } from "./chunks.js";
import { sha256Hex } from "./content-hash.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import type { Database, ProgressTable, TokensTable } from "./database.js";
import { GroupCommit } from "./group-commit.js";
import { deleteSession, deleteTokenSessions, findSession, insertSession, touchSession } from "./sessions.js";
import { refuseUnstorable } from "./stored-text-guard.js";
import {
  LedgerError,
  type Actor,
  type AssignmentHistoryFilter,
  type BulkResult,
  type ChecklistFilter,
  type ChecklistPage,
  type ChecklistRow,
  type HistoryFilter,
  MAX_CHECKLIST_PAGE,
  type Ledger,
  type PlanRevision,
  type Page,
  type PlanLoadResult,
  type ProgressUpdate,
  type ReportRow,
  type Role,
  type TaskFilter,
  type TokenRecord,
  type UnitAssignmentRequest,
} from "./ledger.js";
import { syncChecklist, writePlan, writePlanUnitsAdding, writeTaskUnits } from "./plan-sync.js";
import { progressReport, type ReportBy } from "./report-query.js";
import { retryTransient } from "./retry.js";
import { toHistoryEntry, toProgress, toUnit } from "./row-mapping.js";
import type { StoreDialect } from "./store-dialect.js";
import { plansRevision, nextPlanStamp } from "./plans-revision.js";
import { NextRun } from "./next-run.js";
import { dependsOnPlansOnly, TaskKeyCache, taskListKey, type TaskSort } from "./task-key-cache.js";
import { assembleTasks, pageOfTasks, taskKeyColumns, tasksInOrder } from "./task-reads.js";
import { hashesEqual, hashTokenSecret, newTokenSecret } from "./token-secret.js";
import type { WriteGate } from "./write-gate.js";

type Db = Kysely<Database>;

const MAX_PAGE = 500;
/** The sort a checklist cursor belongs to. */
const CHECKLIST_SORT = "checklist";
const DEFAULT_HISTORY_PAGE = 50;
/** Writes of plans' content (loads, unit assignments) are serialised on PostgreSQL under this advisory lock key (see plans-revision.ts). */
const PLAN_LOAD_LOCK = 7_283_001;
/** last_used_at is refreshed at most this often, so reads do not each become a write. */
const TOKEN_TOUCH_INTERVAL_MS = 60_000;

const clampLimit = (limit: number | undefined, fallback: number) =>
  Math.min(MAX_PAGE, Math.max(1, Math.trunc(limit !== undefined && Number.isFinite(limit) ? limit : fallback)));

/** An update as read and worked out before its compare-and-set write. */
interface PlannedUpdate {
  /** The plan the item belongs to, for the history row. */
  planId: string;
  before: ProgressFields;
  after: ProgressFields;
}

/** Thrown inside a bulk transaction to roll it back; never leaves this file. */
class BulkRollback extends Error {
  constructor(readonly result: BulkResult) {
    super("bulk update rolled back");
  }
}

/** The queries of dataRevision, compiled once: it runs before every cached answer. */
const DATA_VERSION = CompiledQuery.raw("pragma data_version");
const CURRENT_SNAPSHOT = CompiledQuery.raw("select pg_current_snapshot()::text as snapshot");

/**
 * The ledger over Kysely: one query layer for SQLite and PostgreSQL. Writes
 * run in one transaction each, retried as a whole when the database is busy.
 */
export class KyselyLedger implements Ledger {
  constructor(
    /** The Kysely instance; exposed for tests and tools (benchmarks), not for the API. */
    readonly db: Db,
    readonly dialect: StoreDialect,
    private readonly clock: () => Date = () => new Date(),
    /** Serialises this process's write transactions on one SQLite file (see write-gate.ts). */
    private readonly gate: WriteGate | null = null,
    /** Uploaded evidence files: a folder beside the SQLite file, or the `evidence_files` table. */
    readonly evidenceFiles: EvidenceFiles = new DatabaseEvidenceFiles(db, clock),
  ) {}

  /** SQLite: concurrent single updates share a transaction and its fsync (see group-commit.ts). */
  private readonly sqliteCommits = new GroupCommit<{ actor: Actor; update: ProgressUpdate; planned: PlannedUpdate }, Progress | null>(
    (writes) =>
      this.write(async (trx) => {
        const written: Array<Progress | null> = [];
        for (const w of writes) written.push(await this.commitUpdate(trx, w.actor, w.update, w.planned, this.now()));
        return written;
      }),
  );

  /** The task list's keys per filter (see listTasks). */
  private readonly taskKeys = new TaskKeyCache();

  private now(): string {
    return this.clock().toISOString();
  }

  private write<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    const attempt = () => this.db.transaction().execute(work);
    const gate = this.gate;
    return this.counted(retryTransient(this.dialect, gate ? () => gate.run(attempt) : attempt));
  }

  /**
   * Writes this process has finished, committed or not: part of
   * {@link dataRevision}. Counted when a write settles, so after its commit:
   * a reader that sees the new count reads the new data.
   */
  private settledWrites = 0;

  private counted<T>(write: Promise<T>): Promise<T> {
    return write.finally(() => {
      this.settledWrites++;
    });
  }

  async dataRevision(): Promise<string> {
    // The count first, then the database's token: either may move on while the read that follows runs, which
    // only makes a result stored under this revision newer than the revision says, never older.
    if (this.dialect === "sqlite") {
      const local = this.settledWrites;
      // Changes whenever another connection (another process: CLI, TUI, a second server) commits to the file.
      const { rows } = await this.db.executeQuery<{ data_version: number }>(DATA_VERSION);
      return `${local}:${String(rows[0]?.data_version ?? "")}`;
    }
    // Callers arriving while a snapshot is being read wait for the next read, which starts after they came:
    // under load one round trip answers them all.
    return this.snapshots.next();
  }

  private readonly snapshots = new NextRun(() => this.readSnapshot());

  private async readSnapshot(): Promise<string> {
    const local = this.settledWrites;
    // Two equal snapshots (xmin:xmax:in-progress ids) see exactly the same committed transactions.
    const { rows } = await this.db.executeQuery<{ snapshot: string }>(CURRENT_SNAPSHOT);
    return `${local}:${rows[0]?.snapshot ?? ""}`;
  }

  /**
   * Runs `work` as one write transaction, as every write here does (retried
   * whole while the database is busy, in turn with this process's other
   * writers to the same SQLite file). For store tools such as restore; `work`
   * may run more than once, so it must read its input afresh each time.
   */
  writeTransaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.write(work);
  }

  private read<T>(work: (db: Db) => Promise<T>): Promise<T> {
    return retryTransient(this.dialect, () => work(this.db));
  }

  async loadPlan(input: Plan, options: { actor?: Pick<Actor, "name" | "source"> } = {}): Promise<PlanLoadResult> {
    const parsed = PlanSchema.safeParse(input);
    if (!parsed.success) throw new LedgerError("invalid", "the plan does not match the model", parsed.error.issues);
    const plan = parsed.data;
    const canonical = JSON.stringify(plan);
    const hash = sha256Hex(canonical);
    // Most loads are restarts of an unchanged plan: answer those without a write lock.
    const stored = await this.read((db) =>
      db.selectFrom("plans").select("content_hash").where("id", "=", plan.id).executeTakeFirst(),
    );
    if (stored?.content_hash === hash) return { planId: plan.id, action: "unchanged" };
    const action = await this.write(async (trx) => {
      if (this.dialect === "postgres") await sql`select pg_advisory_xact_lock(${PLAN_LOAD_LOCK})`.execute(trx);
      return writePlan(trx, plan, canonical, hash, this.now(), options.actor);
    });
    return { planId: plan.id, action };
  }

  planRevisions(): Promise<PlanRevision[]> {
    return this.read(async (db) => {
      const rows = await db.selectFrom("plans").select(["id", "content_hash", "updated_at"]).orderBy("id").execute();
      return rows.map((r) => ({ planId: r.id as PlanId, revision: `${r.content_hash}@${r.updated_at}` }));
    });
  }

  listPlans(): Promise<PlanSummary[]> {
    return this.read(async (db) => {
      const rows = await db
        .selectFrom("plans")
        .select(["id", "title", "issuer", "document_number", "jurisdiction", "jurisdiction_level", "jurisdiction_parent", "start_year", "end_year", "counts_json"])
        .orderBy("id")
        .execute();
      return rows.map((r) =>
        PlanSummarySchema.parse({
          id: r.id,
          title: r.title,
          issuer: r.issuer,
          documentNumber: r.document_number,
          jurisdiction: JurisdictionSchema.parse({ name: r.jurisdiction, level: r.jurisdiction_level, parent: r.jurisdiction_parent }),
          period: { startYear: r.start_year, endYear: r.end_year },
          counts: JSON.parse(r.counts_json),
        }),
      );
    });
  }

  getPlan(planId: PlanId): Promise<Plan> {
    return this.read(async (db) => {
      const row = await db.selectFrom("plans").select("plan_json").where("id", "=", planId).executeTakeFirst();
      if (!row) throw new LedgerError("not_found", `no plan ${planId}`);
      const stored = PlanSchema.parse(JSON.parse(row.plan_json));
      // Tasks and units come from the live tables: an admin may have assigned units since the load.
      const taskRows = await db
        .selectFrom("tasks")
        .selectAll()
        .where("plan_id", "=", planId)
        .where("orphaned", "=", 0)
        .orderBy("number")
        .execute();
      const tasks = await assembleTasks(db, taskRows);
      const units = await this.unitsOf(db, { planId });
      return { ...stored, tasks, units };
    });
  }

  getTask(taskId: TaskId): Promise<Task> {
    return this.read(async (db) => {
      const row = await db.selectFrom("tasks").selectAll().where("id", "=", taskId).where("orphaned", "=", 0).executeTakeFirst();
      if (!row) throw new LedgerError("not_found", `no task ${taskId}`);
      const [task] = await assembleTasks(db, [row]);
      if (!task) throw new LedgerError("not_found", `no task ${taskId}`);
      return task;
    });
  }

  listTasks(
    filter: TaskFilter,
    page: { limit: number; cursor?: string | null; sort?: TaskSort },
  ): Promise<Page<Task>> {
    const sort = page.sort ?? "number";
    const limit = clampLimit(page.limit, 50);
    const cursor = page.cursor ?? null;
    return this.read(async (db) => {
      if (!dependsOnPlansOnly(filter)) return pageOfTasks(db, filter, { sort, limit, cursor });
      // A large match (a theme across every plan) costs a sort and a count of all of it per page; its keys
      // are kept instead, for as long as the revision of the plans (read from the database: other processes
      // write to it too) stays the same.
      const revision = await plansRevision(db);
      const keys = await this.taskKeys.get(taskListKey(filter, sort), revision, () => taskKeyColumns(db, filter, sort));
      const start = cursor ? keys.after(cursor, sort) : 0;
      if (start === null) return pageOfTasks(db, filter, { sort, limit, cursor });
      const end = Math.min(start + limit, keys.length);
      return {
        items: await tasksInOrder(db, keys.ids(start, end)),
        nextCursor: end < keys.length ? encodeCursor(sort, keys.cursorKey(end - 1, sort)) : null,
        total: keys.length,
      };
    });
  }

  listUnits(filter: { planId?: PlanId; jurisdiction?: string } = {}): Promise<Unit[]> {
    return this.read((db) => this.unitsOf(db, filter));
  }

  private async unitsOf(db: Db, filter: { planId?: PlanId; jurisdiction?: string; ids?: string[] }): Promise<Unit[]> {
    let q = db.selectFrom("units as u").selectAll("u");
    if (filter.planId !== undefined) {
      q = q
        .innerJoin("plan_units as pu", "pu.unit_id", "u.id")
        .where("pu.plan_id", "=", filter.planId)
        .orderBy("pu.position");
    } else {
      q = q.orderBy("u.jurisdiction").orderBy("u.name");
    }
    if (filter.jurisdiction !== undefined) q = q.where("u.jurisdiction", "=", filter.jurisdiction);
    if (filter.ids !== undefined) q = q.where("u.id", "in", filter.ids.length > 0 ? filter.ids : [""]);
    const rows = await q.execute();
    const aliases = new Map<string, string[]>();
    for (const batch of chunks(rows.map((r) => r.id), 500)) {
      const aliasRows = await db.selectFrom("unit_aliases").selectAll().where("unit_id", "in", batch).orderBy("alias").execute();
      for (const a of aliasRows) aliases.set(a.unit_id, [...(aliases.get(a.unit_id) ?? []), a.alias]);
    }
    return rows.map((r) => toUnit(r, aliases.get(r.id) ?? []));
  }

  resolveUnit(nameOrId: string, jurisdiction?: string): Promise<Unit[]> {
    const needle = nameOrId.trim();
    return this.read(async (db) => {
      // Three indexed lookups joined by UNION: an OR across id, name and an alias subquery made
      // SQLite scan every unit (40 ms per request with the national corpus's 36,000 units).
      const matches = db
        .selectFrom("units")
        .select("id")
        .where("id", "=", needle)
        .union(db.selectFrom("units").select("id").where("name", "=", needle))
        .union(db.selectFrom("unit_aliases").select("unit_id as id").where("alias", "=", needle));
      let q = db.selectFrom("units as u").select("u.id").where("u.id", "in", matches);
      if (jurisdiction !== undefined) q = q.where("u.jurisdiction", "=", jurisdiction);
      const ids = (await q.execute()).map((r) => r.id);
      return ids.length === 0 ? [] : this.unitsOf(db, { ids });
    });
  }

  checklist(filter: ChecklistFilter): Promise<ChecklistRow[]> {
    return this.read(async (db) => this.checklistRows(db, await this.checklistQuery(db, filter).execute()));
  }

  async checklistPage(filter: ChecklistFilter, page: { limit: number; cursor?: string | null }): Promise<ChecklistPage> {
    const limit = Math.min(MAX_CHECKLIST_PAGE, Math.max(1, Math.trunc(Number.isFinite(page.limit) ? page.limit : MAX_CHECKLIST_PAGE)));
    const after = page.cursor ? decodeCursor(page.cursor, CHECKLIST_SORT, ["string", "number", "string", "number", "string"]) : null;
    return this.read(async (db) => {
      let q = this.checklistQuery(db, filter);
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
      return { items: await this.checklistRows(db, kept), nextCursor };
    });
  }

  checklistDueFirst(filter: ChecklistFilter, limit: number): Promise<{ items: ChecklistRow[]; total: number }> {
    const n = Math.min(MAX_CHECKLIST_PAGE, Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : MAX_CHECKLIST_PAGE)));
    return this.read(async (db) => {
      const rows = await this.checklistQuery(db, filter, true).limit(n).execute();
      const counted = await this.checklistQuery(db, filter)
        .clearSelect()
        .clearOrderBy()
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow();
      return { items: await this.checklistRows(db, rows), total: Number(counted.n) };
    });
  }

  /** The checklist's rows in their order (see checklistPage), filtered; `dueFirst`: by due date first. */
  private checklistQuery(db: Db, filter: ChecklistFilter, dueFirst = false) {
    let q = db
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
      ]);
    // Live rows, or (for admins) the orphaned ones: a unit removed from the task, an item the text no longer has.
    q =
      filter.orphaned === true
        ? q.where((eb) => eb.or([eb("p.orphaned", "<>", 0), eb("ci.orphaned", "<>", 0)]))
        : q.where("p.orphaned", "=", 0).where("ci.orphaned", "=", 0);
    if (filter.planId !== undefined) q = q.where("ci.plan_id", "=", filter.planId);
    if (filter.taskId !== undefined) q = q.where("ci.task_id", "=", filter.taskId);
    if (filter.unitId !== undefined) q = q.where("p.unit_id", "=", filter.unitId);
    if (filter.role !== undefined) q = q.where("p.role", "=", filter.role);
    if (filter.status !== undefined) q = q.where("p.status", "=", filter.status);
    if (filter.responsiblePerson !== undefined) q = q.where("p.responsible_person_name", "=", filter.responsiblePerson.trim());
    if (filter.openDueBefore !== undefined) {
      q = q.where("ci.due", "<", filter.openDueBefore).where("p.status", "not in", [...CLOSED_STATUSES]);
    }
    if (filter.openDueFrom !== undefined) {
      q = q.where("ci.due", ">=", filter.openDueFrom).where("p.status", "not in", [...CLOSED_STATUSES]);
    }
    if (dueFirst) q = q.orderBy("ci.due");
    // A row whose unit is no longer the task's (orphaned) has no place in the task: it sorts first within its item.
    return q
      .orderBy("ci.plan_id")
      .orderBy("ci.position")
      .orderBy("ci.id")
      .orderBy(sql`coalesce(tu.position, -1)`)
      .orderBy("p.unit_id");
  }

  /** Checklist rows as the store returns them, with the assignments of every task they belong to. */
  private async checklistRows(db: Db, rows: Awaited<ReturnType<ReturnType<KyselyLedger["checklistQuery"]>["execute"]>>): Promise<ChecklistRow[]> {
    // One query for the assignments of every task in the result.
    const assignments = new Map<string, Array<{ unitId: string; role: string }>>();
    for (const batch of chunks([...new Set(rows.map((r) => r.ci_task_id))], 500)) {
      const unitRows = await db
        .selectFrom("task_units")
        .selectAll()
        .where("task_id", "in", batch)
        .orderBy("task_id")
        .orderBy("position")
        .execute();
      for (const u of unitRows) {
        let list = assignments.get(u.task_id);
        if (!list) assignments.set(u.task_id, (list = []));
        list.push({ unitId: u.unit_id, role: u.role });
      }
    }
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
          assignments: assignments.get(r.ci_task_id) ?? [],
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

  getProgress(itemId: ChecklistItemId, unitId: UnitId): Promise<Progress> {
    return this.read(async (db) => {
      const row = await db
        .selectFrom("progress")
        .selectAll()
        .where("item_id", "=", itemId)
        .where("unit_id", "=", unitId)
        .executeTakeFirst();
      if (!row) throw new LedgerError("not_found", `no progress for ${itemId} and ${unitId}`);
      return toProgress(row);
    });
  }

  /**
   * Reads the row and works out the change outside the write lock, then
   * writes it with a compare-and-set on the version it read (see
   * commitUpdate). On SQLite the serialised part of a write is then the two
   * statements that change the file, in a transaction shared with the other
   * updates waiting at that moment (group commit); on PostgreSQL a write is
   * two round trips, the read and one statement.
   */
  async updateProgress(actor: Actor, update: ProgressUpdate): Promise<Progress> {
    const checked = this.checkUpdate(actor, update);
    for (;;) {
      const written =
        this.dialect === "postgres"
          ? // Both on one pooled connection, taken once; the write is one statement, atomic on its
            // own, so there is no BEGIN and COMMIT to wait for either.
            await this.counted(
              retryTransient(this.dialect, () =>
                this.db.connection().execute(async (db) => this.commitUpdate(db, actor, checked, await this.planUpdate(db, checked), this.now())),
              ),
            )
          : await this.sqliteCommits.submit({ actor, update: checked, planned: await this.read((db) => this.planUpdate(db, checked)) });
      if (written) return written;
      // The row changed since it was read: read it again, which refuses the write as stale (or
      // orphaned) unless the row is back at the expected version, and then tries again.
    }
  }

  async bulkUpdateProgress(actor: Actor, updates: ProgressUpdate[]): Promise<BulkResult> {
    // Refusals that need no database (role, unit, patch shape) are reported without opening a transaction.
    const prechecked = updates.map((update) => {
      try {
        return { update: this.checkUpdate(actor, update) };
      } catch (error) {
        if (error instanceof LedgerError) return { error };
        throw error;
      }
    });
    const refused = prechecked.some((p) => p.error);
    const notApplied = (index: number) => ({
      index,
      error: { code: "not_applied" as const, message: "not applied: another update in this batch was refused" },
    });
    if (refused) {
      return {
        ok: false,
        results: prechecked.map((p, index) =>
          p.error ? { index, error: { code: p.error.code, message: p.error.message } } : notApplied(index),
        ),
      };
    }
    try {
      return await this.write(async (trx) => {
        const at = this.now();
        const results: BulkResult["results"] = [];
        for (const [index, p] of prechecked.entries()) {
          if (!p.update) continue;
          try {
            results.push({ index, progress: await this.applyUpdate(trx, actor, p.update, at) });
          } catch (error) {
            if (!(error instanceof LedgerError)) throw error;
            const current = (error.details as { current?: Progress } | undefined)?.current;
            results.push({ index, error: { code: error.code, message: error.message, ...(current ? { current } : {}) } });
          }
        }
        if (results.some((r) => r.error)) {
          throw new BulkRollback({ ok: false, results: results.map((r) => (r.error ? r : notApplied(r.index))) });
        }
        return { ok: true, results };
      });
    } catch (error) {
      if (error instanceof BulkRollback) return error.result;
      throw error;
    }
  }

  /** Role, unit and patch checks: everything that needs no database. */
  private checkUpdate(actor: Actor, update: ProgressUpdate): ProgressUpdate {
    if (actor.role === "viewer") throw new LedgerError("forbidden", "a viewer may not change progress");
    if (actor.role === "office" && actor.unitId !== update.unitId) {
      throw new LedgerError("forbidden", `${actor.name} may only change the progress of its own unit`);
    }
    if (!Number.isInteger(update.expectedVersion) || update.expectedVersion < 0) {
      throw new LedgerError("invalid", "expectedVersion must be a whole number ≥ 0");
    }
    const patch = ProgressPatchSchema.safeParse(update.patch);
    if (!patch.success) throw new LedgerError("invalid", "the progress change is not valid", patch.error.issues);
    refuseUnstorable(patch.data);
    refuseUnstorable(update.comment ?? null, "comment");
    return { ...update, patch: patch.data };
  }

  /** One update inside a transaction that is already open (a bulk update's). */
  private async applyUpdate(trx: Db, actor: Actor, update: ProgressUpdate, at: string): Promise<Progress> {
    for (;;) {
      const planned = await this.planUpdate(trx, update);
      const written = await this.commitUpdate(trx, actor, update, planned, at);
      if (written) return written;
    }
  }

  /**
   * Reads the row an update is for and works out the fields after it. Refuses
   * a row that does not exist or is orphaned, and a version that is not the
   * current one (stale_version, with the current progress).
   */
  private async planUpdate(db: Db, update: ProgressUpdate): Promise<PlannedUpdate> {
    const row = await db
      .selectFrom("progress as p")
      .innerJoin("checklist_items as ci", "ci.id", "p.item_id")
      .selectAll("p")
      .select("ci.plan_id")
      .where("p.item_id", "=", update.itemId)
      .where("p.unit_id", "=", update.unitId)
      .executeTakeFirst();
    if (!row) throw new LedgerError("not_found", `${update.unitId} has no progress on ${update.itemId}`);
    if (row.orphaned !== 0) {
      throw new LedgerError("conflict", `${update.itemId} is no longer assigned to ${update.unitId} in the current plan`);
    }
    const current = toProgress(row);
    if (current.version !== update.expectedVersion) {
      throw new LedgerError("stale_version", `version ${update.expectedVersion} is stale; the current version is ${current.version}`, {
        current,
      });
    }
    const before = progressFields(current);
    return { planId: row.plan_id, before, after: ProgressFieldsSchema.parse({ ...before, ...update.patch }) };
  }

  /**
   * The write itself, a compare-and-set: the UPDATE only matches while the
   * row still has the version the update was planned from (and is not
   * orphaned), so two writers can never both succeed from the same version,
   * whatever the isolation level; the history row is written only with it.
   * On PostgreSQL one statement (the UPDATE in a CTE that the history INSERT
   * selects from); SQLite has no UPDATE in a CTE, so there it is two, and the
   * caller holds them in a transaction. Null when the row has moved on.
   */
  private async commitUpdate(db: Db, actor: Actor, update: ProgressUpdate, planned: PlannedUpdate, at: string): Promise<Progress | null> {
    const { after } = planned;
    const version = update.expectedVersion + 1;
    const changed = db
      .updateTable("progress")
      .set({ ...changedColumns(planned.before, after), version, updated_by: actor.name, updated_at: at })
      .where("item_id", "=", update.itemId)
      .where("unit_id", "=", update.unitId)
      .where("version", "=", update.expectedVersion)
      .where("orphaned", "=", 0);
    const history = {
      plan_id: planned.planId,
      actor: actor.name,
      source: actor.source,
      at,
      before_json: JSON.stringify(planned.before),
      after_json: JSON.stringify(after),
      note: update.comment ?? null,
    };
    if (this.dialect === "postgres") {
      const inserted = await db
        .with("written", () => changed.returning(["item_id", "unit_id", "version"]))
        .insertInto("history")
        .columns(["plan_id", "item_id", "unit_id", "version", "actor", "source", "at", "before_json", "after_json", "note"])
        .expression((eb) =>
          eb
            .selectFrom("written")
            .select((s) => [
              s.val(history.plan_id).as("plan_id"),
              "written.item_id",
              "written.unit_id",
              "written.version",
              s.val(history.actor).as("actor"),
              s.val(history.source).as("source"),
              s.val(history.at).as("at"),
              s.val(history.before_json).as("before_json"),
              s.val(history.after_json).as("after_json"),
              s.val(history.note).as("note"),
            ]),
        )
        .executeTakeFirstOrThrow();
      if (inserted.numInsertedOrUpdatedRows !== 1n) return null;
    } else {
      const updated = await changed.executeTakeFirstOrThrow();
      if (updated.numUpdatedRows !== 1n) return null;
      await db
        .insertInto("history")
        .values({ ...history, item_id: update.itemId, unit_id: update.unitId, version })
        .execute();
    }
    return ProgressSchema.parse({ ...after, itemId: update.itemId, unitId: update.unitId, version, updatedBy: actor.name, updatedAt: at });
  }

  history(filter: HistoryFilter): Promise<Page<HistoryEntry>> {
    const limit = clampLimit(filter.limit, DEFAULT_HISTORY_PAGE);
    return this.read(async (db) => {
      let q = db.selectFrom("history");
      if (filter.planId !== undefined) q = q.where("plan_id", "=", filter.planId);
      if (filter.itemId !== undefined) q = q.where("item_id", "=", filter.itemId);
      if (filter.taskId !== undefined) {
        // A task's item ids are `<taskId>#<item>`: its plan's history (the history_plan index), then a prefix
        // match — LIKE, not a range, which would follow the database's collation on PostgreSQL.
        const taskId = filter.taskId;
        const pattern = `${taskId.replace(/[\\%_]/g, (ch) => `\\${ch}`)}#%`;
        q = q.where("plan_id", "=", taskId.slice(0, taskId.lastIndexOf("/"))).where(sql<boolean>`item_id like ${pattern} escape '\\'`);
      }
      if (filter.unitId !== undefined) q = q.where("unit_id", "=", filter.unitId);
      if (filter.since !== undefined) q = q.where("at", ">=", instant(filter.since, "since"));
      if (filter.until !== undefined) q = q.where("at", "<=", instant(filter.until, "until"));
      let pageQuery = q.selectAll();
      if (filter.cursor) {
        const [lastId] = decodeCursor(filter.cursor, "history", ["number"]);
        pageQuery = pageQuery.where("id", "<", Number(lastId));
      }
      const rows = await pageQuery.orderBy("id", "desc").limit(limit + 1).execute();
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const counted = await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      return {
        items: pageRows.map(toHistoryEntry),
        nextCursor: rows.length > limit && last ? encodeCursor("history", [last.id]) : null,
        total: Number(counted.n),
      };
    });
  }

  report(by: ReportBy, asOf: Date, filter: { planId?: PlanId } = {}): Promise<ReportRow[]> {
    return this.read((db) => progressReport(db, by, asOf, filter.planId));
  }

  async assignUnits(actor: Actor, taskId: TaskId, assignments: UnitAssignmentRequest): Promise<Task> {
    if (actor.role !== "admin") throw new LedgerError("forbidden", "only an admin may assign units");
    refuseUnstorable(assignments.reason ?? null, "reason");
    const reason = assignments.reason?.trim() || null;
    if (assignments.replace === true && reason === null) {
      throw new LedgerError("invalid", "replacing units the plan names needs a reason (kept in the assignment history)");
    }
    const task = await this.getTask(taskId);
    const plan = await this.read((db) =>
      db
        .selectFrom("plans")
        .select(["jurisdiction", "jurisdiction_level", "jurisdiction_parent", "end_year", "plan_json"])
        .where("id", "=", task.planId)
        .executeTakeFirstOrThrow(),
    );
    // Units are looked up in the plan's own jurisdiction: 成都市锦江区's 区司法局, never 成都市武侯区's.
    const scope = jurisdictionKey(JurisdictionSchema.parse({ name: plan.jurisdiction, level: plan.jurisdiction_level, parent: plan.jurisdiction_parent }));
    const resolve = async (name: string): Promise<UnitId> => {
      const found = await this.resolveUnit(name, scope);
      const [unit] = found;
      if (!unit) throw new LedgerError("invalid", `no unit named ${name} in ${scope}`);
      if (found.length > 1) throw new LedgerError("invalid", `${name} names ${found.length} units in ${scope}`);
      return unit.id;
    };
    const lead: UnitId[] = [];
    for (const name of assignments.lead) lead.push(await resolve(name));
    const responsible: UnitId[] = [];
    for (const name of assignments.responsible) responsible.push(await resolve(name));
    const after = { lead: [...new Set(lead)], responsible: [...new Set(responsible)] };
    // Whether the plan's text names this task's units: the plan as imported, not the assignments since.
    const imported = (JSON.parse(plan.plan_json) as { tasks?: Array<{ number?: number; lead?: unknown[]; responsible?: unknown[] }> }).tasks ?? [];
    const own = imported.find((t) => t.number === task.number);
    const namesUnits = (own?.lead?.length ?? 0) + (own?.responsible?.length ?? 0) > 0;
    const changed = await this.write(async (trx) => {
      if (this.dialect === "postgres") await sql`select pg_advisory_xact_lock(${PLAN_LOAD_LOCK})`.execute(trx);
      const before = (await storedTaskUnits(trx, [task.id])).get(task.id) ?? { lead: [], responsible: [] };
      const kind = assignmentChangeKind(before, after);
      if (kind === null) return false;
      if (namesUnits && assignments.replace !== true) {
        throw new LedgerError(
          "conflict",
          `the text of ${task.planId} names the units of ${task.id}: changing them needs replace=true and a reason`,
          { problem: "units-named-by-plan" },
        );
      }
      const assigned = { ...task, ...after };
      await writeTaskUnits(trx, [assigned]);
      await writePlanUnitsAdding(trx, task.planId, [...after.lead, ...after.responsible]);
      const effects = await syncChecklist(trx, { taskIds: [task.id] }, [assigned], taskChecklist(assigned, plan.end_year));
      const at = this.now();
      await recordAssignmentChanges(trx, actor, at, [{ planId: task.planId, taskId: task.id, kind, before, after, reason, ...effects }]);
      // The plan changed (its tasks' units): readers that cache plans see a new revision.
      await trx.updateTable("plans").set({ updated_at: await nextPlanStamp(trx, at) }).where("id", "=", task.planId).execute();
      return true;
    });
    return changed ? this.getTask(taskId) : task;
  }

  assignmentHistory(filter: AssignmentHistoryFilter): Promise<Page<AssignmentHistoryEntry>> {
    const limit = clampLimit(filter.limit, DEFAULT_HISTORY_PAGE);
    return this.read((db) =>
      readAssignmentHistory(db, {
        ...(filter.planId !== undefined ? { planId: filter.planId } : {}),
        ...(filter.taskId !== undefined ? { taskId: filter.taskId } : {}),
        limit,
        cursor: filter.cursor ?? null,
      }),
    );
  }

  async createToken(input: { name: string; role: Role; unitId: UnitId | null }): Promise<{ token: string; record: TokenRecord }> {
    const name = input.name.trim();
    if (name === "") throw new LedgerError("invalid", "a token needs a name");
    refuseUnstorable(name, "name");
    if (!["admin", "office", "viewer"].includes(input.role)) throw new LedgerError("invalid", `unknown role ${input.role}`);
    if (input.role === "office" && input.unitId === null) throw new LedgerError("invalid", "an office token needs a unit");
    const token = newTokenSecret();
    const row = {
      id: randomUUID(),
      name,
      role: input.role,
      unit_id: input.unitId,
      secret_hash: hashTokenSecret(token),
      created_at: this.now(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.write(async (trx) => {
      if (input.unitId !== null) {
        const unit = await trx.selectFrom("units").select("id").where("id", "=", input.unitId).executeTakeFirst();
        if (!unit) throw new LedgerError("not_found", `no unit ${input.unitId}`);
      }
      await trx.insertInto("tokens").values(row).execute();
    });
    return { token, record: toTokenRecord(row) };
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.read(async (db) => (await db.selectFrom("tokens").selectAll().orderBy("created_at").orderBy("id").execute()).map(toTokenRecord));
  }

  revokeToken(id: string): Promise<TokenRecord> {
    const at = this.now();
    return this.write(async (trx) => {
      const row = await trx.selectFrom("tokens").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) throw new LedgerError("not_found", `no token ${id}`);
      if (row.revoked_at !== null) return toTokenRecord(row);
      await trx.updateTable("tokens").set({ revoked_at: at }).where("id", "=", id).execute();
      await deleteTokenSessions(trx, id);
      return toTokenRecord({ ...row, revoked_at: at });
    });
  }

  createSession(tokenId: string, lifetimeMs: number): Promise<{ sessionId: string; expiresAt: string }> {
    return this.write(async (trx) => {
      const token = await trx.selectFrom("tokens").select("revoked_at").where("id", "=", tokenId).executeTakeFirst();
      if (!token || token.revoked_at !== null) throw new LedgerError("not_found", `no live token ${tokenId}`);
      return insertSession(trx, tokenId, this.clock(), lifetimeMs);
    });
  }

  async authenticateSession(sessionId: string): Promise<TokenRecord | null> {
    const now = this.clock();
    const session = await this.read((db) => findSession(db, sessionId, now));
    if (!session) return null;
    if (now.getTime() - Date.parse(session.lastSeen) >= TOKEN_TOUCH_INTERVAL_MS) await this.write((trx) => touchSession(trx, sessionId, now));
    const row = await this.read((db) => db.selectFrom("tokens").selectAll().where("id", "=", session.tokenId).executeTakeFirst());
    return row && row.revoked_at === null ? toTokenRecord(row) : null;
  }

  async deleteSession(sessionId: string): Promise<void> {
    const now = this.clock();
    await this.write((trx) => deleteSession(trx, sessionId, now));
  }

  async authenticate(token: string): Promise<TokenRecord | null> {
    const hash = hashTokenSecret(token);
    const row = await this.read((db) => db.selectFrom("tokens").selectAll().where("secret_hash", "=", hash).executeTakeFirst());
    if (!row || !hashesEqual(row.secret_hash, hash) || row.revoked_at !== null) return null;
    const now = this.clock();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOKEN_TOUCH_INTERVAL_MS) {
      const at = now.toISOString();
      await this.write((trx) => trx.updateTable("tokens").set({ last_used_at: at }).where("id", "=", row.id).execute());
      return toTokenRecord({ ...row, last_used_at: at });
    }
    return toTokenRecord(row);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * History times are stored as `toISOString()` text; a bound in any other
 * ISO form (a bare date, an offset) is brought to the same form so that text
 * comparison is time comparison. A bare date means its midnight UTC.
 */
function instant(value: string, name: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new LedgerError("invalid", `${name} is not a date or time: ${value}`);
  return new Date(t).toISOString();
}

type ProgressColumns = Pick<
  Updateable<ProgressTable>,
  "status" | "percent" | "note" | "evidence_json" | "measured_value_json" | "responsible_person_json" | "responsible_person_name"
>;

function progressColumns(f: ProgressFields): Required<ProgressColumns> {
  return {
    status: f.status,
    percent: f.percent,
    note: f.note,
    evidence_json: JSON.stringify(f.evidence),
    measured_value_json: f.measuredValue === null ? null : JSON.stringify(f.measuredValue),
    responsible_person_json: f.responsiblePerson === null ? null : JSON.stringify(f.responsiblePerson),
    responsible_person_name: f.responsiblePerson?.name ?? null,
  };
}

/**
 * The columns whose value a change alters. Only those are assigned: SQLite
 * rewrites the entries of every index on an assigned column, changed or not,
 * and a progress row has three (status twice, the 责任人's name), which made
 * an update write four pages to the WAL instead of one.
 */
function changedColumns(before: ProgressFields, after: ProgressFields): ProgressColumns {
  const was = progressColumns(before);
  const will = progressColumns(after);
  const changed: ProgressColumns = {};
  for (const key of Object.keys(will) as Array<keyof ProgressColumns>) {
    if (will[key] !== was[key]) Object.assign(changed, { [key]: will[key] });
  }
  return changed;
}

function progressFields(p: Progress): ProgressFields {
  return { status: p.status, percent: p.percent, note: p.note, evidence: p.evidence, measuredValue: p.measuredValue, responsiblePerson: p.responsiblePerson };
}

function toTokenRecord(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    unitId: row.unit_id as UnitId | null,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * The store's own view of a ledger it opened, for its functions that work
 * below the Ledger interface (backup, restore). Code outside packages/store
 * only ever holds the interface.
 */
export function storeInternals(ledger: Ledger): KyselyLedger {
  if (!(ledger instanceof KyselyLedger)) throw new TypeError("this ledger was not opened by @taizhang/store's openLedger");
  return ledger;
}

