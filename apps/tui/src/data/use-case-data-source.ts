import { taskPathParams, itemPathParams, type ChecklistEntry } from "@taizhang/contract";
import type { HistoryEntry, Plan, PlanId, PlanSummary, Progress, Task, TaskId, Unit, UnitId } from "@taizhang/core";
import { dataErrorOf } from "./data-errors.js";
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
import type { Door, LedgerExportFile, LedgerExportRequest } from "./door.js";
import type { Subject } from "./problem-messages.js";
import { taskProgressRows, toProgressRow } from "./progress-row.js";

/** Rows per checklist request: the most the checklist routes give in one page. */
const CHECKLIST_PAGE = 2000;

/** The largest page the task and history routes give. */
const PAGE = 500;
/** The most hits one search page gives (the search route's limit). */
const SEARCH_PAGE = 100;

/**
 * The one data source of the screens and subcommands: every read and write
 * is a use case reached through a {@link Door} — called directly over the
 * embedded store (`LocalDataSource`) or through the API's client
 * (`RemoteDataSource`) — so both modes take the same inputs, get the same
 * answers and fail in the same way. What is left here is only the shape the
 * screens want (rows, a task with its plan and history) and paging.
 */
export class UseCaseDataSource implements DataSource {
  private readonly plans = new Map<PlanId, Plan>();
  readonly origin: DataOrigin;

  constructor(private readonly door: Door) {
    this.origin = door.origin;
  }

  /** Runs a use case; a refusal becomes a result, with what was asked for (`subject`) for the words. */
  private async run<T>(work: () => Promise<T>, subject: Subject | null = null): Promise<DataResult<T>> {
    try {
      return ok(await work());
    } catch (error) {
      return dataErrorOf(error, this.door, subject);
    }
  }

  private async plan(planId: PlanId): Promise<Plan> {
    const cached = this.plans.get(planId);
    if (cached) return cached;
    const plan = await this.door.call("getPlan", { params: { planId } });
    this.plans.set(planId, plan);
    return plan;
  }

  /** The unit a name, alias or id names, or none when not asked. */
  private async unitId(nameOrId: string | undefined): Promise<DataResult<UnitId | undefined>> {
    if (nameOrId === undefined) return ok(undefined);
    const unit = await this.resolveUnit(nameOrId);
    return unit.ok ? ok(unit.value.id) : unit;
  }

