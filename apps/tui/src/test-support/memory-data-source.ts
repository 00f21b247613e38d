import {
  createSearchIndex,
  deriveChecklist,
  themeCoverage,
  EMPTY_PROGRESS,
  isOverdue,
  ProgressPatchSchema,
  type HistoryEntry,
  type Plan,
  type PlanId,
  type PlanSummary,
  type Progress,
  type Task,
  type TaskId,
  type Unit,
} from "@taizhang/core";
import { fail, ok, type DataResult } from "../data/data-result.js";
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
} from "../data/data-source.js";
import { counterpartRefsOf, searchPageOf } from "../data/engines.js";

/**
 * An in-memory data source over fixture plans, for screen tests that should
 * not depend on a database. It keeps versions and history like the store:
 * a stale `expectedVersion` is a conflict.
 */
export class MemoryDataSource implements DataSource {
  private readonly progress = new Map<string, Progress>();
  readonly historyRows: HistoryEntry[] = [];
  /** Set to make every call answer `unavailable`, as a dead server would. */
  offline = false;
  readonly origin: DataOrigin;

  constructor(
    private readonly plans: Plan[],
    private readonly identity: Identity = {
      name: "tui",
      role: "admin",
      unitId: null,
      location: "memory",
      kind: "local",
      canWrite: true,
    },
  ) {
    this.origin = { kind: identity.kind, location: identity.location };
  }

  private guard<T>(run: () => DataResult<T>): Promise<DataResult<T>> {
    if (this.offline) return Promise.resolve(fail("unavailable", "the server at http://127.0.0.1:9 does not answer"));
    return Promise.resolve(run());
  }

  private allRows(): ProgressRow[] {
    return this.plans.flatMap((plan) =>
      deriveChecklist(plan).flatMap((item) => {
        const task = plan.tasks.find((t) => t.id === item.taskId);
        if (!task) return [];
        return item.assignments.map((a) => ({
          itemId: item.id,
          planId: item.planId,
          taskId: item.taskId,
          kind: item.kind,
          milestoneIndex: item.milestoneIndex,
          label: item.label,
          due: item.due,
          unitId: a.unitId,
          role: a.role,
          progress: this.progress.get(`${item.id}|${a.unitId}`) ?? {
            ...EMPTY_PROGRESS,
            itemId: item.id,
            unitId: a.unitId,
            version: 0,
            updatedBy: null,
            updatedAt: null,
          },
          taskNumber: task.number,
          taskTitle: task.title,
        }));
      }),
    );
  }

  private units(): Unit[] {
    return this.plans.flatMap((p) => p.units);
  }

  whoami(): Promise<DataResult<Identity>> {
    return this.guard(() => ok(this.identity));
  }

  listPlans(): Promise<DataResult<PlanSummary[]>> {
    return this.guard(() =>
      ok(
        this.plans.map((p) => ({
          id: p.id,
          title: p.title,
          issuer: p.issuer,
          documentNumber: p.documentNumber,
          jurisdiction: p.jurisdiction,
          period: p.period,
          counts: {
            parts: p.parts.length,
            sections: p.parts.reduce((n, part) => n + part.sections.length, 0),
            tasks: p.tasks.filter((t) => !t.guarantee).length,
            guarantees: p.tasks.filter((t) => t.guarantee).length,
            milestones: p.tasks.reduce((n, t) => n + t.milestones.length, 0),
            targets: p.tasks.reduce((n, t) => n + t.targets.length, 0),
            units: p.units.length,
            warnings: p.provenance.warnings.length,
          },
        })),
      ),
    );
  }

  getPlan(planId: PlanId): Promise<DataResult<Plan>> {
    return this.guard(() => {
      const plan = this.plans.find((p) => p.id === planId);
      return plan ? ok(plan) : fail("not_found", `no plan ${planId}`);
    });
  }

  private findUnit(nameOrId: string): DataResult<Unit> {
    const matches = this.units().filter((u) => u.id === nameOrId || u.name === nameOrId || u.aliases.includes(nameOrId));
    if (matches.length === 0) return fail("not_found", `no unit named ${nameOrId}`);
    if (matches.length > 1) return fail("invalid", `${nameOrId} names several units`, { candidates: matches.map((u) => u.id) });
    const [unit] = matches as [Unit];
    return ok(unit);
  }

  listTasks(query: TaskQuery, asOf: Date): Promise<DataResult<Task[]>> {
    return this.guard(() => {
      let unitId: string | null = null;
      if (query.unit !== undefined) {
        const unit = this.findUnit(query.unit);
        if (!unit.ok) return unit;
        unitId = unit.value.id;
      }
      const rows = this.allRows();
      const tasks = this.plans
        .flatMap((p) => p.tasks)
        .filter((t) => {
          if (query.planId && t.planId !== query.planId) return false;
          if (query.partNumber !== undefined && t.partNumber !== query.partNumber) return false;
          if (query.sectionNumber !== undefined && t.sectionNumber !== query.sectionNumber) return false;
          if (query.text && !t.text.includes(query.text) && !t.title.includes(query.text)) return false;
          if (query.theme && !t.themes.includes(query.theme)) return false;
          const mine = rows.filter((r) => r.taskId === t.id && (unitId === null || r.unitId === unitId));
          if (unitId !== null && mine.length === 0) return false;
          if (query.status && !mine.some((r) => r.progress.status === query.status)) return false;
          if (query.overdue && !mine.some((r) => isOverdue(r.due, r.progress.status, asOf))) return false;
          return true;
        });
      return ok(tasks);
    });
  }

