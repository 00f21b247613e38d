import { routes, type OperationId } from "@taizhang/contract";
import { loadBuiltInPlans, openLedger, PlanCatalog, type Ledger } from "@taizhang/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "./app-error.js";
import { ANONYMOUS, localCaller, type Caller } from "./caller.js";
import { createUseCases, evidenceFileName, evidenceUseCases, invokeUseCase, type UseCases } from "./index.js";
import { may, POLICY } from "./policy.js";

const NOW = new Date("2020-06-15T02:00:00Z");
const UNIT_A = "成都市:市政府法制办";
const UNIT_B = "成都市:市委编办";
const office = (unitId: string): Caller => ({ kind: "token", tokenId: "t", name: `${unitId} office`, role: "office", unitId: unitId as never, source: "api" });
const viewer: Caller = { kind: "token", tokenId: "v", name: "viewer", role: "viewer", unitId: null, source: "api" };
const admin = localCaller("cli");

let ledger: Ledger;
let uc: UseCases;

beforeEach(async () => {
  ledger = await openLedger({ memory: true, clock: () => NOW });
  await loadBuiltInPlans(ledger);
  uc = createUseCases({ ledger, catalog: new PlanCatalog(ledger), clock: () => NOW });
});
afterEach(() => ledger.close());

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

const TASK1 = { planId: "chengdu-2015" as never, number: 1, item: "task" };

describe("the policy", () => {
  it("lets everyone read, offices write their own unit's rows, admins everything", () => {
    expect(may(ANONYMOUS, "read")).toBe(true);
    expect(may(ANONYMOUS, "progress.write", UNIT_A as never)).toBe(false);
    expect(may(viewer, "progress.write", UNIT_A as never)).toBe(false);
    expect(may(office(UNIT_A), "progress.write", UNIT_A as never)).toBe(true);
    expect(may(office(UNIT_A), "progress.write", UNIT_B as never)).toBe(false);
    expect(may(admin, "progress.write", UNIT_B as never)).toBe(true);
    for (const action of ["plans.import", "tasks.assign", "tokens.manage"] as const) {
      expect(may(office(UNIT_A), action)).toBe(false);
      expect(may(admin, action)).toBe(true);
    }
    expect(Object.keys(POLICY)).toContain("ledger.import");
  });

  it("has a use case for every route but those that only the HTTP layer answers", () => {
    const httpOnly: OperationId[] = ["healthz", "readyz", "signIn", "getSession", "signOut", "importPlan", "importLedger", "exportLedger"];
    // Evidence files' use cases take and answer bytes, so they are their own set (evidenceUseCases), not JSON routes.
    const files = evidenceUseCases(ledger);
    const missing = (Object.keys(routes) as OperationId[]).filter((op) => !httpOnly.includes(op) && !(op in uc) && !(op in files));
    expect(missing).toEqual([]);
  });
});

