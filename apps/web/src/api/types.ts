import type {
  AssignmentHistoryEntry,
  ChecklistItem,
  Counterpart,
  PlanId,
  SearchHit,
  ThemeCoverage,
  ThemeId,
  DeadlineState,
  HistoryEntry,
  ImportWarning,
  Jurisdiction,
  Plan,
  PlanHeading,
  PlanSummary,
  Progress,
  ProgressPatch,
  Rollup,
  Task,
  Unit,
  UnitId,
  UnitRole,
} from "@taizhang/core";

/** Shapes of the API's JSON bodies, as the web app reads them. */

export type Role = "admin" | "office" | "viewer";

/** Who the signed-in token belongs to. */
export interface SessionInfo {
  name: string;
  role: Role;
  unitId: UnitId | null;
}

/** The API's deadline flags of a row (core's rules, as of the response's `asOf`). */
export interface Deadline {
  due: string;
  daysLeft: number;
  state: DeadlineState;
  overdue: boolean;
  dueSoon: boolean;
}

/** One (checklist item, unit) line with everything a ledger line shows. */
export interface ChecklistRow {
  item: ChecklistItem;
  unitId: UnitId;
  role: UnitRole;
  progress: Progress;
  taskNumber: number;
  taskTitle: string;
  sectionTitle: string | null;
  partTitle: string;
  deadline?: Deadline;
}

/** A checklist as the API sends it: the rows and the instant their deadlines were judged at. */
export interface Checklist {
  asOf: string;
  items: ChecklistRow[];
}

export interface TaskDetail {
  task: Task;
  units: Unit[];
  checklist: Array<{ item: ChecklistItem; progress: Array<{ unitId: UnitId; role: UnitRole; progress: Progress; deadline: Deadline }> }>;
  asOf: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface ReportRow {
  key: string;
  label: string;
  rollup: Rollup;
}

export interface DeadlineReport {
  asOf: string;
  withinDays: number;
  overdue: ChecklistRow[];
  dueSoon: ChecklistRow[];
}

export interface ProgressUpdateRequest {
  itemId: ChecklistItem["id"];
  unitId: UnitId;
  /** The version the change was made on. */
  version: number;
  patch: ProgressPatch;
}

export interface BulkItemResult {
  index: number;
  progress?: Progress;
  error?: { code: "not_found" | "stale_version" | "forbidden" | "conflict" | "invalid"; message: string; current?: Progress };
}

/** All applied (ok) or none (with why, per update). */
export interface BulkResult {
  ok: boolean;
  results: BulkItemResult[];
}

export interface ImportResult {
  plan: Plan;
  warnings: ImportWarning[];
  /** False for a dry run. */
  stored: boolean;
  action: "inserted" | "updated" | "unchanged" | null;
  /** The plan already stored under the id, to compare with; null when none. */
  existing: PlanHeading | null;
  /** What differs between the stored plan and this one: replacing it then needs an explicit second confirmation. */
  differs: Array<"title" | "documentNumber" | "jurisdiction">;
  /** False when the importer was unsure whose plan it is: the admin must confirm the jurisdiction. */
  jurisdictionConfirmed: boolean;
}

/** What an admin sets or confirms on an import: the id and the jurisdiction. */
export interface ImportChoice {
  id?: string;
  jurisdiction?: Jurisdiction;
}

/** A task's orphaned progress rows: of units removed from it, kept as they were (admins only). */
export interface OrphanedRows {
  taskId: string;
  items: Array<{ item: ChecklistItem; unitId: UnitId; role: UnitRole; progress: Progress; deadline: Deadline }>;
  asOf: string;
}

/** One field an uploaded ledger row changes. */
export interface LedgerFieldChange {
  field: "status" | "percent" | "note" | "evidence" | "measuredValue" | "responsiblePerson";
  before: unknown;
  after: unknown;
}

/** `POST /api/imports/ledger`: what an edited ledger changes (or changed), row by row. */
export interface LedgerImportResult {
  file: { name: string | null; format: "xlsx" | "csv"; sheet: string | null; ignoredHeaders: string[] };
  summary: { rows: number; changes: number; unchanged: number; rejected: number };
  rows: Array<{
    line: number;
    outcome: "change" | "unchanged" | "rejected";
    itemId: string | null;
    unitId: string | null;
    label: string | null;
    changes: LedgerFieldChange[];
    reason: "unknown_row" | "invalid_cell" | "forbidden" | "stale" | "duplicate" | "orphaned" | null;
    message: string | null;
  }>;
  applied: boolean;
  written: number;
}

/** RFC 9457 problem details, as every API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  /** Sent with 412: the item's current state. */
  current?: Progress;
  /** Sent when a bulk change was refused: what happened to each update. */
  results?: BulkItemResult[];
  /** Sent when an uploaded ledger was not applied (409 import-rejected): its rows and why. */
  import?: LedgerImportResult;
  /** Sent with 409 plan-exists and plan-differs: the stored plan, the new one, and what differs. */
  existing?: PlanHeading;
  incoming?: PlanHeading;
  differs?: Array<"title" | "documentNumber" | "jurisdiction">;
  requestId?: string;
}

export type { AssignmentHistoryEntry, HistoryEntry, Jurisdiction, Plan, PlanHeading, PlanSummary, Progress, Task, Unit };

/** What a list shows of a task found elsewhere (search hits, counterparts). */
export interface TaskRef {
  number: number;
  ordinal: string;
  title: string;
  planTitle: string;
}

/** A page of `GET /api/search`. */
export interface SearchResults {
  query: string;
  total: number;
  offset: number;
  limit: number;
  hits: Array<SearchHit & { task: TaskRef }>;
}

/** `GET /api/themes`. */
export interface ThemesInfo {
  themes: Array<{ id: ThemeId; zh: string; en: string; outlineChapter: string; parent: ThemeId | null; taskCount: number }>;
  outline2015: Array<{ zh: string; themeId: ThemeId }>;
}

/** `GET /api/themes/matrix`: themes × plans with counts and completion. */
export type ThemeMatrix = ThemeCoverage & { asOf: string; plans: Array<{ id: PlanId; title: string }> };

/** `GET /api/tasks/{planId}/{number}/counterparts`. */
export interface Counterparts {
  taskId: string;
  counterparts: Array<Counterpart & { task: TaskRef }>;
}
