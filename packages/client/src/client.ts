import type { AppType, ChecklistEntry } from "@taizhang/api";
import type { HistoryEntry, Plan, PlanSummary, Progress, ProgressPatch, ProgressStatus, SearchHit, Task } from "@taizhang/core";
import { hc } from "hono/client";
import { ConflictError, TaizhangApiError, TaizhangNetworkError, type Problem } from "./errors.js";

export interface ClientOptions {
  /** The server, e.g. http://127.0.0.1:8787 (with or without a trailing slash). */
  baseUrl: string;
  /** An access token (`taizhang token create`); reading needs none unless the server requires it. */
  token?: string;
  /** A fetch to use instead of the global one (tests, proxies, retries). */
  fetch?: typeof fetch;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

export interface TaskFilter {
  planId?: string;
  unitId?: string;
  role?: "lead" | "responsible";
  status?: ProgressStatus;
  theme?: string;
  overdue?: boolean;
  asOf?: string;
  dueBefore?: string;
  dueAfter?: string;
  q?: string;
}

export interface TaskDetail {
  task: Task;
  checklist: Array<{ item: ChecklistEntry["item"]; progress: Array<{ unitId: string; role: "lead" | "responsible"; progress: Progress; deadline: ChecklistEntry["deadline"] }> }>;
  asOf: string;
}

export interface SearchPage {
  query: string;
  total: number;
  offset: number;
  limit: number;
  hits: Array<SearchHit & { task: { number: number; ordinal: string; title: string; planTitle: string } }>;
}

/** `chengdu-2015/12#m1` → the path parameters of the progress routes. */
function itemParams(itemId: string): { planId: string; number: string; item: string } {
  const [task = "", item = ""] = itemId.split("#");
  const slash = task.lastIndexOf("/");
  if (slash < 0 || item === "") throw new TypeError(`${itemId} is not a checklist item id (e.g. chengdu-2015/12#m1 or chengdu-2015/12#task)`);
  return { planId: task.slice(0, slash), number: task.slice(slash + 1), item };
}

const defined = (query: Record<string, string | number | boolean | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));

/**
 * A typed client of the Taizhang API. Methods answer the API's JSON, typed by
 * the model in `@taizhang/core`; errors are thrown as {@link TaizhangApiError}
 * (with the problem document), {@link ConflictError} on a stale version, and
 * {@link TaizhangNetworkError} when the server cannot be reached.
 *
 * `raw` is Hono's typed client (`hc<AppType>`) for any route this class does
 * not wrap.
 */
