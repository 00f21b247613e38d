import { loadBuiltInPlans, openLedger, PlanCatalog, type KyselyLedger } from "@taizhang/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "./app-error.js";
import { localCaller } from "./caller.js";
import { createUseCases, invokeUseCase, type UseCases } from "./index.js";

const NOW = new Date("2020-06-15T02:00:00Z");
let ledger: KyselyLedger;
let uc: UseCases;

beforeEach(async () => {
  ledger = await openLedger({ memory: true, clock: () => NOW });
  await loadBuiltInPlans(ledger);
  uc = createUseCases({ ledger, catalog: new PlanCatalog(ledger), clock: () => NOW });
});
afterEach(() => ledger.close());

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
