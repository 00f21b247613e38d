import { themeCoverage, type HistoryEntry, type PlanId, type Plan, type PlanSummary, type Progress, type Task, type TaskId, type Unit, type UnitId } from "@taizhang/core";
import { LedgerFileError, readLedgerFile, type LedgerFile } from "@taizhang/exchange";
import { applyProgressImport, historyEntries, MAX_CHECKLIST_PAGE, PlanCatalog, previewProgressImport, type Actor, type ChecklistPage, type Ledger, type TaskFilter } from "@taizhang/store";
import { fail, ok, type DataResult } from "./data-result.js";
import type {
  CounterpartRef,
  DataOrigin,
  DataSource,
  Identity,
  LedgerImportOutcome,
  ProgressChange,
  ProgressRow,
  SearchPage,
  SearchPageOptions,
  TaskDetail,
  TaskQuery,
  ThemeCoverageView,
} from "./data-source.js";
import { counterpartRefsOf, searchPageOf } from "./engines.js";
import { fromLedgerError } from "./ledger-errors.js";
import { toProgressRow } from "./progress-row.js";

const PAGE = 200;

/**
 * The data source over the embedded store, opened directly (SQLite in WAL
 * mode is safe beside a running server). Local use is trusted: it writes as
 * an admin named after where the change came from ("tui" or "cli").
 */
export class LocalDataSource implements DataSource {
  private readonly plans = new Map<PlanId, Plan>();
  /** The stored plans with core's search index, kept current with the store (another process may import). */
  private readonly catalog: PlanCatalog;
  readonly origin: DataOrigin;

  constructor(
    private readonly ledger: Ledger,
    private readonly location: string,
    private readonly actor: Actor,
  ) {
    this.catalog = new PlanCatalog(ledger);
    this.origin = { kind: "local", location };
  }

  private async run<T>(work: () => Promise<T>): Promise<DataResult<T>> {
    try {
      return ok(await work());
    } catch (error) {
      return fromLedgerError(error);
    }
  }

  private async plan(planId: PlanId): Promise<Plan> {
    const cached = this.plans.get(planId);
    if (cached) return cached;
    const plan = await this.ledger.getPlan(planId);
    this.plans.set(planId, plan);
    return plan;
  }

  private async unitId(nameOrId: string | undefined): Promise<DataResult<Unit | null>> {
    if (nameOrId === undefined) return ok(null);
    return this.resolveUnit(nameOrId);
  }

  whoami(): Promise<DataResult<Identity>> {
    return Promise.resolve(
      ok({ name: this.actor.name, role: this.actor.role, unitId: this.actor.unitId, location: this.location, kind: "local", canWrite: this.actor.role !== "viewer" }),
    );
  }

  listPlans(): Promise<DataResult<PlanSummary[]>> {
    return this.run(() => this.ledger.listPlans());
  }

  getPlan(planId: PlanId): Promise<DataResult<Plan>> {
    return this.run(() => this.plan(planId));
  }

