import {
  counterparts,
  createSearchIndex,
  decideReplacement,
  planHeading,
  EMPTY_PROGRESS,
  OUTLINE_2015_AREAS,
  THEMES,
  themeCoverage,
  ProgressPatchSchema,
  daysLeft,
  deadlineState,
  deriveChecklist,
  importPlan,
  applyImportCorrections,
  type ImportCorrections,
  isDueSoon,
  isOverdue,
  normalizeForSearch,
  rollUp,
  type AssignmentHistoryEntry,
  type HistoryEntry,
  type Jurisdiction,
  type Plan,
  type PlanSummary,
  type Progress,
  type ProgressFields,
  type UnitId,
} from "@taizhang/core";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";

interface TokenInfo extends SessionInfo {
  token: string;
}

/**
 * An in-memory stand-in for the Taizhang API, speaking HTTP through a fetch
 * function, with the behaviours the page depends on: versions and 412 on a
 * stale If-Match, 403 for another unit's item, all-or-nothing bulk updates,
 * history, and a cookie-like session. The e2e suite runs the real server.
 */
export class FakeApi {
  readonly progress = new Map<string, Progress>();
  readonly history: HistoryEntry[] = [];
  readonly assignmentHistory: AssignmentHistoryEntry[] = [];
  /** Orphaned rows the admin-only route answers with (for every task: the fake keeps none of its own). */
  orphaned: Array<{ item: unknown; unitId: string; role: string; progress: Progress; deadline: unknown }> = [];
  /** The token of the "cookie" session, as a browser would hold it. */
  sessionToken: string | null = null;
  readonly requests: Array<{ method: string; path: string; headers: Record<string, string>; body: unknown }> = [];
  sessionEndpoint = true;
  /** The server's clock for reports. */
  now = new Date("2016-06-15T04:00:00Z");

  constructor(
    readonly plans: Plan[],
    readonly tokens: TokenInfo[],
  ) {}

  taskRef(taskId: string): { number: number; ordinal: string; title: string; planTitle: string } {
    const plan = this.plans.find((p) => p.tasks.some((t) => t.id === taskId));
    const task = plan?.tasks.find((t) => t.id === taskId);
    if (!plan || !task) throw new Error(`fake api: no task ${taskId}`);
    return { number: task.number, ordinal: task.ordinal, title: task.title, planTitle: plan.title };
  }

  rows(filter: { unitId?: string } = {}): ChecklistRow[] {
    return this.plans.flatMap((plan) =>
      deriveChecklist(plan).flatMap((item) => {
        const task = plan.tasks.find((t) => t.id === item.taskId);
        if (!task) return [];
        const part = plan.parts.find((p) => p.number === task.partNumber);
        const section = part?.sections.find((s) => s.number === task.sectionNumber);
        return item.assignments
          .filter((a) => !filter.unitId || a.unitId === filter.unitId)
          .map((a) => ({
            item,
            unitId: a.unitId,
            role: a.role,
            progress: this.current(item.id, a.unitId),
            taskNumber: task.number,
            taskTitle: task.title,
            sectionTitle: section?.title ?? null,
            partTitle: part?.title ?? "",
          }));
      }),
    );
  }

  current(itemId: string, unitId: string): Progress {
    return (
      this.progress.get(`${itemId}|${unitId}`) ?? {
        ...EMPTY_PROGRESS,
        itemId: itemId as Progress["itemId"],
        unitId: unitId as UnitId,
        version: 0,
        updatedBy: null,
        updatedAt: null,
      }
    );
  }

  /** Records a change as another writer would (for conflict tests). */
  write(actor: string, itemId: string, unitId: string, patch: Partial<ProgressFields>): Progress {
    const before = this.current(itemId, unitId);
    const after: Progress = { ...before, ...patch, version: before.version + 1, updatedBy: actor, updatedAt: new Date(Date.UTC(2016, 5, 15, 3, this.history.length)).toISOString() };
    this.progress.set(`${itemId}|${unitId}`, after);
    const fields = (p: Progress): ProgressFields => ({ status: p.status, percent: p.percent, note: p.note, evidence: p.evidence, measuredValue: p.measuredValue, responsiblePerson: p.responsiblePerson });
    this.history.push({
      id: this.history.length + 1,
      itemId: after.itemId,
      unitId: after.unitId,
      version: after.version,
      actor,
      source: "web",
      at: after.updatedAt ?? "",
      before: fields(before),
      after: fields(after),
      note: null,
    });
    return after;
  }