describe("progress", () => {
  it("refuses another unit's row before reading it, and a change without a version", async () => {
    const forbidden = await refusal(uc.updateProgress(office(UNIT_A), { params: { ...TASK1, unitId: UNIT_B as never }, headers: { "if-match": '"0"' }, json: { percent: 10 } }));
    expect(forbidden.code).toBe("forbidden");
    const anonymous = await refusal(uc.updateProgress(ANONYMOUS, { params: { ...TASK1, unitId: UNIT_A as never }, headers: { "if-match": '"0"' }, json: { percent: 10 } }));
    expect(anonymous.code).toBe("unauthorized");
    const noVersion = await refusal(uc.updateProgress(office(UNIT_A), { params: { ...TASK1, unitId: UNIT_A as never }, headers: {}, json: { percent: 10 } }));
    expect(noVersion.code).toBe("precondition-required");
    const badVersion = await refusal(uc.updateProgress(office(UNIT_A), { params: { ...TASK1, unitId: UNIT_A as never }, headers: { "if-match": "v3" }, json: { percent: 10 } }));
    expect(badVersion.code).toBe("validation-failed");
    expect(badVersion.extensions.errors?.[0]?.path).toBe("header.if-match");
  });

  it("writes on the version it was based on, and answers a stale one with what is stored", async () => {
    const params = { ...TASK1, unitId: UNIT_A as never };
    const written = await uc.updateProgress(office(UNIT_A), { params, headers: { "if-match": '"0"' }, json: { status: "in_progress", percent: 40, comment: "开始" } });
    expect(written).toMatchObject({ version: 1, percent: 40, updatedBy: `${UNIT_A} office` });
    const stale = await refusal(uc.updateProgress(office(UNIT_A), { params, headers: { "if-match": '"0"' }, json: { percent: 50 } }));
    expect(stale.code).toBe("stale-version");
    expect(stale.extensions.current?.version).toBe(1);
  });

  it("refuses a bulk change with another unit's row whole, saying which row and which were not applied", async () => {
    const update = (unitId: string) => ({ itemId: "chengdu-2015/1#task" as never, unitId: unitId as never, version: 0, patch: { percent: 5 } });
    const refused = await refusal(uc.bulkUpdateProgress(office(UNIT_A), { json: { updates: [update(UNIT_A), update(UNIT_B)] } }));
    expect(refused.code).toBe("bulk-rejected");
    expect(refused.status).toBe(403);
    expect(refused.extensions.results?.map((r) => r.error?.code)).toEqual(["not_applied", "forbidden"]);
    expect((await ledger.getProgress("chengdu-2015/1#task" as never, UNIT_A as never)).version).toBe(0);
    const stale = await refusal(uc.bulkUpdateProgress(admin, { json: { updates: [update(UNIT_A), { ...update(UNIT_B), version: 7 }] } }));
    expect(stale.status).toBe(412);
    expect(stale.extensions.results?.map((r) => r.error?.code)).toEqual(["not_applied", "stale_version"]);
    const done = await uc.bulkUpdateProgress(admin, { json: { updates: [update(UNIT_A), update(UNIT_B)] } });
    expect(done.results.map((r) => r.progress.version)).toEqual([1, 1]);
  });
});

describe("tasks", () => {
  const list = (q: string, planId?: string) =>
    uc.listTasks(ANONYMOUS, { query: { q, limit: 100, sort: "number", ...(planId ? { planId: planId as never } : {}) } });

  it("filters a task list by the same search as /api/search: pinyin, traditional script, exclusions", async () => {
    const byText = (await list("行政复议", "chengdu-2015")).items.map((t) => t.number);
    expect(byText.length).toBeGreaterThan(0);
    expect((await list("xzfy", "chengdu-2015")).items.map((t) => t.number)).toEqual(byText);
    expect((await list("行政復議", "chengdu-2015")).items.map((t) => t.number)).toEqual(byText);
    const searched = await uc.search(ANONYMOUS, { query: { q: "行政复议", planId: "chengdu-2015" as never, limit: 100, offset: 0 } });
    expect(new Set(byText)).toEqual(new Set(searched.hits.map((h) => h.task.number)));
    const without = (await list("行政复议 -队伍", "chengdu-2015")).items.map((t) => t.number);
    expect(without.length).toBeLessThan(byText.length);
    expect((await list("不存在的词语组合")).total).toBe(0);
  });

  it("answers a task in full with every item's rows and their deadline state", async () => {
    const detail = await uc.getTask(ANONYMOUS, { params: { planId: "chengdu-2015" as never, number: 1 }, query: {} });
    expect(detail.task.id).toBe("chengdu-2015/1");
    expect(detail.units.map((u) => u.id)).toEqual(expect.arrayContaining([UNIT_A, UNIT_B]));
    expect(detail.checklist[0]?.progress[0]?.deadline.state).toMatch(/open|due-soon|overdue/);
    expect(detail.asOf).toBe(NOW.toISOString());
    expect((await refusal(uc.getTask(ANONYMOUS, { params: { planId: "chengdu-2015" as never, number: 999 }, query: {} }))).code).toBe("not-found");
  });

  it("lets only admins assign units", async () => {
    const refused = await refusal(uc.assignTaskUnits(office(UNIT_A), { params: { planId: "baotou-2016" as never, number: 1 }, json: { lead: ["市司法局"], responsible: [] } }));
    expect(refused.code).toBe("forbidden");
  });
});

