import type { Client } from "@taizhang/api";
import type {
  AssignmentHistoryEntry,
  BulkResult,
  Checklist,
  Counterparts,
  DeadlineReport,
  HistoryEntry,
  ImportResult,
  LedgerImportResult,
  OrphanedRows,
  Page,
  Plan,
  PlanSummary,
  Progress,
  ReportRow,
  SearchResults,
  SessionInfo,
  TaskDetail,
  ThemeMatrix,
  ThemesInfo,
  Unit,
} from "./types.js";

/*
 * Compile-time contract: the JSON the API's routes declare (through its typed
 * `hc` client) must fit the shapes this app reads. If a route's response
 * changes, `pnpm --filter @taizhang/web typecheck` fails here. Types only:
 * nothing of the API reaches the bundle.
 */

/** The JSON body of a client call's successful (2xx) responses. */
type Ok<F> = F extends (...args: never[]) => Promise<infer R>
  ? R extends { ok: true; json(): Promise<infer J> }
    ? J
    : never
  : never;

/** `never` (a route that was not found or answers no JSON) must not pass as fitting anything. */
type Fits<Actual extends Expected, Expected> = [Actual] extends [never] ? "no such route or no JSON answer" : Actual;
type Defined<T> = [T] extends [never] ? "no such route or no JSON answer" : T;

type Api = Client["api"];

export type Contract = [
  Fits<Defined<Ok<Api["session"]["$get"]>>, SessionInfo>,
  Fits<Defined<Ok<Api["plans"]["$get"]>>, { items: PlanSummary[] }>,
  Fits<Defined<Ok<Api["plans"][":planId"]["$get"]>>, Plan>,
  Fits<Defined<Ok<Api["plans"][":planId"]["checklist"]["$get"]>>, Checklist>,
  Fits<Defined<Ok<Api["units"]["$get"]>>, { items: Unit[] }>,
  Fits<Defined<Ok<Api["units"][":unitId"]["checklist"]["$get"]>>, Checklist>,
  Fits<Defined<Ok<Api["tasks"][":planId"][":number"]["$get"]>>, TaskDetail>,
  Fits<Defined<Ok<Api["progress"][":planId"][":number"][":item"][":unitId"]["$patch"]>>, Progress>,
  Fits<Defined<Ok<Api["progress"]["bulk"]["$post"]>>, BulkResult>,
  Fits<Defined<Ok<Api["history"]["$get"]>>, Page<HistoryEntry>>,
  Fits<Defined<Ok<Api["reports"]["progress"]["$get"]>>, { asOf: string; rows: ReportRow[] }>,
  Fits<Defined<Ok<Api["reports"]["deadlines"]["$get"]>>, DeadlineReport>,
  Fits<Defined<Ok<Api["import"]["$post"]>>, ImportResult>,
  Fits<Defined<Ok<Api["imports"]["ledger"]["$post"]>>, LedgerImportResult>,
  Fits<Defined<Ok<Api["search"]["$get"]>>, SearchResults>,
  Fits<Defined<Ok<Api["themes"]["$get"]>>, ThemesInfo>,
  Fits<Defined<Ok<Api["themes"]["matrix"]["$get"]>>, ThemeMatrix>,
  Fits<Defined<Ok<Api["tasks"][":planId"][":number"]["counterparts"]["$get"]>>, Counterparts>,
  Fits<Defined<Ok<Api["tasks"][":planId"][":number"]["orphaned"]["$get"]>>, OrphanedRows>,
  Fits<Defined<Ok<Api["history"]["assignments"]["$get"]>>, Page<AssignmentHistoryEntry>>,
];