  /** Every checklist read goes through here: a unit's checklist across plans, or a plan's (narrowed to a unit). */
  // Checklists are paged (the largest pages the routes give), followed to the end by their cursor.
  private async checklist(scope: { planId: PlanId; unitId?: UnitId } | { unitId: UnitId }): Promise<ChecklistEntry[]> {
    const items: ChecklistEntry[] = [];
    let cursor: string | undefined;
    do {
      const paging = { limit: CHECKLIST_PAGE, ...(cursor !== undefined ? { cursor } : {}) };
      const page =
        "planId" in scope
          ? await this.door.call("planChecklist", { params: { planId: scope.planId }, query: { ...(scope.unitId !== undefined ? { unitId: scope.unitId } : {}), ...paging } })
          : await this.door.call("unitChecklist", { params: { unitId: scope.unitId }, query: paging });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return items;
  }

  whoami(): Promise<DataResult<Identity>> {
    return this.run(() => this.door.whoami());
  }

  listPlans(): Promise<DataResult<PlanSummary[]>> {
    return this.run(async () => (await this.door.call("listPlans", {})).items);
  }

  getPlan(planId: PlanId): Promise<DataResult<Plan>> {
    return this.run(() => this.plan(planId), { kind: "plan", id: planId });
  }

  async listTasks(query: TaskQuery, asOf: Date): Promise<DataResult<Task[]>> {
    const unitId = await this.unitId(query.unit);
    if (!unitId.ok) return unitId;
    return this.run(async () => {
      const filter = {
        ...(query.planId !== undefined ? { planId: query.planId } : {}),
        ...(query.partNumber !== undefined ? { part: query.partNumber } : {}),
        ...(query.sectionNumber !== undefined ? { section: query.sectionNumber } : {}),
        ...(unitId.value !== undefined ? { unitId: unitId.value } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.theme !== undefined ? { theme: query.theme } : {}),
        ...(query.overdue ? { overdue: true, asOf: asOf.toISOString() } : {}),
        // Free text is the search's own index (the list keeps its order by number).
        ...(query.text ? { q: query.text } : {}),
      };
      const tasks: Task[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.door.call("listTasks", { query: { ...filter, limit: PAGE, ...(cursor !== undefined ? { cursor } : {}) } });
        tasks.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return tasks;
    });
  }

  async getTask(taskId: TaskId, historyLimit = 10): Promise<DataResult<TaskDetail>> {
    return this.run(async () => {
      const detail = await this.door.call("getTask", { params: taskPathParams(taskId) });
      const plan = await this.plan(detail.task.planId);
      const history = historyLimit > 0 ? (await this.door.call("listHistory", { query: { taskId, limit: Math.min(historyLimit, PAGE) } })).items : [];
      return { task: detail.task, plan, rows: taskProgressRows(detail), history };
    }, { kind: "task", id: taskId });
  }

  async progressRows(filter: { planId?: PlanId; taskId?: TaskId; unit?: string }): Promise<DataResult<ProgressRow[]>> {
    if (filter.taskId !== undefined) {
      const detail = await this.getTask(filter.taskId, 0);
      return detail.ok ? ok(detail.value.rows) : detail;
    }
    const unitId = await this.unitId(filter.unit);
    if (!unitId.ok) return unitId;
    const unit = unitId.value;
    return this.run(async () => {
      if (filter.planId === undefined && unit !== undefined) return (await this.checklist({ unitId: unit })).map(toProgressRow);
      const planIds = filter.planId !== undefined ? [filter.planId] : (await this.door.call("listPlans", {})).items.map((p) => p.id);
      const rows: ProgressRow[] = [];
      for (const planId of planIds) rows.push(...(await this.checklist({ planId, ...(unit !== undefined ? { unitId: unit } : {}) })).map(toProgressRow));
      return rows;
    });
  }

  async resolveUnit(nameOrId: string): Promise<DataResult<Unit>> {
    const found = await this.run(async () => (await this.door.call("listUnits", { query: { name: nameOrId } })).items);
    if (!found.ok) return found;
    const [first, ...rest] = found.value;
    if (!first) return fail("not_found", `no unit named ${nameOrId}`, { said: { key: "noSuchUnit", name: nameOrId } });
    if (rest.length > 0) {
      const candidates = found.value.map((u) => u.id);
      return fail("invalid", `${nameOrId} names ${candidates.length} units: ${candidates.join(", ")}; give one of these ids`, {
        candidates,
        said: { key: "ambiguousUnit", name: nameOrId, candidates },
      });
    }
    return ok(first);
  }

  async search(text: string, filter: { planId?: PlanId } = {}): Promise<DataResult<Task[]>> {
    const listed = await this.listTasks({ text, ...(filter.planId !== undefined ? { planId: filter.planId } : {}) }, new Date());
    if (!listed.ok) return listed;
    // The list gives the tasks, the search their rank: best first, the rest (past one search page) in the list's order.
    const ranked = await this.searchTasks(text, { ...(filter.planId !== undefined ? { planId: filter.planId } : {}), limit: SEARCH_PAGE });
    if (!ranked.ok) return ranked;
    const rank = new Map(ranked.value.hits.map((hit, index) => [hit.taskId as string, index]));
    const order = (task: Task) => rank.get(task.id) ?? SEARCH_PAGE;
    return ok([...listed.value].sort((a, b) => order(a) - order(b)));
  }

  searchTasks(query: string, options: SearchPageOptions = {}): Promise<DataResult<SearchPage>> {
    return this.run(async () => {
      const page = await this.door.call("search", {
        query: {
          q: query,
          limit: options.limit ?? 20,
          offset: options.offset ?? 0,
          ...(options.planId !== undefined ? { planId: options.planId } : {}),
          ...(options.theme !== undefined ? { theme: options.theme } : {}),
        },
      });
      return { total: page.total, hits: page.hits };
    });
  }

  themeCoverage(asOf: Date): Promise<DataResult<ThemeCoverageView>> {
    return this.run(async () => {
      const { asOf: _asOf, ...coverage } = await this.door.call("themeMatrix", { query: { asOf: asOf.toISOString() } });
      return coverage;
    });
  }

  counterparts(taskId: TaskId, options: { limit?: number; perPlan?: number } = {}): Promise<DataResult<CounterpartRef[]>> {
    return this.run(async () => {
      const query = { ...(options.limit !== undefined ? { limit: options.limit } : {}), ...(options.perPlan !== undefined ? { perPlan: options.perPlan } : {}) };
      return (await this.door.call("counterparts", { params: taskPathParams(taskId), query })).counterparts;
    }, { kind: "task", id: taskId });
  }

  updateProgress(change: ProgressChange): Promise<DataResult<Progress>> {
    return this.run(async () => {
      const params = { ...itemPathParams(change.itemId), unitId: change.unitId };
      const version = change.expectedVersion ?? (await this.door.call("getProgress", { params })).version;
      const json = { ...change.patch, ...(change.comment ? { comment: change.comment } : {}) };
      return this.door.call("updateProgress", { params, json, headers: { "if-match": `"${version}"` } });
    }, { kind: "item", id: change.itemId, unit: change.unitId.slice(change.unitId.indexOf(":") + 1) });
  }

  historyOf(filter: { planId?: PlanId; unitId?: UnitId }, max: number): Promise<DataResult<HistoryEntry[]>> {
    return this.run(async () => {
      const out: HistoryEntry[] = [];
      let cursor: string | null = null;
      do {
        const query = { ...(filter.planId !== undefined ? { planId: filter.planId } : {}), ...(filter.unitId !== undefined ? { unitId: filter.unitId } : {}), limit: PAGE, ...(cursor !== null ? { cursor } : {}) };
        const page: { items: HistoryEntry[]; nextCursor: string | null } = await this.door.call("listHistory", { query });
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && out.length < max);
      return out.slice(0, max);
    });
  }

  importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<DataResult<LedgerImportOutcome>> {
    return this.run(() => this.door.importLedger(file, options));
  }

  exportLedger(query: LedgerExportRequest): Promise<DataResult<LedgerExportFile>> {
    const subject: Subject | null = query.planId !== undefined ? { kind: "plan", id: query.planId } : query.unitId !== undefined ? { kind: "unit", id: query.unitId } : null;
    return this.run(() => this.door.exportLedger(query), subject);
  }

  close(): Promise<void> {
    return this.door.close();
  }
}
