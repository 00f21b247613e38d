import type { TaskRef } from "@taizhang/contract";
import type { ProgressImportResult } from "@taizhang/store";
import type {
  ChecklistItemId,
  Counterpart,
  SearchHit,
  ThemeCoverage,
  ThemeId,
  HistoryEntry,
  Plan,
  PlanId,
  PlanSummary,
  Progress,
  ProgressPatch,
  ProgressStatus,
  Task,
  TaskId,
  Unit,
  UnitId,
  UnitRole,
} from "@taizhang/core";
import type { DataResult } from "./data-result.js";
import type { LedgerExportFile, LedgerExportRequest } from "./door.js";

/** One (checklist item, unit) line with what a ledger line shows. */
export interface ProgressRow {
  itemId: ChecklistItemId;
  planId: PlanId;
  taskId: TaskId;
  kind: "task" | "milestone";
  milestoneIndex: number | null;
  label: string;
  due: string;
  unitId: UnitId;
  role: UnitRole;
  progress: Progress;
  taskNumber: number;
  taskTitle: string;
}

/** Filters for task lists; every field narrows the list. */
export interface TaskQuery {
  planId?: PlanId;
  partNumber?: number;
  sectionNumber?: number;
  /** A unit id or a name/alias; resolved by the data source. */
  unit?: string;
  status?: ProgressStatus;
  /** Only tasks with an overdue (item, unit) row as of the data source's `asOf`. */
  overdue?: boolean;
  /** Only tasks classified under this theme. */
  theme?: ThemeId;
  /** Free text. */
  text?: string;
}

/** What a list shows of a task found elsewhere (the contract's shape). */
export type { TaskRef };

/** One page of ranked search hits (core's search), each with its task's title. */
export interface SearchPage {
  total: number;
  hits: Array<SearchHit & { task: TaskRef }>;
}

export interface SearchPageOptions {
  planId?: PlanId;
  theme?: ThemeId;
  limit?: number;
  offset?: number;
}

export type CounterpartRef = Counterpart & { task: TaskRef };

/** The themes × plans matrix with completion, and the plans' titles (its columns). */
export type ThemeCoverageView = ThemeCoverage & { plans: Array<{ id: PlanId; title: string }> };

export interface TaskDetail {
  task: Task;
  plan: Pick<Plan, "id" | "title" | "period" | "parts" | "units">;
  rows: ProgressRow[];
  /** Most recent first. */
  history: HistoryEntry[];
}

export interface Identity {
  /** Shown in history as who made the change. */
  name: string;
  role: "admin" | "office" | "viewer" | "anonymous";
  unitId: UnitId | null;
  /** Where the data comes from: a directory or a URL. */
  location: string;
  kind: "local" | "remote";
  canWrite: boolean;
}

/** A server (its URL) or the embedded store (its directory). */
export interface DataOrigin {
  kind: "local" | "remote";
  location: string;
}

export interface ProgressChange {
  itemId: ChecklistItemId;
  unitId: UnitId;
  /** The version the writer last saw; omit to write over the version stored now. */
  expectedVersion?: number;
  patch: ProgressPatch;
  comment?: string | null;
}

/**
 * Everything the screens and the subcommands read and write. Implemented
 * over the embedded store (`LocalDataSource`) and over the HTTP API
 * (`RemoteDataSource`). Methods never throw: failures are `DataResult`s.
 */
export interface DataSource {
  /** Where the data comes from, known without asking it: the UI names it in its title bar and in messages (a server that does not answer). */
  readonly origin: DataOrigin;
  whoami(): Promise<DataResult<Identity>>;
  listPlans(): Promise<DataResult<PlanSummary[]>>;
  getPlan(planId: PlanId): Promise<DataResult<Plan>>;
  listTasks(query: TaskQuery, asOf: Date): Promise<DataResult<Task[]>>;
  getTask(taskId: TaskId, historyLimit?: number): Promise<DataResult<TaskDetail>>;
  /** Checklist rows: of a plan, of a task, of a unit (id or name), or all. */
  progressRows(filter: { planId?: PlanId; taskId?: TaskId; unit?: string }): Promise<DataResult<ProgressRow[]>>;
  /** Finds exactly one unit by id, name or alias; several matches are an `invalid` result listing them. */
  resolveUnit(nameOrId: string): Promise<DataResult<Unit>>;
  /** Tasks whose text matches, best first. */
  search(text: string, filter?: { planId?: PlanId }): Promise<DataResult<Task[]>>;
  /** A page of ranked hits with snippets (core's search: scripts, pinyin, aliases, query syntax). */
  searchTasks(query: string, options?: SearchPageOptions): Promise<DataResult<SearchPage>>;
  /** Themes × plans: task counts and completion as of `asOf`. */
  themeCoverage(asOf: Date): Promise<DataResult<ThemeCoverageView>>;
  /** The task's closest tasks in the other plans, best first. */
  counterparts(taskId: TaskId, options?: { limit?: number; perPlan?: number }): Promise<DataResult<CounterpartRef[]>>;
  updateProgress(change: ProgressChange): Promise<DataResult<Progress>>;
  /** The change history of a plan and/or a unit, newest first, at most `max` entries. */
  historyOf(filter: { planId?: PlanId; unitId?: UnitId }, max: number): Promise<DataResult<HistoryEntry[]>>;
  /**
   * An edited ledger (.xlsx or CSV bytes): what it would change, row by row,
   * or (with `apply`) those changes written in one transaction. A refused
   * apply is still `ok`, with `applied: false` and the refused rows.
   */
  importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<DataResult<LedgerImportOutcome>>;
  /** A ledger export, made by the application layer's export (locally) or the API's export route (remotely). */
  exportLedger(query: LedgerExportRequest): Promise<DataResult<LedgerExportFile>>;
  close(): Promise<void>;
}

/** What an edited ledger changes (the store's import result, and the file it came from). */
export interface LedgerImportOutcome extends ProgressImportResult {
  file: { name: string | null; format: "xlsx" | "csv"; sheet: string | null; ignoredHeaders: string[] };
}

export type { LedgerExportFile, LedgerExportRequest } from "./door.js";
