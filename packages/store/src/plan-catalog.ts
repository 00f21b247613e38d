import { createSearchIndex, type Plan, type PlanId, type SearchIndex, type Task, type TaskId } from "@taizhang/core";
import type { Ledger } from "./ledger.js";
import { NextRun } from "./next-run.js";

/** More changed plans than this at once are indexed by one build instead of one by one. */
const REBUILD_AT = 8;

/** What the catalog holds at one moment: the plans, their search index, and task lookup. */
export interface CatalogView {
  /** Every stored plan, ordered by id; a new array whenever any plan changed (core caches concordance per array). */
  plans: readonly Plan[];
  index: SearchIndex;
  task(taskId: TaskId): Task | undefined;
  plan(planId: PlanId): Plan | undefined;
}

/**
 * The stored plans in memory, for the engines of core that work on whole
 * plans: search (an n-gram index), themes and concordance.
 *
 * The index is built once and then kept up to date incrementally: each call
 * of {@link PlanCatalog.view} asks the store for one revision string per plan
 * (a cheap query) and re-reads, re-indexes or drops only the plans whose
 * revision changed. So a plan imported through the API, by `taizhang import`
 * in another process, or a task given units by an admin, is found by the next
 * search. Refreshes are serialised: concurrent requests share one. While the
 * store's data revision ({@link Ledger.dataRevision}) is unchanged, no plan
 * revisions are read at all.
 */
export class PlanCatalog {
  private readonly revisions = new Map<PlanId, string>();
  private readonly byId = new Map<PlanId, Plan>();
  private readonly tasks = new Map<TaskId, Task>();
  private index = createSearchIndex();
  private plans: readonly Plan[] = [];
  /** The last view and the store's data revision read before it was made: still current while that is unchanged. */
  private built: { revision: string; view: CatalogView } | null = null;
  /** Refreshes, one at a time; `refreshRevision` is the data revision the latest one read before reading the plans. */
  private readonly refreshes = new NextRun(async () => {
    const revision = this.ledger.dataRevision();
    this.refreshRevision = revision;
    return this.refresh(await revision);
  });
  private refreshRevision: Promise<string> | null = null;

  constructor(private readonly ledger: Ledger) {}

  /**
   * The catalog as of now: at least as new as the store was when this was
   * called. While the store's data revision is unchanged that is the last
   * view (one cheap query); otherwise it is refreshed first.
   */
  async view(): Promise<CatalogView> {
    const revision = await this.ledger.dataRevision();
    if (this.built?.revision === revision) return this.built.view;
    // The refresh under way serves if it read the store at this same revision; otherwise one that starts
    // after this call (shared with everyone who calls before it starts).
    const running = this.refreshes.current;
    const runningRevision = this.refreshRevision;
    if (running && runningRevision && (await runningRevision.catch(() => null)) === revision) return running;
    if (this.built?.revision === revision) return this.built.view;
    return this.refreshes.next();
  }

  private async refresh(revision: string): Promise<CatalogView> {
    const current = await this.ledger.planRevisions();
    let changed = false;
    const seen = new Set<PlanId>();
    const fresh = current.filter(({ planId, revision }) => (seen.add(planId), this.revisions.get(planId) !== revision));
    // Many new plans (the first view, a bulk import) are indexed in one build: adding them one by one
    // would make and merge many small segments.
    const rebuild = fresh.length > REBUILD_AT;
    for (const { planId, revision } of fresh) {
      const plan = await this.ledger.getPlan(planId);
      this.forgetTasks(planId);
      this.byId.set(planId, plan);
      for (const task of plan.tasks) this.tasks.set(task.id, task);
      if (!rebuild) this.index.add(plan);
      this.revisions.set(planId, revision);
      changed = true;
    }
    for (const planId of [...this.revisions.keys()]) {
      if (seen.has(planId)) continue;
      this.forgetTasks(planId);
      this.byId.delete(planId);
      this.revisions.delete(planId);
      this.index.remove(planId);
      changed = true;
    }
    if (changed) this.plans = [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (rebuild) this.index = createSearchIndex(this.plans);
    const { plans, index, tasks, byId } = this;
    const view: CatalogView = { plans, index, task: (id) => tasks.get(id), plan: (id) => byId.get(id) };
    this.built = { revision, view };
    return view;
  }

  private forgetTasks(planId: PlanId): void {
    const old = this.byId.get(planId);
    for (const task of old?.tasks ?? []) this.tasks.delete(task.id);
  }
}
