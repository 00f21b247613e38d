import { createSearchIndex, type Plan, type PlanId, type SearchIndex, type Task, type TaskId } from "@taizhang/core";
import type { Ledger } from "./ledger.js";

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
 * search. Refreshes are serialised: concurrent requests share one.
 */
export class PlanCatalog {
  private readonly revisions = new Map<PlanId, string>();
  private readonly byId = new Map<PlanId, Plan>();
  private readonly tasks = new Map<TaskId, Task>();
  private index = createSearchIndex();
  private plans: readonly Plan[] = [];
  private refreshing: Promise<CatalogView> | null = null;

  constructor(private readonly ledger: Ledger) {}

  /** The catalog as of now (refreshed from the store first). */
  view(): Promise<CatalogView> {
    // One refresh at a time; callers arriving meanwhile wait for it.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<CatalogView> {
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
    return { plans, index, task: (id) => tasks.get(id), plan: (id) => byId.get(id) };
  }

  private forgetTasks(planId: PlanId): void {
    const old = this.byId.get(planId);
    for (const task of old?.tasks ?? []) this.tasks.delete(task.id);
  }
}
