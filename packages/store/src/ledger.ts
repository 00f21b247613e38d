import type { EvidenceFiles } from "./evidence-files.js";
import type {
  AssignmentHistoryEntry,
  ChecklistItem,
  ChecklistItemId,
  HistoryEntry,
  Plan,
  PlanId,
  PlanSummary,
  Progress,
  ProgressInconsistency,
  ProgressPatch,
  ProgressStatus,
  Rollup,
  Task,
  TaskId,
  Unit,
  UnitId,
  UnitRole,
} from "@taizhang/core";

/**
 * The contract between the store and its users (API, TUI, CLI). One
 * implementation (Kysely) serves both SQLite and PostgreSQL. Every method is
 * one transaction; every write appends history; nothing edits or deletes
 * history.
 */

export type Role = "admin" | "office" | "viewer";

/** Who is acting: resolved from a token by the caller. */
export interface Actor {
  /** Shown in history: the token's name (e.g. "市政府法制办 office token"). */
  name: string;
  role: Role;
  /** For office tokens: the unit whose items it may change. */
  unitId: UnitId | null;
  source: HistoryEntry["source"];
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  unitId: UnitId | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One (checklist item, unit) row with everything a ledger line shows. */
export interface ChecklistRow {
  item: ChecklistItem;
  unitId: UnitId;
  role: UnitRole;
  progress: Progress;
  /** Convenience copies for lists. */
  taskNumber: number;
  taskTitle: string;
  sectionTitle: string | null;
  partTitle: string;
}

export interface TaskFilter {
  planId?: PlanId;
  partNumber?: number;
  sectionNumber?: number;
  unitId?: UnitId;
  role?: UnitRole;
  status?: ProgressStatus;
  /** Tasks with at least one overdue (item, unit) row as of this instant. */
  overdueAsOf?: Date;
  dueBefore?: string;
  dueAfter?: string;
  guarantee?: boolean;
  /** Tasks classified under this theme id (core's THEMES), e.g. "oversight". */
  theme?: string;
  /**
   * Only these tasks: the matches of a text search, which the application
   * layer runs on core's index (the store does no text matching of its own).
   * An empty list selects nothing.
   */
  taskIds?: readonly TaskId[];
}

export interface PlanRevision {
  planId: PlanId;
  revision: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null at the end. */
  nextCursor: string | null;
  total: number;
}

export interface PlanLoadResult {
  planId: PlanId;
  action: "inserted" | "updated" | "unchanged";
}

/** The refusal of a change whose status and percent do not go together (the app answers 422 progress-inconsistent). */
export function inconsistentProgress(problem: ProgressInconsistency): LedgerError {
  return new LedgerError("invalid", problem.message, {
    problem: "progress-inconsistent",
    field: problem.field,
    errors: [{ path: `body.${problem.field}`, message: problem.message }],
  });
}

export class LedgerError extends Error {
  constructor(
    readonly code: "not_found" | "stale_version" | "forbidden" | "conflict" | "invalid",
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "LedgerError";
  }
}

export interface ProgressUpdate {
  itemId: ChecklistItemId;
  unitId: UnitId;
  /** The version the writer last saw; a different current version is a stale write. */
  expectedVersion: number;
  patch: ProgressPatch;
  /** A note on the change itself, kept in history. */
  comment?: string | null;
}

/** Why an update of a bulk change was not applied: its own refusal, or `not_applied` when another update of the batch was refused. */
/** `inconsistent`: the status and percent after the change break core's rule (see settleProgressChange). */
export type BulkRefusal = LedgerError["code"] | "inconsistent" | "not_applied";

export interface BulkResult {
  ok: boolean;
  /** One entry per update, in order: the new progress, or why it was refused. */
  results: Array<{ index: number; progress?: Progress; error?: { code: BulkRefusal; message: string; current?: Progress } }>;
}

export interface HistoryFilter {
  planId?: PlanId;
  /** Every checklist item of one task (its whole-task item and each milestone's). */
  taskId?: TaskId;
  itemId?: ChecklistItemId;
  unitId?: UnitId;
  since?: string;
  until?: string;
  limit?: number;
  cursor?: string | null;
}

/** An admin's change of a task's units. */
export interface UnitAssignmentRequest {
  /** Unit ids, names or aliases, in the plan's jurisdiction. */
  lead: string[];
  responsible: string[];
  /**
   * Required (with a reason) when the plan's text names the task's units: the change then overrides
   * what the plan itself says, so it must be meant.
   */
  replace?: boolean;
  /** Why; kept in the assignment history. Required with replace. */
  reason?: string | null;
}

export interface AssignmentHistoryFilter {
  planId?: PlanId;
  taskId?: TaskId;
  limit?: number;
  cursor?: string | null;
}

/** What a checklist read selects (see Ledger.checklist). */
export interface ChecklistFilter {
  planId?: PlanId;
  taskId?: TaskId;
  unitId?: UnitId;
  role?: UnitRole;
  status?: ProgressStatus;
  responsiblePerson?: string;
  orphaned?: boolean;
  /**
   * Only open rows (not done, not not_applicable) due before this China date (YYYY-MM-DD,
   * exclusive): the overdue rows as of a day are those open and due before it.
   */
  openDueBefore?: string;
  /** With openDueBefore or alone: only open rows due on or after this China date (YYYY-MM-DD). */
  openDueFrom?: string;
}

/** A page of checklist rows; `nextCursor` is null on the last page. */
export interface ChecklistPage {
  items: ChecklistRow[];
  nextCursor: string | null;
}

/** The largest checklist page a read returns. */
export const MAX_CHECKLIST_PAGE = 2000;

export interface ReportRow {
  key: string;
  label: string;
  rollup: Rollup;
}

/** What the store offers; implemented by `KyselyLedger` for SQLite and PostgreSQL. */
export interface Ledger {
  /** Uploaded evidence files (佐证文件), by sha256: see evidence-files.ts. */
  readonly evidenceFiles: EvidenceFiles;
  /**
   * Insert or update a plan from the importer; progress is never touched. A task whose units the
   * new text changes gets an assignment history entry (kind reimport) recorded as `actor`
   * (default: "plan import", source import).
   */
  loadPlan(plan: Plan, options?: { actor?: Pick<Actor, "name" | "source"> }): Promise<PlanLoadResult>;
  listPlans(): Promise<PlanSummary[]>;
  /**
   * One short revision string per plan, changing whenever the plan as
   * getPlan returns it changes (new text, assigned units): lets a reader
   * cache plans (e.g. a search index) and refresh only what changed.
   */
  planRevisions(): Promise<PlanRevision[]>;
  /**
   * A token that changes whenever anything this ledger's reads return may
   * have changed: a write by this process, or a commit by any other
   * connection to the same store (SQLite: `PRAGMA data_version`;
   * PostgreSQL: the current snapshot). Read it *before* a read: a result
   * may be reused for as long as the token stays the same. One cheap query.
   */
  dataRevision(): Promise<string>;
  getPlan(planId: PlanId): Promise<Plan>;
  getTask(taskId: TaskId): Promise<Task>;
  listTasks(filter: TaskFilter, page: { limit: number; cursor?: string | null; sort?: "number" | "due" }): Promise<Page<Task>>;
  listUnits(filter?: { planId?: PlanId; jurisdiction?: string }): Promise<Unit[]>;
  /** Finds a unit by id, canonical name or alias (optionally within a jurisdiction). */
  resolveUnit(nameOrId: string, jurisdiction?: string): Promise<Unit[]>;
  /**
   * `responsiblePerson`: only rows whose 责任人 has exactly this name. `orphaned: true`: instead of the
   * live rows, the orphaned ones — rows whose unit was removed from the task, or whose item the
   * plan's text no longer has — kept with their progress (for admins to see; never editable).
   */
  checklist(filter: ChecklistFilter): Promise<ChecklistRow[]>;
  /**
   * One page of the checklist in its order (plan, item position, item id, the unit's place in the
   * task, unit id), after `cursor` (the `nextCursor` of the previous page). A keyset page: rows
   * written between pages are neither skipped nor repeated when they sort after the cursor.
   * `limit` is clamped to 1..MAX_CHECKLIST_PAGE.
   */
  checklistPage(filter: ChecklistFilter, page: { limit: number; cursor?: string | null }): Promise<ChecklistPage>;
  /**
   * The first `limit` rows of the checklist by due date (earliest first, then checklist order), and
   * how many rows the filter selects in all: a bounded read for deadline reports.
   */
  checklistDueFirst(filter: ChecklistFilter, limit: number): Promise<{ items: ChecklistRow[]; total: number }>;
  getProgress(itemId: ChecklistItemId, unitId: UnitId): Promise<Progress>;
  updateProgress(actor: Actor, update: ProgressUpdate): Promise<Progress>;
  /** All or nothing: if any update fails, none is applied. */
  bulkUpdateProgress(actor: Actor, updates: ProgressUpdate[]): Promise<BulkResult>;
  history(filter: HistoryFilter): Promise<Page<HistoryEntry>>;
  report(by: "plan" | "section" | "unit" | "task", asOf: Date, filter?: { planId?: PlanId }): Promise<ReportRow[]>;
  /**
   * Admin: set a task's units. On a task whose units the plan's text names, refused (conflict,
   * details.problem "units-named-by-plan") unless `replace` with a `reason`. Every change writes an assignment
   * history entry; progress of a unit removed is kept (orphaned) and comes back if it is assigned
   * again. No change, no entry.
   */
  assignUnits(actor: Actor, taskId: TaskId, assignments: UnitAssignmentRequest): Promise<Task>;
  /** Changes of tasks' units, newest first. */
  assignmentHistory(filter: AssignmentHistoryFilter): Promise<Page<AssignmentHistoryEntry>>;
  createToken(input: { name: string; role: Role; unitId: UnitId | null }): Promise<{ token: string; record: TokenRecord }>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: string): Promise<TokenRecord>;
  /** Null when unknown or revoked; compares in constant time. */
  authenticate(token: string): Promise<TokenRecord | null>;
  /**
   * A web session for a live token, lasting `lifetimeMs`: a random id for the cookie (the store keeps
   * only its sha256). Revoking the token ends its sessions.
   */
  createSession(tokenId: string, lifetimeMs: number): Promise<{ sessionId: string; expiresAt: string }>;
  /** The token of a live session; null when the id is unknown, expired, signed out or its token revoked. */
  authenticateSession(sessionId: string): Promise<TokenRecord | null>;
  /** Signs a session out: its id is refused from then on. */
  deleteSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}