describe("tokens", () => {
  it("are managed by admins only, and an ambiguous unit is a conflict naming the candidates", async () => {
    expect((await refusal(uc.listTokens(office(UNIT_A), {}))).code).toBe("forbidden");
    expect((await refusal(uc.listTokens(ANONYMOUS, {}))).code).toBe("unauthorized");
    const created = await uc.createToken(admin, { json: { role: "office", unit: UNIT_A } });
    expect(created.record).toMatchObject({ role: "office", unitId: UNIT_A, name: "市政府法制办 office" });
    const unknown = await refusal(uc.createToken(admin, { json: { role: "office", unit: "没有这个单位" } }));
    expect(unknown.code).toBe("not-found");
  });
});

const tui = localCaller("tui");

describe("invokeUseCase", () => {
  it("parses the input by the route's schemas, defaults and coercions included, as the API does", async () => {
    const page = await invokeUseCase(uc, tui, "listTasks", { query: { planId: "chengdu-2015", guarantee: false, limit: 2 } });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const task = await invokeUseCase(uc, tui, "getTask", { params: { planId: "chengdu-2015", number: 38 } });
    expect(task.task.id).toBe("chengdu-2015/38");
    const hits = await invokeUseCase(uc, tui, "search", { query: { q: "行政復議" } });
    expect(hits.limit).toBe(20);
    expect(hits.hits[0]?.task.planTitle).toBeTruthy();
  });

  it("passes the route's headers, so a local write is version-checked too", async () => {
    const params = { planId: "chengdu-2015", number: 1, item: "task", unitId: "成都市:市政府法制办" };
    const written = await invokeUseCase(uc, tui, "updateProgress", { params, json: { percent: 10 }, headers: { "If-Match": '"0"' } });
    expect(written.version).toBe(1);
    const stale = await invokeUseCase(uc, tui, "updateProgress", { params, json: { percent: 20 }, headers: { "if-match": '"0"' } }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(AppError);
    expect((stale as AppError).code).toBe("stale-version");
  });

  it("refuses input the route's schemas refuse, naming the field", async () => {
    const error = await invokeUseCase(uc, tui, "search", { query: { q: "x", limit: 1000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation-failed");
    expect((error as AppError).extensions.errors?.[0]?.path).toBe("query.limit");
  });
});

describe("evidence files", () => {
  const PDF = new TextEncoder().encode("%PDF-1.4\n%%EOF\n");
  const row = { ...TASK1, unitId: UNIT_A as never };

  it("refuses another unit's office and a viewer before the body is read", async () => {
    let read = 0;
    const upload = () => {
      read += 1;
      return Promise.resolve({ bytes: PDF, name: "a.pdf", declaredType: null });
    };
    const files = evidenceUseCases(ledger);
    expect((await refusal(files.uploadEvidenceFile(office(UNIT_B), { params: row, upload }))).code).toBe("forbidden");
    expect((await refusal(files.uploadEvidenceFile(ANONYMOUS, { params: row, upload }))).code).toBe("unauthorized");
    expect(read).toBe(0);
    const done = await files.uploadEvidenceFile(office(UNIT_A), { params: row, upload });
    expect(read).toBe(1);
    expect(done.file).toMatchObject({ name: "a.pdf", mediaType: "application/pdf", size: PDF.length });
  });

  it("serves only files the row's evidence names, to any reader", async () => {
    const files = evidenceUseCases(ledger);
    const { file } = await files.uploadEvidenceFile(localCaller("cli"), { params: row, upload: () => Promise.resolve({ bytes: PDF, name: null, declaredType: null }) });
    expect(file.name).toBe("佐证材料.pdf");
    expect((await refusal(files.getEvidenceFile(ANONYMOUS, { params: row, sha256: file.sha256 }))).code).toBe("not-found");
    await uc.updateProgress(localCaller("cli"), { params: row, headers: { "if-match": '"0"' }, json: { evidence: [{ description: "扫描件", url: null, file }] } });
    const found = await files.getEvidenceFile(ANONYMOUS, { params: row, sha256: file.sha256 });
    expect(found.file).toEqual(file);
    expect((await found.read()).mediaType).toBe("application/pdf");
  });

  it("keeps a name only: no folders, no control characters", () => {
    expect(evidenceFileName("C:\\Users\\x\\扫描件.pdf", "application/pdf")).toBe("扫描件.pdf");
    expect(evidenceFileName("a\u0000b\u001f.png", "image/png")).toBe("ab.png");
    expect(evidenceFileName("..", "image/png")).toBe("佐证材料.png");
  });
});

