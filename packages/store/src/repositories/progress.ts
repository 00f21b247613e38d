import {
  ProgressFieldsSchema,
  ProgressPatchSchema,
  ProgressSchema,
  settleProgressChange,
  type ChecklistItemId,
  type Progress,
  type ProgressFields,
  type UnitId,
} from "@taizhang/core";
import type { Updateable } from "kysely";
import type { ProgressTable } from "../database.js";
import { GroupCommit } from "../group-commit.js";
import { inconsistentProgress, LedgerError, type Actor, type BulkResult, type ProgressUpdate } from "../ledger.js";
import { retryTransient } from "../retry.js";
import { toProgress } from "../row-mapping.js";
import { refuseUnstorable } from "../stored-text-guard.js";
import type { Db, StoreContext } from "./store-context.js";

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

/**
 * Progress rows and their writes: each a compare-and-set on the version the
 * writer saw, with its history row written in the same statement or
 * transaction.
 */
export class ProgressRepository {
  constructor(private readonly store: StoreContext) {}

  /** SQLite: concurrent single updates share a transaction and its fsync (see group-commit.ts). */
  private readonly sqliteCommits = new GroupCommit<{ actor: Actor; update: ProgressUpdate; planned: PlannedUpdate }, Progress | null>(
    (writes) =>
      this.store.write(async (trx) => {
        const written: Array<Progress | null> = [];
        for (const w of writes) written.push(await this.commitUpdate(trx, w.actor, w.update, w.planned, this.store.now()));
        return written;
      }),
  );

  get(itemId: ChecklistItemId, unitId: UnitId): Promise<Progress> {
    return this.store.read(async (db) => {
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
  async update(actor: Actor, update: ProgressUpdate): Promise<Progress> {
    const checked = this.checkUpdate(actor, update);
    const { store } = this;
    for (;;) {
      const written =
        store.dialect === "postgres"
          ? // Both on one pooled connection, taken once; the write is one statement, atomic on its
            // own, so there is no BEGIN and COMMIT to wait for either.
            await store.counted(
              retryTransient(store.dialect, () =>
                store.db.connection().execute(async (db) => this.commitUpdate(db, actor, checked, await this.planUpdate(db, checked), store.now())),
              ),
            )
          : await this.sqliteCommits.submit({ actor, update: checked, planned: await store.read((db) => this.planUpdate(db, checked)) });
      if (written) return written;
      // The row changed since it was read: read it again, which refuses the write as stale (or
      // orphaned) unless the row is back at the expected version, and then tries again.
    }
  }

  /** All or nothing: if any update fails, none is applied. */
  async bulkUpdate(actor: Actor, updates: ProgressUpdate[]): Promise<BulkResult> {
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
      return await this.store.write(async (trx) => {
        const at = this.store.now();
        const results: BulkResult["results"] = [];
        for (const [index, p] of prechecked.entries()) {
          if (!p.update) continue;
          try {
            results.push({ index, progress: await this.applyUpdate(trx, actor, p.update, at) });
          } catch (error) {
            if (!(error instanceof LedgerError)) throw error;
            const details = error.details as { current?: Progress; problem?: string } | undefined;
            const current = details?.current;
            const code = details?.problem === "progress-inconsistent" ? ("inconsistent" as const) : error.code;
            results.push({ index, error: { code, message: error.message, ...(current ? { current } : {}) } });
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
    // Status and percent by core's one rule; a change of neither leaves an old inconsistent row as it is.
    const settled = settleProgressChange(before, update.patch);
    if (!settled.ok) throw inconsistentProgress(settled.problem);
    return { planId: row.plan_id, before, after: ProgressFieldsSchema.parse(settled.fields) };
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
    if (this.store.dialect === "postgres") {
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
