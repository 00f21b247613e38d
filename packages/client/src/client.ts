import {
  fillPath,
  itemPathParams,
  ProblemSchema,
  queryString,
  routes,
  successSchema,
  taskPathParams,
  type ChecklistEntry,
  type EvidenceUpload,
  type Problem,
  type RouteDef,
  type RouteInput,
  type RouteOutput,
  type Routes,
} from "@taizhang/contract";
import { ProgressSchema, type ChecklistItemId, type HistoryEntry, type Plan, type PlanSummary, type Progress, type ProgressPatch, type Task, type TaskId } from "@taizhang/core";
import { ConflictError, TaizhangApiError, TaizhangNetworkError } from "./errors.js";

export interface ClientOptions {
  /** The server, e.g. http://127.0.0.1:8787 (with or without a trailing slash); "" for the page's own origin in a browser. */
  baseUrl: string;
  /** An access token (`taizhang token create`); reading needs none unless the server requires it. */
  token?: string;
  /** A fetch to use instead of the global one (tests: `app.request`; proxies; retries). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Extra headers for every request (e.g. a web page's session needs none; a proxy may need some). */
  headers?: () => Record<string, string>;
  /** Check every JSON answer against the contract's schema (default true; a browser may turn it off for speed). */
  validate?: boolean;
  /** `credentials` of every request (a browser on the API's own origin: "same-origin", the default). */
  credentials?: RequestInit["credentials"];
}

/** Per request: extra headers (If-Match…) and a signal to cancel it. */
export interface CallOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A request body that is not JSON: a file or text, with its type; or a form (multipart, its type and boundary set by fetch). */
export type RawBody = { body: Blob | Uint8Array | string; contentType: string } | { body: FormData; contentType?: undefined };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

/** `{}`-shaped inputs (nothing required) may be left out. */
type InputArgs<R extends RouteDef> = Record<never, never> extends RouteInput<R> ? [input?: RouteInput<R>, options?: CallOptions] : [input: RouteInput<R>, options?: CallOptions];

/** One method per route of the contract, by operationId: `client.op.getTask({ params: { planId, number } })`. */
export type Operations = { [K in keyof Routes]: (...args: InputArgs<Routes[K]>) => Promise<RouteOutput<Routes[K]>> };

function problemOf(status: number, statusText: string, body: unknown, path: string): Problem {
  const parsed = ProblemSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  return { type: "about:blank", title: statusText || `HTTP ${status}`, status, detail: typeof body === "string" ? body.slice(0, 200) : "", instance: path, requestId: "" };
}

/**
 * A typed client of the Taizhang API, built from the shared contract
 * (`@taizhang/contract`): every route is `client.op.<operationId>(input)`,
 * with the route's own input and answer types, and each answer is checked
 * against the route's schema. Errors are thrown as {@link TaizhangApiError}
 * (with the problem and its `code`), {@link ConflictError} on a stale
 * version, and {@link TaizhangNetworkError} when the server cannot be reached.
 */
export class TaizhangClient {
  readonly op: Operations;
  private readonly base: string;