  getTask(taskId: TaskId, historyLimit = 10): Promise<DataResult<TaskDetail>> {
    return this.guard(() => {
      const plan = this.plans.find((p) => p.tasks.some((t) => t.id === taskId));
      const task = plan?.tasks.find((t) => t.id === taskId);
      if (!plan || !task) return fail("not_found", `no task ${taskId}`);
      const rows = this.allRows().filter((r) => r.taskId === taskId);
      const history = this.historyRows
        .filter((h) => h.itemId.startsWith(`${taskId}#`))
        .sort((a, b) => b.id - a.id)
        .slice(0, historyLimit);
      return ok({ task, plan, rows, history });
    });
  }

  progressRows(filter: { planId?: PlanId; taskId?: TaskId; unit?: string }): Promise<DataResult<ProgressRow[]>> {
    return this.guard(() => {
      let unitId: string | null = null;
      if (filter.unit !== undefined) {
        const unit = this.findUnit(filter.unit);
        if (!unit.ok) return unit;
        unitId = unit.value.id;
      }
      return ok(
        this.allRows().filter(
          (r) =>
            (!filter.planId || r.planId === filter.planId) &&
            (!filter.taskId || r.taskId === filter.taskId) &&
            (unitId === null || r.unitId === unitId),
        ),
      );
    });
  }

  resolveUnit(nameOrId: string): Promise<DataResult<Unit>> {
    return this.guard(() => this.findUnit(nameOrId));
  }

  search(text: string, filter: { planId?: PlanId } = {}): Promise<DataResult<Task[]>> {
    return this.guard(() =>
      ok(
        this.plans
          .flatMap((p) => p.tasks)
          .filter((t) => (!filter.planId || t.planId === filter.planId) && (t.text.includes(text) || t.title.includes(text))),
      ),
    );
  }

  searchTasks(query: string, options: SearchPageOptions = {}): Promise<DataResult<SearchPage>> {
    return this.guard(() => ok(searchPageOf(createSearchIndex(this.plans), this.plans, query, options)));
  }

  themeCoverage(asOf: Date): Promise<DataResult<ThemeCoverageView>> {
    return this.guard(() => {
      const rows = this.allRows().map((r) => ({ taskId: r.taskId, status: r.progress.status, percent: r.progress.percent, due: r.due }));
      return ok({ ...themeCoverage(this.plans, rows, asOf), plans: this.plans.map((p) => ({ id: p.id, title: p.title })) });
    });
  }

  counterparts(taskId: TaskId, options: { limit?: number; perPlan?: number } = {}): Promise<DataResult<CounterpartRef[]>> {
    return this.guard(() => {
      const found = counterpartRefsOf(this.plans, taskId, options);
      return found === null ? fail("not_found", `no task ${taskId}`) : ok(found);
    });
  }

  historyOf(filter: { planId?: PlanId; unitId?: string }, max: number): Promise<DataResult<HistoryEntry[]>> {
    return this.guard(() => ok(this.historyRows.filter((h) => (!filter.unitId || h.unitId === filter.unitId) && (!filter.planId || h.itemId.startsWith(`${filter.planId}/`))).reverse().slice(0, max)));
  }

  /** The screens never import files; the CLI's import is tested against the real store and server. */
  importLedger(): Promise<DataResult<LedgerImportOutcome>> {
    return Promise.resolve(fail("unavailable", "the in-memory test source does not read ledger files"));
  }

  updateProgress(change: ProgressChange): Promise<DataResult<Progress>> {
    return this.guard(() => {
      if (!this.identity.canWrite) return fail("forbidden", "this token may not change progress");
      const patch = ProgressPatchSchema.safeParse(change.patch);
      if (!patch.success) return fail("invalid", patch.error.message);
      const row = this.allRows().find((r) => r.itemId === change.itemId && r.unitId === change.unitId);
      if (!row) return fail("not_found", `no checklist item ${change.itemId} for ${change.unitId}`);
      const current = row.progress;
      if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
        return fail("conflict", `${change.itemId} was changed by ${current.updatedBy ?? "someone"} (version ${current.version})`, { current });
      }
      const next: Progress = {
        ...current,
        ...patch.data,
        version: current.version + 1,
        updatedBy: this.identity.name,
        updatedAt: new Date(Date.UTC(2016, 10, 1, 4, this.historyRows.length)).toISOString(),
      };
      this.progress.set(`${change.itemId}|${change.unitId}`, next);
      const { status, percent, note, evidence, measuredValue, responsiblePerson } = current;
      this.historyRows.push({
        id: this.historyRows.length + 1,
        itemId: change.itemId,
        unitId: change.unitId,
        version: next.version,
        actor: this.identity.name,
        source: "tui",
        at: next.updatedAt ?? "",
        before: { status, percent, note, evidence, measuredValue, responsiblePerson },
        after: { status: next.status, percent: next.percent, note: next.note, evidence: next.evidence, measuredValue: next.measuredValue, responsiblePerson: next.responsiblePerson },
        note: change.comment ?? null,
      });
      return ok(next);
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