  private who(headers: Headers): TokenInfo | null {
    const bearer = /^Bearer (.+)$/.exec(headers.get("authorization") ?? "")?.[1];
    const token = bearer ?? this.sessionToken;
    return this.tokens.find((t) => t.token === token) ?? null;
  }

  private canWrite(who: TokenInfo | null, unitId: string): boolean {
    return who !== null && (who.role === "admin" || (who.role === "office" && who.unitId === unitId));
  }

  /** The fetch function to hand to the API client. */
  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), "http://taizhang.test");
    const method = (init.method ?? "GET").toUpperCase();
    const headers = new Headers(init.headers);
    const body: unknown = typeof init.body === "string" && headers.get("content-type")?.includes("json") ? JSON.parse(init.body) : init.body;
    this.requests.push({ method, path: url.pathname + url.search, headers: Object.fromEntries(headers.entries()), body });
    // Segments stay encoded while routing: item ids hold "/" and "#".
    const path = url.pathname.split("/");
    const json = (status: number, data: unknown) => new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json" } });
    const problem = (status: number, title: string, extra: object = {}) =>
      new Response(JSON.stringify({ type: `https://taizhang.test/problems/${status}`, title, status, ...extra }), {
        status,
        headers: { "content-type": "application/problem+json" },
      });
    const who = this.who(headers);
    const route = `${method} ${path.slice(2).join("/")}`;
    const arg = (s: string | undefined) => decodeURIComponent(s ?? "");

    if (route.startsWith("GET session") || route.startsWith("POST session") || route.startsWith("DELETE session")) {
      if (!this.sessionEndpoint) return problem(404, "Not Found");
      if (method === "POST") {
        const token = (body as { token?: string }).token;
        const found = this.tokens.find((t) => t.token === token);
        if (!found) return problem(401, "Unauthorized");
        this.sessionToken = found.token;
        return json(200, { name: found.name, role: found.role, unitId: found.unitId });
      }
      if (method === "DELETE") {
        this.sessionToken = null;
        return new Response(null, { status: 204 });
      }
      return who ? json(200, { name: who.name, role: who.role, unitId: who.unitId }) : problem(401, "Unauthorized");
    }
    if (route === "GET plans") return json(200, { items: this.plans.map(summary) });
    if (route === "GET units") return json(200, { items: this.plans.flatMap((p) => p.units) });
    const planMatch = /^GET plans\/([^/]+)$/.exec(route);
    if (planMatch) {
      const plan = this.plans.find((p) => p.id === arg(planMatch[1]));
      return plan ? json(200, plan) : problem(404, "Not Found");
    }
    const planChecklist = /^GET plans\/([^/]+)\/checklist$/.exec(route);
    if (planChecklist) return json(200, { asOf: this.now.toISOString(), items: this.rows().filter((r) => r.item.planId === arg(planChecklist[1])) });
    const unitMatch = /^GET units\/([^/]+)\/checklist$/.exec(route);
    if (unitMatch?.[1]) return json(200, { asOf: this.now.toISOString(), items: this.rows({ unitId: arg(unitMatch[1]) }) });
    const taskMatch = /^GET tasks\/([^/]+)\/(\d+)$/.exec(route);
    if (taskMatch) {
      const id = `${taskMatch[1]}/${taskMatch[2]}`;
      const plan = this.plans.find((p) => p.tasks.some((t) => t.id === id));
      const task = plan?.tasks.find((t) => t.id === id);
      if (!plan || !task) return problem(404, "Not Found");
      const unitIds = new Set([...task.lead, ...task.responsible]);
      const rows = this.rows().filter((r) => r.item.taskId === id);
      const items = [...new Map(rows.map((r) => [r.item.id, r.item])).values()];
      return json(200, {
        task,
        units: plan.units.filter((u) => unitIds.has(u.id)),
        checklist: items.map((item) => ({
          item,
          progress: rows.filter((r) => r.item.id === item.id).map((r) => ({ unitId: r.unitId, role: r.role, progress: r.progress, deadline: deadlineOf(r.item.due, r.progress.status, this.now) })),
        })),
        asOf: this.now.toISOString(),
      });
    }
    if (route === "POST import") {
      if (who?.role !== "admin") return problem(who ? 403 : 401, "Forbidden");
      // A file comes as multipart: the fake reads it as text (the server reads every format).
      const form = init.body instanceof FormData ? init.body : null;
      const file = form?.get("file");
      const formJson = <T,>(name: string): T | undefined => (typeof form?.get(name) === "string" ? (JSON.parse(String(form.get(name))) as T) : undefined);
      const input: { text: string; sourceName?: string; id?: string; jurisdiction?: Jurisdiction; corrections?: ImportCorrections } =
        form !== null && file instanceof File
          ? { text: await readText(file), sourceName: file.name, ...optionalField("corrections", formJson<ImportCorrections>("corrections")), ...optionalField("jurisdiction", formJson<Jurisdiction>("jurisdiction")) }
          : (body as { text: string; sourceName?: string; id?: string; jurisdiction?: Jurisdiction; corrections?: ImportCorrections });
      const imported = importPlan(input.text, {
        sourceName: input.sourceName ?? "upload.txt",
        ...(input.id ? { id: input.id } : {}),
        ...(input.jurisdiction ? { jurisdiction: input.jurisdiction } : {}),
      });
      const { plan, warnings } = input.corrections ? { plan: applyImportCorrections(imported.plan, input.corrections).plan, warnings: imported.warnings } : imported;
      const dryRun = url.searchParams.get("dryRun") === "true";
      const stored = this.plans.find((p) => p.id === plan.id);
      const existing = stored ? planHeading(stored) : null;
      const decision = decideReplacement(existing, planHeading(plan), {
        replace: url.searchParams.get("replace") === "true",
        replaceDifferent: url.searchParams.get("replaceDifferent") === "true",
      });
      const differs = decision.ok || !existing ? [] : decision.differs;
      const jurisdictionConfirmed = input.jurisdiction !== undefined || !warnings.some((w) => w.code.startsWith("jurisdiction-"));
      const preview = { plan, warnings, existing, differs, jurisdictionConfirmed };
      if (dryRun) return json(200, { ...preview, stored: false, action: null });
      if (!jurisdictionConfirmed) return problem(422, "Jurisdiction not confirmed", { type: "https://taizhang.dev/problems/jurisdiction-unconfirmed" });
      if (!decision.ok) {
        return problem(409, decision.code, {
          type: `https://taizhang.dev/problems/${decision.code}`,
          detail: decision.message,
          existing: decision.existing,
          incoming: decision.incoming,
          differs: decision.differs,
        });
      }
      if (stored) this.plans.splice(this.plans.indexOf(stored), 1, plan);
      else this.plans.push(plan);
      return json(201, { ...preview, stored: true, action: stored ? "updated" : "inserted" });
    }
    const orphanedMatch = /^GET tasks\/([^/]+)\/(\d+)\/orphaned$/.exec(route);
    if (orphanedMatch) {
      if (who?.role !== "admin") return problem(who ? 403 : 401, "Forbidden");
      return json(200, { taskId: `${arg(orphanedMatch[1])}/${orphanedMatch[2]}`, items: this.orphaned, asOf: this.now.toISOString() });
    }
    if (route === "GET history/assignments") {
      const task = url.searchParams.get("taskId");
      const items = this.assignmentHistory.filter((h) => !task || h.taskId === task);
      return json(200, { items, nextCursor: null, total: items.length });
    }
    if (route === "GET search") {
      // Core's search over the fake's plans, shaped as the API answers.
      const q = url.searchParams.get("q") ?? "";
      if (!q.trim()) return problem(400, "Validation failed");
      const planId = url.searchParams.get("planId");
      const theme = url.searchParams.get("theme");
      const limit = Number(url.searchParams.get("limit") ?? 20);
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const result = createSearchIndex(this.plans).search(q, {
        limit,
        offset,
        ...(planId ? { planIds: [planId as never] } : {}),
        ...(theme ? { filter: (t) => t.themes.includes(theme as never) } : {}),
      });
      return json(200, { query: q, total: result.total, offset, limit, hits: result.hits.map((h) => ({ ...h, task: this.taskRef(h.taskId) })) });
    }
    if (route === "GET themes") {
      const count = (id: string) => this.plans.flatMap((p) => p.tasks).filter((t) => t.themes.includes(id as never)).length;
      return json(200, { themes: THEMES.map((t) => ({ ...t, taskCount: count(t.id) })), outline2015: OUTLINE_2015_AREAS });
    }
    if (route === "GET themes/matrix") {
      const rows = this.rows().map((r) => ({ taskId: r.item.taskId, status: r.progress.status, percent: r.progress.percent, due: r.item.due }));
      return json(200, { ...themeCoverage(this.plans, rows, this.now), asOf: this.now.toISOString(), plans: this.plans.map((p) => ({ id: p.id, title: p.title })) });
    }
    const counterpartsMatch = /^GET tasks\/([^/]+)\/(\d+)\/counterparts$/.exec(route);
    if (counterpartsMatch) {
      const id = `${arg(counterpartsMatch[1])}/${counterpartsMatch[2]}`;
      if (!this.plans.some((p) => p.tasks.some((t) => t.id === id))) return problem(404, "Not Found");
      const found = counterparts({ id: id as never }, this.plans, { limit: Number(url.searchParams.get("limit") ?? 5) });
      return json(200, { taskId: id, counterparts: found.map((c) => ({ ...c, task: this.taskRef(c.taskId) })) });
    }
    if (route === "GET tasks") {
      // Core's search normalisation, as the API's search uses it: traditional input finds simplified text.
      const q = normalizeForSearch(url.searchParams.get("q") ?? "");
      const unit = url.searchParams.get("unitId");
      const items = this.plans
        .flatMap((p) => p.tasks)
        .filter((t) => !unit || t.lead.includes(unit as UnitId) || t.responsible.includes(unit as UnitId))
        .filter((t) => normalizeForSearch(`${t.title}\n${t.text}`).includes(q));
      return json(200, { items, nextCursor: null, total: items.length });
    }
    const assignMatch = /^PUT tasks\/([^/]+)\/(\d+)\/units$/.exec(route);
    if (assignMatch) {
      if (who?.role !== "admin") return problem(who ? 403 : 401, "Forbidden");
      const id = `${arg(assignMatch[1])}/${assignMatch[2]}`;
      const plan = this.plans.find((p) => p.tasks.some((t) => t.id === id));
      const task = plan?.tasks.find((t) => t.id === id);
      if (!plan || !task) return problem(404, "Not Found");
      const input = body as { lead: string[]; responsible: string[] };
      const ids = (names: string[]) => names.map((n) => (n.includes(":") ? n : `${plan.jurisdiction.name}:${n}`) as UnitId);
      task.lead = ids(input.lead);
      task.responsible = ids(input.responsible);
      return json(200, task);
    }
    if (route === "GET history") {
      const item = url.searchParams.get("itemId");
      const task = url.searchParams.get("taskId");
      const items = this.history.filter((h) => (!item || h.itemId === item) && (!task || h.itemId.startsWith(`${task}#`))).reverse();
      return json(200, { items, nextCursor: null, total: items.length });
    }
    const progressMatch = /^PATCH progress\/([^/]+)\/(\d+)\/([^/]+)\/([^/]+)$/.exec(route);
    if (progressMatch) {
      const itemId = `${arg(progressMatch[1])}/${progressMatch[2]}#${arg(progressMatch[3])}`;
      const unitId = arg(progressMatch[4]);
      if (!who) return problem(401, "Unauthorized");
      if (!this.canWrite(who, unitId)) return problem(403, "Forbidden");
      const parsed = ProgressPatchSchema.safeParse(body);
      if (!parsed.success) return problem(400, "Invalid", { errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
      const current = this.current(itemId, unitId);
      const expected = Number(/^"?(\d+)"?$/.exec(headers.get("if-match") ?? "")?.[1] ?? NaN);
      if (expected !== current.version) return problem(412, "Precondition Failed", { current });
      return json(200, this.write(who.name, itemId, unitId, parsed.data));
    }
    if (route === "POST progress/bulk") {
      if (!who) return problem(401, "Unauthorized");
      const updates = (body as { updates: Array<{ itemId: string; unitId: string; version: number; patch: Partial<ProgressFields> }> }).updates;
      const results = updates.map((u, index) => {
        const current = this.current(u.itemId, u.unitId);
        if (!this.canWrite(who, u.unitId)) return { index, error: { code: "forbidden", message: "forbidden" } };
        if (current.version !== u.version) return { index, error: { code: "stale_version", message: "stale", current } };
        return { index, error: { code: "conflict", message: "not applied: another update was refused" } };
      });
      const refused = results.find((r) => !r.error.message.startsWith("not applied"));
      if (refused) return problem(refused.error.code === "forbidden" ? 403 : 412, "Bulk change rejected", { results });
      return json(200, { ok: true, results: updates.map((u, index) => ({ index, progress: this.write(who.name, u.itemId, u.unitId, u.patch) })) });
    }
    if (route === "GET reports/progress") {
      const by = url.searchParams.get("by");
      const plan = url.searchParams.get("plan");
      const rows = this.rows().filter((r) => !plan || r.item.planId === plan);
      const keyOf = (r: ChecklistRow): [string, string] =>
        by === "unit" ? [r.unitId, r.unitId.split(":")[1] ?? r.unitId] : by === "section" ? [r.sectionTitle ?? r.partTitle, r.sectionTitle ?? r.partTitle] : [r.item.planId, this.plans.find((p) => p.id === r.item.planId)?.title ?? ""];
      const groups = new Map<string, { label: string; rows: ChecklistRow[] }>();
      for (const r of rows) {
        const [key, label] = keyOf(r);
        const g = groups.get(key) ?? { label, rows: [] };
        g.rows.push(r);
        groups.set(key, g);
      }
      return json(200, {
        asOf: this.now.toISOString(),
        by,
        rows: [...groups].map(([key, g]) => ({ key, label: g.label, rollup: rollUp(g.rows.map((r) => ({ status: r.progress.status, percent: r.progress.percent, due: r.item.due })), this.now) })),
      });
    }
    if (route === "GET reports/deadlines") {
      const within = Number(url.searchParams.get("withinDays") ?? 30);
      const rows = this.rows();
      return json(200, {
        asOf: this.now.toISOString(),
        withinDays: within,
        overdue: rows.filter((r) => isOverdue(r.item.due, r.progress.status, this.now)),
        dueSoon: rows.filter((r) => isDueSoon(r.item.due, r.progress.status, this.now, within)),
      });
    }
    return problem(404, "Not Found");
  };
}

function deadlineOf(due: string, status: Progress["status"], asOf: Date) {
  const state = deadlineState(due, status, asOf);
  return { due, daysLeft: daysLeft(due, asOf), state, overdue: state === "overdue", dueSoon: state === "due-soon" };
}

function summary(plan: Plan): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    issuer: plan.issuer,
    documentNumber: plan.documentNumber,
    jurisdiction: plan.jurisdiction,
    period: plan.period,
    counts: {
      parts: plan.parts.length,
      sections: plan.parts.reduce((n, p) => n + p.sections.length, 0),
      tasks: plan.tasks.length,
      guarantees: plan.tasks.filter((t) => t.guarantee).length,
      milestones: plan.tasks.reduce((n, t) => n + t.milestones.length, 0),
      targets: plan.tasks.reduce((n, t) => n + t.targets.length, 0),
      units: plan.units.length,
      warnings: plan.provenance.warnings.length,
    },
  };
}

/** jsdom's File has no text(): read it the way older browsers did. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file cannot be read"));
    reader.readAsText(blob);
  });
}

function optionalField<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}
