import { jurisdictionKey, PlanSchema, PlanSummarySchema, type Plan, type PlanId, type PlanSummary } from "@taizhang/core";
import { sha256Hex } from "../content-hash.js";
import { LedgerError, type Actor, type PlanLoadResult, type PlanRevision } from "../ledger.js";
import { writePlan } from "../plan-sync.js";
import { nextPlanStamp } from "../plans-revision.js";
import { toJurisdiction } from "../row-mapping.js";
import { assembleTasks } from "../task-reads.js";
import type { Db, StoreContext } from "./store-context.js";
import type { UnitsRepository } from "./units.js";

/** A task of a plan as its text was imported (plan_json), before any assignment since. */
export interface ImportedTask {
  number?: number;
  lead?: unknown[];
  responsible?: unknown[];
}

/** Plans: their loads from the importer, their summaries, and a whole plan as getPlan returns it. */
export class PlansRepository {
  constructor(
    private readonly store: StoreContext,
    private readonly units: UnitsRepository,
  ) {}

  async load(input: Plan, options: { actor?: Pick<Actor, "name" | "source"> } = {}): Promise<PlanLoadResult> {
    const parsed = PlanSchema.safeParse(input);
    if (!parsed.success) throw new LedgerError("invalid", "the plan does not match the model", parsed.error.issues);
    const plan = parsed.data;
    const canonical = JSON.stringify(plan);
    const hash = sha256Hex(canonical);
    // Most loads are restarts of an unchanged plan: answer those without a write lock.
    const stored = await this.store.read((db) =>
      db.selectFrom("plans").select("content_hash").where("id", "=", plan.id).executeTakeFirst(),
    );
    if (stored?.content_hash === hash) return { planId: plan.id, action: "unchanged" };
    const action = await this.store.write(async (trx) => {
      await this.store.lockPlanWrites(trx);
      return writePlan(trx, plan, canonical, hash, this.store.now(), options.actor);
    });
    return { planId: plan.id, action };
  }

  revisions(): Promise<PlanRevision[]> {
    return this.store.read(async (db) => {
      const rows = await db.selectFrom("plans").select(["id", "content_hash", "updated_at"]).orderBy("id").execute();
      return rows.map((r) => ({ planId: r.id as PlanId, revision: `${r.content_hash}@${r.updated_at}` }));
    });
  }

  list(): Promise<PlanSummary[]> {
    return this.store.read(async (db) => {
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
          jurisdiction: toJurisdiction(r),
          period: { startYear: r.start_year, endYear: r.end_year },
          counts: JSON.parse(r.counts_json),
        }),
      );
    });
  }

  get(planId: PlanId): Promise<Plan> {
    return this.store.read(async (db) => {
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
      const units = await this.units.unitsOf(db, { planId });
      return { ...stored, tasks, units };
    });
  }

  /**
   * What a unit assignment needs of a plan: its jurisdiction's key (units are looked up there), its end year
   * (the whole-task item's due date) and its tasks as the text names them.
   */
  async assignmentScope(planId: PlanId): Promise<{ scope: string; endYear: number; imported: ImportedTask[] }> {
    const plan = await this.store.read((db) =>
      db
        .selectFrom("plans")
        .select(["jurisdiction", "jurisdiction_level", "jurisdiction_parent", "end_year", "plan_json"])
        .where("id", "=", planId)
        .executeTakeFirstOrThrow(),
    );
    return {
      scope: jurisdictionKey(toJurisdiction(plan)),
      endYear: plan.end_year,
      imported: (JSON.parse(plan.plan_json) as { tasks?: ImportedTask[] }).tasks ?? [],
    };
  }

  /** Inside a write that changed a plan's content: a new revision for readers that cache plans (see nextPlanStamp). */
  async bumpRevision(trx: Db, planId: string, at: string): Promise<void> {
    await trx.updateTable("plans").set({ updated_at: await nextPlanStamp(trx, at) }).where("id", "=", planId).execute();
  }
}