  async listTasks(query: TaskQuery, asOf: Date): Promise<DataResult<Task[]>> {
    const unit = await this.unitId(query.unit);
    if (!unit.ok) return unit;
    const filter: TaskFilter = {
      ...(query.planId !== undefined ? { planId: query.planId } : {}),
      ...(query.partNumber !== undefined ? { partNumber: query.partNumber } : {}),
      ...(query.sectionNumber !== undefined ? { sectionNumber: query.sectionNumber } : {}),
      ...(unit.value ? { unitId: unit.value.id } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.overdue ? { overdueAsOf: asOf } : {}),
      ...(query.theme !== undefined ? { theme: query.theme } : {}),
    };
    const listed = await this.run(async () => {
      const tasks: Task[] = [];
      let cursor: string | null = null;
      do {
        const page = await this.ledger.listTasks(filter, { limit: PAGE, cursor });
        tasks.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return tasks;
    });
    if (!listed.ok || !query.text) return listed;
    // Free text goes through core's search, so the list matches what `/` finds; the order stays by number.
    const found = await this.search(query.text, query.planId ? { planId: query.planId } : {});
    if (!found.ok) return found;
    const hits = new Set(found.value.map((t) => t.id));
    return ok(listed.value.filter((t) => hits.has(t.id)));
  }

  async getTask(taskId: TaskId, historyLimit = 10): Promise<DataResult<TaskDetail>> {
    return this.run(async () => {
      const task = await this.ledger.getTask(taskId);
      const plan = await this.plan(task.planId);
      const rows = (await this.ledger.checklist({ taskId })).map(toProgressRow);
      const itemIds = [...new Set(rows.map((r) => r.itemId))];
      const pages = await Promise.all(itemIds.map((itemId) => this.ledger.history({ itemId, limit: historyLimit })));
      const history = pages
        .flatMap((p) => p.items)
        .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
        .slice(0, historyLimit);
      return { task, plan, rows, history };
    });
  }

  async progressRows(filter: { planId?: PlanId; taskId?: TaskId; unit?: string }): Promise<DataResult<ProgressRow[]>> {
    const unit = await this.unitId(filter.unit);
    if (!unit.ok) return unit;
    const where = {
      ...(filter.planId !== undefined ? { planId: filter.planId } : {}),
      ...(filter.taskId !== undefined ? { taskId: filter.taskId } : {}),
      ...(unit.value ? { unitId: unit.value.id } : {}),
    };
    // Page by page (the store's keyset pages), so one read never holds a whole large plan's query result.
    return this.run(async () => {
      const rows: ProgressRow[] = [];
      let cursor: string | null = null;
      do {
        const page: ChecklistPage = await this.ledger.checklistPage(where, { limit: MAX_CHECKLIST_PAGE, cursor });
        for (const row of page.items) rows.push(toProgressRow(row));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return rows;
    });
  }

  async resolveUnit(nameOrId: string): Promise<DataResult<Unit>> {
    const found = await this.run(() => this.ledger.resolveUnit(nameOrId));
    if (!found.ok) return found;
    const [first, ...rest] = found.value;
    if (!first) return fail("not_found", `no unit named ${nameOrId}`);
    if (rest.length > 0) {
      const candidates = found.value.map((u) => u.id);
      return fail("invalid", `${nameOrId} names ${candidates.length} units: ${candidates.join(", ")}; give one of these ids`, { candidates });
    }
    return ok(first);
  }

  async search(text: string, filter: { planId?: PlanId } = {}): Promise<DataResult<Task[]>> {
    return this.run(async () => {
      const view = await this.catalog.view();
      const result = view.index.search(text, { ...(filter.planId ? { planIds: [filter.planId] } : {}), limit: 500 });
      return result.hits.flatMap((hit) => view.task(hit.taskId) ?? []);
    });
  }

  searchTasks(query: string, options: SearchPageOptions = {}): Promise<DataResult<SearchPage>> {
    return this.run(async () => {
      const view = await this.catalog.view();
      return searchPageOf(view.index, view.plans, query, options);
    });
  }

  themeCoverage(asOf: Date): Promise<DataResult<ThemeCoverageView>> {
    return this.run(async () => {
      const view = await this.catalog.view();
      const rows = (await this.ledger.checklist({})).map((r) => ({ taskId: r.item.taskId, status: r.progress.status, percent: r.progress.percent, due: r.item.due }));
      return { ...themeCoverage(view.plans, rows, asOf), plans: view.plans.map((p) => ({ id: p.id, title: p.title })) };
    });
  }

  async counterparts(taskId: TaskId, options: { limit?: number; perPlan?: number } = {}): Promise<DataResult<CounterpartRef[]>> {
    const found = await this.run(async () => counterpartRefsOf((await this.catalog.view()).plans, taskId, options));
    if (!found.ok) return found;
    return found.value === null ? fail("not_found", `no task ${taskId}`) : ok(found.value);
  }

  async updateProgress(change: ProgressChange): Promise<DataResult<Progress>> {
    return this.run(async () => {
      const expectedVersion = change.expectedVersion ?? (await this.ledger.getProgress(change.itemId, change.unitId)).version;
      return this.ledger.updateProgress(this.actor, {
        itemId: change.itemId,
        unitId: change.unitId,
        expectedVersion,
        patch: change.patch,
        comment: change.comment ?? null,
      });
    });
  }

  historyOf(filter: { planId?: PlanId; unitId?: UnitId }, max: number): Promise<DataResult<HistoryEntry[]>> {
    return this.run(() => historyEntries(this.ledger, filter, max));
  }

  async importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<DataResult<LedgerImportOutcome>> {
    let read: LedgerFile;
    try {
      read = await readLedgerFile(file.bytes);
    } catch (error) {
      if (error instanceof LedgerFileError) return fail("invalid", error.message);
      throw error;
    }
    const info = { name: file.name, format: read.format, sheet: read.sheet, ignoredHeaders: read.ignoredHeaders };
    return this.run(async () => {
      if (!options.apply) return { file: info, ...(await previewProgressImport(this.ledger, this.actor, read.rows)), applied: false, written: 0 };
      return { file: info, ...(await applyProgressImport(this.ledger, this.actor, read.rows, { skipRejected: options.skipRejected, fileName: file.name })) };
    });
  }

  close(): Promise<void> {
    return this.ledger.close();
  }
}
