import type { ChecklistItemId, ImportCorrections, PlanId, ProgressPatch, ProgressStatus, TaskId, UnitId, UnitRole } from "@taizhang/core";
import { ApiError, toApiError } from "./api-error.js";
import type {
  AssignmentHistoryEntry,
  BulkResult,
  Checklist,
  Counterparts,
  DeadlineReport,
  HistoryEntry,
  ImportChoice,
  ImportResult,
  LedgerImportResult,
  OrphanedRows,
  Page,
  Plan,
  PlanSummary,
  Progress,
  ProgressUpdateRequest,
  ReportRow,
  SearchResults,
  SessionInfo,
  Task,
  TaskDetail,
  ThemeMatrix,
  ThemesInfo,
  Unit,
} from "./types.js";

export interface ApiClientOptions {
  /** Where the API lives; "" for the same origin (production and the Vite proxy). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra headers that authenticate a request (empty with a cookie session). */
  authHeaders?: () => Record<string, string>;
}

type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The typed client of the Taizhang API that every page uses. */
export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, init: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json", ...options.authHeaders?.(), ...init.headers };
    let body: BodyInit | undefined;
    if (typeof init.body === "string") {
      body = init.body;
      headers["content-type"] ??= "text/plain; charset=utf-8";
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    const response = await doFetch(`${baseUrl}/api${path}${queryString(init.query)}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
    });
    if (!response.ok) throw await toApiError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  const enc = encodeURIComponent;
  /** `<planId>/<number>` → the two path segments the API's task routes take. */
  const taskPath = (taskId: TaskId | string) => taskId.split("/").map(enc).join("/");
  /** `<planId>/<number>#<item>` → `<planId>/<number>/<item>`, as the progress routes take it. */
  const itemPath = (itemId: ChecklistItemId | string) => {
    const [task = "", item = ""] = itemId.split("#");
    return `${taskPath(task)}/${enc(item)}`;
  };

  return {
    session: {
      get: () => request<SessionInfo>("GET", "/session"),
      create: (token: string) => request<SessionInfo>("POST", "/session", { body: { token } }),
      delete: () => request<void>("DELETE", "/session"),
    },
    plans: {
      list: async () => (await request<{ items: PlanSummary[] }>("GET", "/plans")).items,
      get: (planId: PlanId | string) => request<Plan>("GET", `/plans/${enc(planId)}`),
      checklist: (planId: PlanId | string) => request<Checklist>("GET", `/plans/${enc(planId)}/checklist`),
    },
    tasks: {
      get: (taskId: TaskId | string) => request<TaskDetail>("GET", `/tasks/${taskPath(taskId)}`),
      list: (query: { planId?: string; unitId?: string; q?: string; limit?: number; cursor?: string | null }) =>
        request<Page<Task>>("GET", "/tasks", { query }),
      /** `replace` with a `reason` is needed to change units the plan's text names for the task (409 units-named-by-plan). */
      assignUnits: (taskId: TaskId | string, assignment: { lead: string[]; responsible: string[]; replace?: boolean; reason?: string }) =>
        request<Task>("PUT", `/tasks/${taskPath(taskId)}/units`, { body: assignment }),
      /** Admin: progress rows of units removed from the task, kept as they were. */
      orphaned: (taskId: TaskId | string) => request<OrphanedRows>("GET", `/tasks/${taskPath(taskId)}/orphaned`),
      counterparts: (taskId: TaskId | string, query: { limit?: number; perPlan?: number } = {}) =>
        request<Counterparts>("GET", `/tasks/${taskPath(taskId)}/counterparts`, { query }),
    },
    /** Core's search over every plan: scripts, widths, pinyin, unit aliases, "phrases" and -exclusions. */
    search: (query: { q: string; planId?: string; theme?: string; limit?: number; offset?: number }) => request<SearchResults>("GET", "/search", { query }),
    themes: {
      list: () => request<ThemesInfo>("GET", "/themes"),
      matrix: () => request<ThemeMatrix>("GET", "/themes/matrix"),
    },
    units: {
      list: async (query: { planId?: string } = {}) => (await request<{ items: Unit[] }>("GET", "/units", { query })).items,
      checklist: (unitId: UnitId | string, query: { planId?: string; role?: UnitRole; status?: ProgressStatus } = {}) =>
        request<Checklist>("GET", `/units/${enc(unitId)}/checklist`, { query }),
    },
    progress: {
      /** Saves a change made on `version`; a stale version rejects with a 412 ApiError carrying the current state. */
      update: (itemId: ChecklistItemId | string, unitId: UnitId | string, version: number, patch: ProgressPatch) =>
        request<Progress>("PATCH", `/progress/${itemPath(itemId)}/${enc(unitId)}`, {
          body: patch,
          headers: { "if-match": `"${version}"` },
        }),
      /** All or nothing: a refusal comes back as `{ ok: false }` with each update's fate, not as an exception. */
      bulk: async (updates: ProgressUpdateRequest[]): Promise<BulkResult> => {
        try {
          return await request<BulkResult>("POST", "/progress/bulk", { body: { updates } });
        } catch (error) {
          if (error instanceof ApiError && error.problem.results) return { ok: false, results: error.problem.results };
          throw error;
        }
      },
    },
    history: {
      list: (query: { itemId?: string; taskId?: string; unitId?: string; planId?: string; limit?: number; cursor?: string | null }) =>
        request<Page<HistoryEntry>>("GET", "/history", { query }),
      /** Changes of tasks' units (分工变更记录), newest first. */
      assignments: (query: { taskId?: string; planId?: string; limit?: number; cursor?: string | null }) =>
        request<Page<AssignmentHistoryEntry>>("GET", "/history/assignments", { query }),
    },
    reports: {
      progress: async (by: "plan" | "section" | "unit", query: { planId?: string } = {}) =>
        (await request<{ asOf: string; rows: ReportRow[] }>("GET", "/reports/progress", { query: { by, ...query } })).rows,
      deadlines: (query: { withinDays?: number } = {}) => request<DeadlineReport>("GET", "/reports/deadlines", { query }),
    },
    import: {
      /**
       * A dry run reads the text and stores nothing; `replace` updates a stored plan of the same id (progress is kept), and
       * `replaceDifferent` also one whose title, 文号 or jurisdiction differ. `choice`: the id and jurisdiction the admin set or
       * confirmed. `corrections` (units per task, deadlines) are applied by the server before it stores the plan.
       */
      plan: (input: { text: string; fileName: string; dryRun: boolean; replace?: boolean; replaceDifferent?: boolean; choice?: ImportChoice; corrections?: ImportCorrections }) =>
        request<ImportResult>("POST", "/import", {
          body: { text: input.text, sourceName: input.fileName, ...input.choice, ...(input.corrections ? { corrections: input.corrections } : {}) },
          query: {
            dryRun: input.dryRun,
            replace: input.replace === true ? true : undefined,
            replaceDifferent: input.replaceDifferent === true ? true : undefined,
          },
        }),
      /** A plan's file (.docx, .pdf, .html, .xlsx, .doc or text), read by the server from its content; as `plan` otherwise. */
      planFile: async (
        file: Blob & { name?: string },
        how: { dryRun: boolean; replace?: boolean; replaceDifferent?: boolean; choice?: ImportChoice; corrections?: ImportCorrections },
      ): Promise<ImportResult> => {
        const form = new FormData();
        form.set("file", file, file.name ?? "plan");
        if (how.corrections) form.set("corrections", JSON.stringify(how.corrections));
        if (how.choice?.id) form.set("id", how.choice.id);
        if (how.choice?.jurisdiction) form.set("jurisdiction", JSON.stringify(how.choice.jurisdiction));
        const query = { dryRun: how.dryRun, replace: how.replace === true ? true : undefined, replaceDifferent: how.replaceDifferent === true ? true : undefined };
        const response = await doFetch(`${baseUrl}/api/import${queryString(query)}`, {
          method: "POST",
          headers: { accept: "application/json", ...options.authHeaders?.() },
          body: form,
          credentials: "same-origin",
        });
        if (!response.ok) throw await toApiError(response);
        return (await response.json()) as ImportResult;
      },
      /**
       * An edited ledger (.xlsx or CSV, as downloaded): a preview of what it changes, or with `apply` the changes
       * written. A refused apply (some rows refused) answers with the rows and why, `applied: false`.
       */
      ledger: async (file: Blob & { name?: string }, how: { apply: boolean; skipRejected?: boolean }): Promise<LedgerImportResult> => {
        const isCsv = /\.(csv|txt|tsv)$/i.test(file.name ?? "") || file.type.startsWith("text/");
        const query = queryString({ apply: how.apply, skipRejected: how.skipRejected === true ? true : undefined, fileName: file.name });
        const response = await doFetch(`${baseUrl}/api/imports/ledger${query}`, {
          method: "POST",
          headers: { accept: "application/json", "content-type": isCsv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ...options.authHeaders?.() },
          body: file,
          credentials: "same-origin",
        });
        if (response.ok) return (await response.json()) as LedgerImportResult;
        const error = await toApiError(response);
        if (response.status === 409 && error.problem.import) return error.problem.import;
        throw error;
      },
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