  constructor(private readonly options: ClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, "");
    const op: Record<string, (input?: Record<string, unknown>, call?: CallOptions) => Promise<unknown>> = {};
    for (const [name, route] of Object.entries(routes)) op[name] = (input, call) => this.call(route, input ?? {}, call);
    this.op = op as unknown as Operations;
  }

  /** Sends a route's request and answers the raw response; a non-2xx answer is thrown as a typed error. */
  async send(route: RouteDef, input: { params?: unknown; query?: unknown; json?: unknown }, options: CallOptions & { raw?: RawBody } = {}): Promise<Response> {
    const path = `${fillPath(route.path, input.params as Record<string, unknown> | undefined)}${queryString(input.query as Record<string, unknown> | undefined)}`;
    const headers: Record<string, string> = { accept: "application/json", ...this.options.headers?.(), ...options.headers };
    if (this.options.token) headers["authorization"] = `Bearer ${this.options.token}`;
    let body: RequestInit["body"];
    if (options.raw) {
      body = options.raw.body instanceof Uint8Array ? new Blob([options.raw.body as Uint8Array<ArrayBuffer>]) : options.raw.body;
      if (options.raw.contentType !== undefined) headers["content-type"] = options.raw.contentType;
    } else if (input.json !== undefined) {
      body = JSON.stringify(input.json);
      headers["content-type"] = "application/json";
    }
    const init: RequestInit = { method: route.method.toUpperCase(), headers, credentials: this.options.credentials ?? "same-origin", ...(body !== undefined ? { body } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    const doFetch = this.options.fetch ?? ((url: string, request: RequestInit) => fetch(url, request));
    let response: Response;
    try {
      response = await doFetch(`${this.base}${path}`, init);
    } catch (error) {
      if (error instanceof Error && error.name === "AbortError") throw error;
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
      throw new TaizhangNetworkError(`the server at ${this.base || "this page's origin"} does not answer: ${error instanceof Error ? error.message : String(error)}${cause}`, { cause: error });
    }
    if (response.ok) return response;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      // Not JSON (a proxy's error page): reported by its status.
    }
    const problem = problemOf(response.status, response.statusText, parsed, path);
    const current = ProgressSchema.safeParse(problem.current);
    if (response.status === 412 && current.success) throw new ConflictError(response.status, problem, current.data);
    throw new TaizhangApiError(response.status, problem);
  }

  /** Sends a route's request and answers its JSON (checked against the route's schema unless `validate` is off). */
  async call<R extends RouteDef>(route: R, input: RouteInput<R> | Record<never, never>, options: CallOptions & { raw?: RawBody } = {}): Promise<RouteOutput<R>> {
    const response = await this.send(route, input as { params?: unknown; query?: unknown; json?: unknown }, options);
    if (response.status === 204) return undefined as RouteOutput<R>;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new TaizhangNetworkError(`the server at ${this.base || "this page's origin"} answered ${route.method.toUpperCase()} ${route.path} with ${response.status} and something that is not JSON`);
    }
    const schema = this.options.validate === false ? null : successSchema(route);
    if (schema === null) return body as RouteOutput<R>;
    const checked = schema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new TaizhangNetworkError(`the answer to ${route.operationId} is not what the contract says${issue ? ` (${issue.path.join(".")}: ${issue.message})` : ""}; is the server another version?`);
    }
    return checked.data as RouteOutput<R>;
  }

  // Shorthands for services (README): the common reads and the version-checked write.

  async plans(): Promise<PlanSummary[]> {
    return (await this.op.listPlans()).items;
  }

  async plan(planId: string): Promise<Plan> {
    return this.op.getPlan({ params: { planId } });
  }

  /** One page of tasks (50 by default); pass `nextCursor` back as `cursor` for the next. */
  async tasks(filter: NonNullable<RouteInput<Routes["listTasks"]>["query"]> = {}, page: { limit?: number; cursor?: string } = {}): Promise<Page<Task>> {
    return this.op.listTasks({ query: { ...filter, ...page } });
  }

  /** Every task matching the filter, page after page. */
  async *allTasks(filter: NonNullable<RouteInput<Routes["listTasks"]>["query"]> = {}): AsyncGenerator<Task> {
    let cursor: string | undefined;
    do {
      const page = await this.tasks(filter, { limit: 500, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** One page of a plan's checklist (`limit` rows, default 500, at most 2000, after `cursor`). */
  async planChecklist(planId: string, query: NonNullable<RouteInput<Routes["planChecklist"]>["query"]> = {}): Promise<RouteOutput<Routes["planChecklist"]>> {
    return this.op.planChecklist({ params: { planId }, query });
  }

  /** Every row of a plan's checklist matching the query, page after page (following nextCursor). */
  async *allChecklist(planId: string, query: Omit<NonNullable<RouteInput<Routes["planChecklist"]>["query"]>, "cursor"> = {}): AsyncGenerator<ChecklistEntry> {
    let cursor: string | undefined;
    do {
      const page = await this.planChecklist(planId, { limit: 2000, ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** 我的任务: one page of a unit's checklist across plans. */
  async unitChecklist(unitId: string, query: NonNullable<RouteInput<Routes["unitChecklist"]>["query"]> = {}): Promise<RouteOutput<Routes["unitChecklist"]>> {
    return this.op.unitChecklist({ params: { unitId }, query });
  }

  /** Every row of a unit's checklist matching the query, page after page (following nextCursor). */
  async *allUnitChecklist(unitId: string, query: Omit<NonNullable<RouteInput<Routes["unitChecklist"]>["query"]>, "cursor"> = {}): AsyncGenerator<ChecklistEntry> {
    let cursor: string | undefined;
    do {
      const page = await this.unitChecklist(unitId, { limit: 2000, ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** One task with every checklist item's progress per unit (`taskId` like `chengdu-2015/12`). */
  async task(taskId: TaskId | string, query: { asOf?: string } = {}): Promise<RouteOutput<Routes["getTask"]>> {
    return this.op.getTask({ params: taskPathParams(taskId), query });
  }

  /** Search across plans (traditional or simplified, pinyin, unit aliases; AND, "phrase", -word). */
  async search(q: string, options: Omit<NonNullable<RouteInput<Routes["search"]>["query"]>, "q"> = {}): Promise<RouteOutput<Routes["search"]>> {
    return this.op.search({ query: { q, ...options } });
  }

  /** One (item, unit)'s progress; its `version` is what a change must name. */
  async progress(itemId: ChecklistItemId | string, unitId: string): Promise<Progress> {
    return this.op.getProgress({ params: { ...itemPathParams(itemId), unitId } });
  }

  /**
   * Changes one (item, unit)'s progress. With `version`, the change is made
   * only if the row is still at that version — otherwise a {@link ConflictError}
   * carries what is stored now, so the caller can show it and decide. Without
   * `version`, the current version is read first (a change made in between
   * still fails as a conflict rather than being overwritten).
   */
  async updateProgress(itemId: ChecklistItemId | string, unitId: string, patch: ProgressPatch, options: { version?: number; comment?: string } = {}): Promise<Progress> {
    const version = options.version ?? (await this.progress(itemId, unitId)).version;
    const json = { ...patch, ...(options.comment ? { comment: options.comment } : {}) };
    return this.op.updateProgress({ params: { ...itemPathParams(itemId), unitId }, json }, { headers: { "if-match": `"${version}"` } });
  }

  /**
   * Uploads a scan, photo or document as evidence of one (item, unit) and
   * answers its reference; attach it by putting `{ description, url: null,
   * file }` into the row's evidence with {@link updateProgress}. The server
   * reads the type from the bytes (PDF, JPEG, PNG, WebP, OFD, .docx, .xlsx).
   */
  async uploadEvidenceFile(itemId: ChecklistItemId | string, unitId: string, file: Blob, name?: string, options: CallOptions = {}): Promise<EvidenceUpload> {
    const body = new FormData();
    body.set("file", file, name ?? (typeof File !== "undefined" && file instanceof File ? file.name : "evidence"));
    return this.call(routes.uploadEvidenceFile, { params: { ...itemPathParams(itemId), unitId } }, { ...options, raw: { body } });
  }

  /** Where an evidence file of a row is served (for a link: the browser sends its session cookie). */
  evidenceFileUrl(itemId: ChecklistItemId | string, unitId: string, sha256: string): string {
    return `${this.base}${fillPath(routes.getEvidenceFile.path, { ...itemPathParams(itemId), unitId, sha256 })}`;
  }

  /** An evidence file of a row: its bytes, its type as served and its name (from Content-Disposition). */
  async evidenceFile(itemId: ChecklistItemId | string, unitId: string, sha256: string, options: CallOptions = {}): Promise<{ bytes: Uint8Array; type: string; name: string | null }> {
    const response = await this.send(routes.getEvidenceFile, { params: { ...itemPathParams(itemId), unitId, sha256 } }, { ...options, headers: { accept: "*/*", ...options.headers } });
    const disposition = response.headers.get("content-disposition") ?? "";
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    return { bytes: new Uint8Array(await response.arrayBuffer()), type: response.headers.get("content-type") ?? "application/octet-stream", name: encoded ? decodeURIComponent(encoded) : null };
  }

  /** Changes, newest first, of an item (`chengdu-2015/12#m1`), a task, a unit or a plan. */
  async history(filter: NonNullable<RouteInput<Routes["listHistory"]>["query"]> = {}): Promise<Page<HistoryEntry>> {
    return this.op.listHistory({ query: filter });
  }
}

/** `createTaizhangClient({ baseUrl, token })`: the same as `new TaizhangClient(…)`. */
export function createTaizhangClient(options: ClientOptions): TaizhangClient {
  return new TaizhangClient(options);
}