export class TaizhangClient {
  readonly raw: ReturnType<typeof hc<AppType>>;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: ClientOptions) {
    const doFetch = options.fetch ?? ((input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init));
    this.raw = hc<AppType>(options.baseUrl.replace(/\/+$/, ""), { fetch: doFetch });
    this.headers = options.token ? { Authorization: `Bearer ${options.token}` } : {};
  }

  /** Sends and reads a JSON answer; a non-2xx becomes a typed error. */
  private async call<T>(send: () => Promise<Response>): Promise<{ body: T; response: Response }> {
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      throw new TaizhangNetworkError(`the server at ${this.options.baseUrl} does not answer: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? null : JSON.parse(text);
    } catch {
      throw new TaizhangNetworkError(`the server at ${this.options.baseUrl} answered ${response.status} with something that is not JSON`);
    }
    if (!response.ok) {
      const problem = (body ?? { type: "about:blank", title: response.statusText, status: response.status }) as Problem;
      if (response.status === 412 && typeof problem["current"] === "object" && problem["current"] !== null) {
        throw new ConflictError(response.status, problem, problem["current"] as Progress);
      }
      throw new TaizhangApiError(response.status, problem);
    }
    return { body: body as T, response };
  }

  async plans(): Promise<PlanSummary[]> {
    return (await this.call<{ items: PlanSummary[] }>(() => this.raw.api.plans.$get({}, { headers: this.headers }))).body.items;
  }

  async plan(planId: string): Promise<Plan> {
    return (await this.call<Plan>(() => this.raw.api.plans[":planId"].$get({ param: { planId } }, { headers: this.headers }))).body;
  }

  /** One page of tasks (50 by default); pass `nextCursor` back as `cursor` for the next. */
  async tasks(filter: TaskFilter = {}, page: { limit?: number; cursor?: string } = {}): Promise<Page<Task>> {
    const query = defined({ ...filter, overdue: filter.overdue === undefined ? undefined : String(filter.overdue), limit: page.limit, cursor: page.cursor });
    return (await this.call<Page<Task>>(() => this.raw.api.tasks.$get({ query }, { headers: this.headers }))).body;
  }

  /** Every task matching the filter, page after page. */
  async *allTasks(filter: TaskFilter = {}): AsyncGenerator<Task> {
    let cursor: string | undefined;
    do {
      const page = await this.tasks(filter, { limit: 500, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** One task with every checklist item's progress per unit (`taskId` like `chengdu-2015/12`). */
  async task(taskId: string): Promise<TaskDetail> {
    const slash = taskId.lastIndexOf("/");
    const param = { planId: taskId.slice(0, slash), number: taskId.slice(slash + 1) };
    return (await this.call<TaskDetail>(() => this.raw.api.tasks[":planId"][":number"].$get({ param, query: {} }, { headers: this.headers }))).body;
  }

  /** Search across plans (traditional or simplified, pinyin, unit aliases; AND, "phrase", -word). */
  async search(q: string, options: { planId?: string; theme?: string; limit?: number; offset?: number } = {}): Promise<SearchPage> {
    const query = { ...defined({ planId: options.planId, limit: options.limit, offset: options.offset }), q, ...(options.theme ? { theme: options.theme as never } : {}) };
    return (await this.call<SearchPage>(() => this.raw.api.search.$get({ query }, { headers: this.headers }))).body;
  }

  /** One (item, unit)'s progress; its `version` is what a change must name. */
  async progress(itemId: string, unitId: string): Promise<Progress> {
    const param = { ...itemParams(itemId), unitId };
    return (await this.call<Progress>(() => this.raw.api.progress[":planId"][":number"][":item"][":unitId"].$get({ param }, { headers: this.headers }))).body;
  }

  /**
   * Changes one (item, unit)'s progress. With `version`, the change is made
   * only if the row is still at that version — otherwise a {@link ConflictError}
   * carries what is stored now, so the caller can show it and decide. Without
   * `version`, the current version is read first (a change made in between
   * still fails as a conflict rather than being overwritten).
   */
  async updateProgress(itemId: string, unitId: string, patch: ProgressPatch, options: { version?: number; comment?: string } = {}): Promise<Progress> {
    const param = { ...itemParams(itemId), unitId };
    const version = options.version ?? (await this.progress(itemId, unitId)).version;
    const json = { ...patch, ...(options.comment ? { comment: options.comment } : {}) };
    return (
      await this.call<Progress>(() =>
        this.raw.api.progress[":planId"][":number"][":item"][":unitId"].$patch({ param, header: { "if-match": `"${version}"` }, json }, { headers: this.headers }),
      )
    ).body;
  }

  /** Changes, newest first, of an item (`chengdu-2015/12#m1`), a unit or a plan. */
  async history(filter: { itemId?: string; taskId?: string; unitId?: string; planId?: string; limit?: number; cursor?: string } = {}): Promise<Page<HistoryEntry>> {
    return (await this.call<Page<HistoryEntry>>(() => this.raw.api.history.$get({ query: defined(filter) }, { headers: this.headers }))).body;
  }
}

/** `createTaizhangClient({ baseUrl, token })`: the same as `new TaizhangClient(…)`. */
export function createTaizhangClient(options: ClientOptions): TaizhangClient {
  return new TaizhangClient(options);
}
