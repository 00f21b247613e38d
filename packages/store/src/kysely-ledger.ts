import { DatabaseEvidenceFiles, type EvidenceFiles } from "./evidence-files.js";
import type { AssignmentHistoryEntry, ChecklistItemId, HistoryEntry, Plan, PlanId, PlanSummary, Progress, Task, TaskId, Unit, UnitId } from "@taizhang/core";
import type {
  Actor,
  AssignmentHistoryFilter,
  BulkResult,
  ChecklistFilter,
  ChecklistPage,
  ChecklistRow,
  HistoryFilter,
  Ledger,
  Page,
  PlanLoadResult,
  PlanRevision,
  ProgressUpdate,
  ReportRow,
  Role,
  TaskFilter,
  TokenRecord,
  UnitAssignmentRequest,
} from "./ledger.js";
import { AssignmentsRepository } from "./repositories/assignments.js";
import { ChecklistRepository } from "./repositories/checklist.js";
import { HistoryRepository } from "./repositories/history.js";
import { PlansRepository } from "./repositories/plans.js";
import { ProgressRepository } from "./repositories/progress.js";
import { ReportsRepository, type ReportBy } from "./repositories/reports.js";
import { SessionsRepository } from "./repositories/sessions.js";
import { StoreContext, type Db } from "./repositories/store-context.js";
import { TasksRepository } from "./repositories/tasks.js";
import { TokensRepository } from "./repositories/tokens.js";
import { UnitsRepository } from "./repositories/units.js";
import type { StoreDialect } from "./store-dialect.js";
import type { TaskSort } from "./task-key-cache.js";
import type { WriteGate } from "./write-gate.js";

/**
 * The ledger over Kysely: one query layer for SQLite and PostgreSQL. A thin
 * facade: each method is answered by the repository of its aggregate (see
 * repositories/), all of them over one {@link StoreContext}, which runs every
 * write in one transaction, retried as a whole when the database is busy.
 */
export class KyselyLedger implements Ledger {
  private readonly store: StoreContext;
  private readonly plans: PlansRepository;
  private readonly tasks: TasksRepository;
  private readonly units: UnitsRepository;
  private readonly checklistRows: ChecklistRepository;
  private readonly progress: ProgressRepository;
  private readonly progressHistory: HistoryRepository;
  private readonly reports: ReportsRepository;
  private readonly assignments: AssignmentsRepository;
  private readonly tokens: TokensRepository;
  private readonly sessions: SessionsRepository;

  constructor(
    /** The Kysely instance; exposed for tests and tools (benchmarks), not for the API. */
    readonly db: Db,
    readonly dialect: StoreDialect,
    clock: () => Date = () => new Date(),
    /** Serialises this process's write transactions on one SQLite file (see write-gate.ts). */
    gate: WriteGate | null = null,
    /** Uploaded evidence files: a folder beside the SQLite file, or the `evidence_files` table. */
    readonly evidenceFiles: EvidenceFiles = new DatabaseEvidenceFiles(db, clock),
  ) {
    this.store = new StoreContext(db, dialect, clock, gate);
    this.units = new UnitsRepository(this.store);
    this.plans = new PlansRepository(this.store, this.units);
    this.tasks = new TasksRepository(this.store);
    this.checklistRows = new ChecklistRepository(this.store);
    this.progress = new ProgressRepository(this.store);
    this.progressHistory = new HistoryRepository(this.store);
    this.reports = new ReportsRepository(this.store);
    this.assignments = new AssignmentsRepository(this.store, this.plans, this.tasks, this.units);
    this.tokens = new TokensRepository(this.store);
    this.sessions = new SessionsRepository(this.store, this.tokens);
  }

  /**
   * Runs `work` as one write transaction, as every write here does (retried
   * whole while the database is busy, in turn with this process's other
   * writers to the same SQLite file). For store tools such as restore; `work`
   * may run more than once, so it must read its input afresh each time.
   */
  writeTransaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return this.store.write(work);
  }

  dataRevision(): Promise<string> {
    return this.store.dataRevision();
  }

  loadPlan(plan: Plan, options?: { actor?: Pick<Actor, "name" | "source"> }): Promise<PlanLoadResult> {
    return this.plans.load(plan, options);
  }

  planRevisions(): Promise<PlanRevision[]> {
    return this.plans.revisions();
  }

  listPlans(): Promise<PlanSummary[]> {
    return this.plans.list();
  }

  getPlan(planId: PlanId): Promise<Plan> {
    return this.plans.get(planId);
  }

  getTask(taskId: TaskId): Promise<Task> {
    return this.tasks.get(taskId);
  }

  listTasks(filter: TaskFilter, page: { limit: number; cursor?: string | null; sort?: TaskSort }): Promise<Page<Task>> {
    return this.tasks.list(filter, page);
  }

  listUnits(filter?: { planId?: PlanId; jurisdiction?: string }): Promise<Unit[]> {
    return this.units.list(filter);
  }

  resolveUnit(nameOrId: string, jurisdiction?: string): Promise<Unit[]> {
    return this.units.resolve(nameOrId, jurisdiction);
  }

  checklist(filter: ChecklistFilter): Promise<ChecklistRow[]> {
    return this.checklistRows.rows(filter);
  }

  checklistPage(filter: ChecklistFilter, page: { limit: number; cursor?: string | null }): Promise<ChecklistPage> {
    return this.checklistRows.page(filter, page);
  }

  checklistDueFirst(filter: ChecklistFilter, limit: number): Promise<{ items: ChecklistRow[]; total: number }> {
    return this.checklistRows.dueFirst(filter, limit);
  }

  getProgress(itemId: ChecklistItemId, unitId: UnitId): Promise<Progress> {
    return this.progress.get(itemId, unitId);
  }

  updateProgress(actor: Actor, update: ProgressUpdate): Promise<Progress> {
    return this.progress.update(actor, update);
  }

  bulkUpdateProgress(actor: Actor, updates: ProgressUpdate[]): Promise<BulkResult> {
    return this.progress.bulkUpdate(actor, updates);
  }

  history(filter: HistoryFilter): Promise<Page<HistoryEntry>> {
    return this.progressHistory.page(filter);
  }

  report(by: ReportBy, asOf: Date, filter?: { planId?: PlanId }): Promise<ReportRow[]> {
    return this.reports.report(by, asOf, filter);
  }

  assignUnits(actor: Actor, taskId: TaskId, assignments: UnitAssignmentRequest): Promise<Task> {
    return this.assignments.assign(actor, taskId, assignments);
  }

  assignmentHistory(filter: AssignmentHistoryFilter): Promise<Page<AssignmentHistoryEntry>> {
    return this.assignments.history(filter);
  }

  createToken(input: { name: string; role: Role; unitId: UnitId | null }): Promise<{ token: string; record: TokenRecord }> {
    return this.tokens.create(input);
  }

  listTokens(): Promise<TokenRecord[]> {
    return this.tokens.list();
  }

  revokeToken(id: string): Promise<TokenRecord> {
    return this.tokens.revoke(id);
  }

  authenticate(token: string): Promise<TokenRecord | null> {
    return this.tokens.authenticate(token);
  }

  createSession(tokenId: string, lifetimeMs: number): Promise<{ sessionId: string; expiresAt: string }> {
    return this.sessions.create(tokenId, lifetimeMs);
  }

  authenticateSession(sessionId: string): Promise<TokenRecord | null> {
    return this.sessions.authenticate(sessionId);
  }

  deleteSession(sessionId: string): Promise<void> {
    return this.sessions.delete(sessionId);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
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
