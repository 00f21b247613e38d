import {
  ChecklistEntrySchema,
  createClient,
  HistoryEntryResponse,
  pageOf,
  PlanResponse,
  PlanSummaryResponse,
  ProblemSchema,
  ProgressResponse,
  TaskDetailResponse,
  TaskResponse,
  UnitResponse,
  CallerSchema,
  CounterpartsResponse,
  LedgerImportResult,
  MatrixResponse,
  SearchResponse,
  type ChecklistEntry,
  type Client,
} from "@taizhang/api";
import {
  createSearchIndex,
  type PlanId,
  type Plan,
  type PlanSummary,
  type Progress,
  type SearchIndex,
  type Task,
  type TaskId,
  type Unit,
  type UnitId,
  type HistoryEntry,
} from "@taizhang/core";
import { z } from "zod";
import { fail, ok, type DataErrorKind, type DataResult } from "./data-result.js";
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

const PAGE = 500;

/** Why a problem's status means what it does to a user of the TUI or CLI. */
function kindOf(status: number): DataErrorKind {
  if (status === 401 || status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409 || status === 412 || status === 428) return "conflict";
  if (status >= 500) return "unavailable";
  return "invalid";
}

function toProgressRow(entry: ChecklistEntry): ProgressRow {
  return {
    itemId: entry.item.id,
    planId: entry.item.planId,
    taskId: entry.item.taskId,
    kind: entry.item.kind,
    milestoneIndex: entry.item.milestoneIndex,
    label: entry.item.label,
    due: entry.item.due,
    unitId: entry.unitId,
    role: entry.role,
    progress: entry.progress,
    taskNumber: entry.taskNumber,
    taskTitle: entry.taskTitle,
  };
}

/** `chengdu-2015/12#m1` → the path parameters of the progress routes. */
function itemParams(itemId: string): { planId: string; number: string; item: string } {
  const [task = "", item = ""] = itemId.split("#");
  const slash = task.lastIndexOf("/");
  return { planId: task.slice(0, slash), number: task.slice(slash + 1), item };
}

const ChecklistBody = z.object({ asOf: z.string(), items: z.array(ChecklistEntrySchema), nextCursor: z.string().nullable().optional() });

/** Rows per checklist page the TUI asks for (the API's largest). */
const CHECKLIST_PAGE = "2000";

/**
 * The data source over a Taizhang server, through the API's typed client.
 * Every answer is checked against the API's schemas; problems (RFC 9457)
 * become typed results, and a server that cannot be reached is `unavailable`.
 */
export class RemoteDataSource implements DataSource {
  private readonly client: Client;
  private readonly headers: Record<string, string>;
  private readonly plans = new Map<PlanId, Plan>();
  private searchIndex: SearchIndex | null = null;
  readonly origin: DataOrigin;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string | null,
    fetchImpl?: typeof fetch,
  ) {
    this.client = createClient(baseUrl, fetchImpl ? { fetch: fetchImpl } : {});
    this.headers = token ? { Authorization: `Bearer ${token}` } : {};
    this.origin = { kind: "remote", location: baseUrl };
  }

  /** Sends a request and checks the answer: the body against `schema` on 2xx, a problem otherwise. */
  private async call<S extends z.ZodType>(schema: S, send: () => Promise<Response>): Promise<DataResult<z.infer<S>>> {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
      return fail("unavailable", `the server at ${this.baseUrl} does not answer: ${error instanceof Error ? error.message : String(error)}${cause}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // A body that is not JSON (a proxy's error page, say) is reported by its status alone.
      body = null;
    }
    if (!response.ok) {
      const problem = ProblemSchema.safeParse(body);
      const detail = problem.success ? problem.data.detail : `HTTP ${response.status}`;
      const hint = response.status === 401 && !this.token ? " (give a token with --token or TAIZHANG_TOKEN)" : "";
      return fail(kindOf(response.status), `${detail}${hint}`, problem.success && problem.data.current ? { current: problem.data.current } : {});
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return fail("unavailable", `the server at ${this.baseUrl} answered in an unexpected shape: ${parsed.error.issues[0]?.message ?? ""}`);
    return ok(parsed.data);
  }

  async whoami(): Promise<DataResult<Identity>> {
    if (!this.token) {
      return ok({ name: "anonymous", role: "anonymous", unitId: null, location: this.baseUrl, kind: "remote", canWrite: false });
    }
    const caller = await this.call(CallerSchema, () => this.client.api.session.$get({}, { headers: this.headers }));
    if (!caller.ok) return caller;
    const { name, role, unitId } = caller.value;
    return ok({ name, role, unitId, location: this.baseUrl, kind: "remote", canWrite: role !== "viewer" });
  }

  async listPlans(): Promise<DataResult<PlanSummary[]>> {
    const r = await this.call(z.object({ items: z.array(PlanSummaryResponse) }), () => this.client.api.plans.$get({}, { headers: this.headers }));
    return r.ok ? ok(r.value.items) : r;
  }

  async getPlan(planId: PlanId): Promise<DataResult<Plan>> {
    const cached = this.plans.get(planId);
    if (cached) return ok(cached);
    const r = await this.call(PlanResponse, () => this.client.api.plans[":planId"].$get({ param: { planId } }, { headers: this.headers }));
    if (r.ok) this.plans.set(planId, r.value);
    return r;
  }

  async listTasks(query: TaskQuery, asOf: Date): Promise<DataResult<Task[]>> {
    let unitId: string | undefined;
    if (query.unit !== undefined) {
      const unit = await this.resolveUnit(query.unit);
      if (!unit.ok) return unit;
      unitId = unit.value.id;
    }
    const tasks: Task[] = [];
    let cursor: string | undefined;
    do {
      const q = {
        limit: String(PAGE),
        ...(query.planId ? { planId: query.planId } : {}),
        ...(query.partNumber !== undefined ? { part: String(query.partNumber) } : {}),
        ...(query.sectionNumber !== undefined ? { section: String(query.sectionNumber) } : {}),
        ...(unitId ? { unitId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.theme ? { theme: query.theme } : {}),
        ...(query.overdue ? { overdue: "true" as const, asOf: asOf.toISOString() } : {}),
        ...(cursor ? { cursor } : {}),
      };
      const page = await this.call(pageOf(TaskResponse), () => this.client.api.tasks.$get({ query: q }, { headers: this.headers }));
      if (!page.ok) return page;
      tasks.push(...page.value.items);
      cursor = page.value.nextCursor ?? undefined;
    } while (cursor);
    if (!query.text) return ok(tasks);
    // Free text through core's search, as on the embedded store, so both find the same tasks.
    const found = await this.search(query.text, query.planId ? { planId: query.planId } : {});
    if (!found.ok) return found;
    const hits = new Set(found.value.map((t) => t.id));
    return ok(tasks.filter((t) => hits.has(t.id)));
  }

  async getTask(taskId: TaskId, historyLimit = 10): Promise<DataResult<TaskDetail>> {
    const { planId, number } = itemParams(`${taskId}#task`);
    const detail = await this.call(TaskDetailResponse, () =>
      this.client.api.tasks[":planId"][":number"].$get({ param: { planId, number }, query: {} }, { headers: this.headers }),
    );
    if (!detail.ok) return detail;
    const plan = await this.getPlan(detail.value.task.planId);
    if (!plan.ok) return plan;
    const { task, checklist } = detail.value;
    const rows: ProgressRow[] = checklist.flatMap(({ item, progress }) =>
      progress.map((p) => ({
        itemId: item.id,
        planId: item.planId,
        taskId: item.taskId,
        kind: item.kind,
        milestoneIndex: item.milestoneIndex,
        label: item.label,
        due: item.due,
        unitId: p.unitId,
        role: p.role,
        progress: p.progress,
        taskNumber: task.number,
        taskTitle: task.title,
      })),
    );
    const history = [];
    for (const { item } of checklist) {
      const page = await this.call(pageOf(HistoryEntryResponse), () =>
        this.client.api.history.items[":planId"][":number"][":item"].$get(
          { param: itemParams(item.id), query: { limit: String(Math.max(1, historyLimit)) } },
          { headers: this.headers },
        ),
      );
      if (!page.ok) return page;
      history.push(...page.value.items);
    }
    history.sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
    return ok({ task, plan: plan.value, rows, history: history.slice(0, historyLimit) });
  }

  async progressRows(filter: { planId?: PlanId; taskId?: TaskId; unit?: string }): Promise<DataResult<ProgressRow[]>> {
    if (filter.taskId) {
      const detail = await this.getTask(filter.taskId, 0);
      if (!detail.ok) return detail;
      return ok(detail.value.rows);
    }
    let unitId: string | undefined;
    if (filter.unit !== undefined) {
      const unit = await this.resolveUnit(filter.unit);
      if (!unit.ok) return unit;
      unitId = unit.value.id;
    }
    if (unitId && !filter.planId) {
      const id = unitId;
      return this.allChecklist((cursor) =>
        this.call(ChecklistBody, () =>
          this.client.api.units[":unitId"].checklist.$get({ param: { unitId: id }, query: { limit: CHECKLIST_PAGE, ...cursor } }, { headers: this.headers }),
        ),
      );
    }
    let planIds: PlanId[];
    if (filter.planId) planIds = [filter.planId];
    else {
      const plans = await this.listPlans();
      if (!plans.ok) return plans;
      planIds = plans.value.map((p) => p.id);
    }
    const rows: ProgressRow[] = [];
    for (const planId of planIds) {
      const r = await this.allChecklist((cursor) =>
        this.call(ChecklistBody, () =>
          this.client.api.plans[":planId"].checklist.$get(
            { param: { planId }, query: { ...(unitId ? { unitId } : {}), limit: CHECKLIST_PAGE, ...cursor } },
            { headers: this.headers },
          ),
        ),
      );
      if (!r.ok) return r;
      rows.push(...r.value);
    }
    return ok(rows);
  }

  /** A whole checklist, page after page: follows nextCursor until the last page. */
  private async allChecklist(
    page: (cursor: { cursor?: string }) => Promise<DataResult<z.infer<typeof ChecklistBody>>>,
  ): Promise<DataResult<ProgressRow[]>> {
    const rows: ProgressRow[] = [];
    let cursor: string | null | undefined = null;
    do {
      const r = await page(cursor ? { cursor } : {});
      if (!r.ok) return r;
      rows.push(...r.value.items.map(toProgressRow));
      cursor = r.value.nextCursor;
    } while (cursor);
    return ok(rows);
  }

  async resolveUnit(nameOrId: string): Promise<DataResult<Unit>> {
    const r = await this.call(z.object({ items: z.array(UnitResponse) }), () =>
      this.client.api.units.$get({ query: { name: nameOrId } }, { headers: this.headers }),
    );
    if (!r.ok) return r;
    const [first, ...rest] = r.value.items;
    if (!first) return fail("not_found", `no unit named ${nameOrId}`);
    if (rest.length > 0) {
      const candidates = r.value.items.map((u) => u.id);
      return fail("invalid", `${nameOrId} names ${candidates.length} units: ${candidates.join(", ")}; give one of these ids`, { candidates });
    }
    return ok(first);
  }

  async search(text: string, filter: { planId?: PlanId } = {}): Promise<DataResult<Task[]>> {
    if (!this.searchIndex) {
      const summaries = await this.listPlans();
      if (!summaries.ok) return summaries;
      const plans: Plan[] = [];
      for (const s of summaries.value) {
        const plan = await this.getPlan(s.id);
        if (!plan.ok) return plan;
        plans.push(plan.value);
      }
      this.searchIndex = createSearchIndex(plans);
    }
    const tasks = new Map<string, Task>();
    for (const plan of this.plans.values()) for (const task of plan.tasks) tasks.set(task.id, task);
    const result = this.searchIndex.search(text, { ...(filter.planId ? { planIds: [filter.planId] } : {}), limit: 500 });
    return ok(result.hits.flatMap((hit) => tasks.get(hit.taskId) ?? []));
  }

  async searchTasks(query: string, options: SearchPageOptions = {}): Promise<DataResult<SearchPage>> {
    const q = {
      q: query,
      limit: String(options.limit ?? 20),
      offset: String(options.offset ?? 0),
      ...(options.planId ? { planId: options.planId } : {}),
      ...(options.theme ? { theme: options.theme } : {}),
    };
    const page = await this.call(SearchResponse, () => this.client.api.search.$get({ query: q }, { headers: this.headers }));
    if (!page.ok) return page;
    return ok({ total: page.value.total, hits: page.value.hits });
  }

  async themeCoverage(asOf: Date): Promise<DataResult<ThemeCoverageView>> {
    const body = await this.call(MatrixResponse, () => this.client.api.themes.matrix.$get({ query: { asOf: asOf.toISOString() } }, { headers: this.headers }));
    if (!body.ok) return body;
    const { asOf: _asOf, ...coverage } = body.value;
    return ok(coverage);
  }

  async counterparts(taskId: TaskId, options: { limit?: number; perPlan?: number } = {}): Promise<DataResult<CounterpartRef[]>> {
    const { planId, number } = itemParams(`${taskId}#task`);
    const query = {
      ...(options.limit !== undefined ? { limit: String(options.limit) } : {}),
      ...(options.perPlan !== undefined ? { perPlan: String(options.perPlan) } : {}),
    };
    const body = await this.call(CounterpartsResponse, () =>
      this.client.api.tasks[":planId"][":number"].counterparts.$get({ param: { planId, number }, query }, { headers: this.headers }),
    );
    if (!body.ok) return body;
    return ok(body.value.counterparts);
  }

  async updateProgress(change: ProgressChange): Promise<DataResult<Progress>> {
    const param = { ...itemParams(change.itemId), unitId: change.unitId };
    const route = this.client.api.progress[":planId"][":number"][":item"][":unitId"];
    let version = change.expectedVersion;
    if (version === undefined) {
      const current = await this.call(ProgressResponse, () => route.$get({ param }, { headers: this.headers }));
      if (!current.ok) return current;
      version = current.value.version;
    }
    const expected = version;
    return this.call(ProgressResponse, () =>
      route.$patch(
        { param, header: { "if-match": `"${expected}"` }, json: { ...change.patch, ...(change.comment ? { comment: change.comment } : {}) } },
        { headers: this.headers },
      ),
    );
  }

  async historyOf(filter: { planId?: PlanId; unitId?: UnitId }, max: number): Promise<DataResult<HistoryEntry[]>> {
    const out: HistoryEntry[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { ...(filter.planId ? { planId: filter.planId } : {}), ...(filter.unitId ? { unitId: filter.unitId } : {}), limit: "500", ...(cursor ? { cursor } : {}) };
      const page: DataResult<{ items: HistoryEntry[]; nextCursor: string | null }> = await this.call(pageOf(HistoryEntryResponse), () => this.client.api.history.$get({ query }, { headers: this.headers }));
      if (!page.ok) return page;
      out.push(...page.value.items);
      cursor = page.value.nextCursor;
    } while (cursor !== null && out.length < max);
    return ok(out.slice(0, max));
  }

  async importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<DataResult<LedgerImportOutcome>> {
    const query = new URLSearchParams({ apply: String(options.apply), skipRejected: String(options.skipRejected), ...(file.name ? { fileName: file.name } : {}) });
    const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    const send = () =>
      fetch(`${this.baseUrl.replace(/\/$/, "")}/api/imports/ledger?${query}`, {
        method: "POST",
        headers: { ...this.headers, "Content-Type": isZip ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv" },
        body: file.bytes,
      });
    // A refused apply (409 import-rejected) carries the rows and why: that is an answer, not a failure.
    let status = 0;
    let refused: unknown = null;
    const result = await this.call(LedgerImportResult, async () => {
      const response = await send();
      status = response.status;
      if (status === 409) refused = await response.clone().json().catch(() => null);
      return response;
    });
    if (result.ok || status !== 409) return result;
    const body = z.object({ import: LedgerImportResult }).safeParse(refused);
    return body.success ? ok(body.data.import) : result;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
