import { builtInPlans, THEME_IDS, type PlanId, type UnitId } from "@taizhang/core";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_FINANCE } from "./__fixtures__/fixture-plan.js";
import { loadBuiltInPlans } from "./built-in-plans.js";
import { encodeCursor } from "./cursor.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError, type TaskFilter } from "./ledger.js";
import { TaskKeyCache, TaskKeyList, type TaskKeyColumns, type TaskSort } from "./task-key-cache.js";
import { pageOfTasks } from "./task-reads.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, task } from "./test-support/ids.js";

const backends = await testBackends();

const columns = (n: number): TaskKeyColumns => ({
  ids: Array.from({ length: n }, (_, i) => `p/${i + 1}`),
  planIds: Array.from({ length: n }, () => "p"),
  numbers: Array.from({ length: n }, (_, i) => i + 1),
  firstDues: Array.from({ length: n }, () => "2020-12-31"),
});

describe("TaskKeyCache", () => {
  it("reads a list again when the revision changes, and shares one read between concurrent callers", async () => {
    const cache = new TaskKeyCache();
    let reads = 0;
    const read = () => (reads++, Promise.resolve(columns(3)));
    const [a, b] = await Promise.all([cache.get("k", "r1", read), cache.get("k", "r1", read)]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    await cache.get("k", "r1", read);
    expect(reads).toBe(1);
    await cache.get("k", "r2", read);
    expect(reads).toBe(2);
  });

  it("keeps at most so many lists and keys, dropping the least recently used", async () => {
    const cache = new TaskKeyCache(2, 10);
    await cache.get("a", "r", () => Promise.resolve(columns(4)));
    await cache.get("b", "r", () => Promise.resolve(columns(4)));
    await cache.get("a", "r", () => Promise.reject(new Error("a is held")));
    await cache.get("c", "r", () => Promise.resolve(columns(4)));
    expect(cache.stats()).toEqual({ lists: 2, keys: 8 });
    let reread = false;
    await cache.get("b", "r", () => ((reread = true), Promise.resolve(columns(4))));
    expect(reread).toBe(true);
    // A list over the whole budget is answered but not kept.
    expect((await cache.get("d", "r", () => Promise.resolve(columns(11)))).length).toBe(11);
    expect(cache.stats().keys).toBeLessThanOrEqual(10);
  });

  it("forgets a read that failed", async () => {
    const cache = new TaskKeyCache();
    await expect(cache.get("k", "r", () => Promise.reject(new Error("busy")))).rejects.toThrow("busy");
    expect(cache.stats()).toEqual({ lists: 0, keys: 0 });
    expect((await cache.get("k", "r", () => Promise.resolve(columns(2)))).length).toBe(2);
  });

  it("finds the page after a cursor only for a key it holds", () => {
    const list = new TaskKeyList(columns(5));
    expect(list.after(encodeCursor("number", ["p", 2]), "number")).toBe(2);
    expect(list.after(encodeCursor("number", ["p", 9]), "number")).toBeNull();
    expect(list.after(encodeCursor("due", ["2020-12-31", "p", 5]), "due")).toBe(5);
    expect(list.after(encodeCursor("due", ["2019-12-31", "p", 5]), "due")).toBeNull();
    expect(list.cursorKey(1, "due")).toEqual(["2020-12-31", "p", 2]);
    expect(() => list.after(encodeCursor("number", ["p", 2]), "due")).toThrow(LedgerError);
  });
});

describe.each(backends)("the task list's key cache on $name", (backend) => {
  let ledger: KyselyLedger;
  afterAll(() => backend.tearDown());

  describe("against the database", () => {
    let units: UnitId[] = [];
    beforeAll(async () => {
      await backend.setUp();
      ledger = await backend.open();
      await loadBuiltInPlans(ledger);
      units = (await ledger.listUnits()).slice(0, 6).map((u) => u.id);
    });
    afterAll(async () => ledger.close());

    it("gives every page, cursor and total the uncached query gives, for filters on plan content", async () => {
      const planIds = builtInPlans.map((p) => p.id as PlanId);
      const date = fc.constantFrom("2016-06-30", "2017-12-31", "2018-12-31", "2019-06-30", "2020-12-31");
      const values = fc.record({
          planId: fc.constantFrom(...planIds),
          partNumber: fc.integer({ min: 1, max: 6 }),
          sectionNumber: fc.integer({ min: 1, max: 8 }),
          guarantee: fc.boolean(),
          theme: fc.constantFrom(...THEME_IDS),
          dueBefore: date,
          dueAfter: date,
          taskIds: fc.subarray(builtInPlans.flatMap((p) => p.tasks.map((t) => t.id)), { maxLength: 40 }),
          unitId: fc.constantFrom(...units),
        role: fc.constantFrom("lead" as const, "responsible" as const),
      });
      // Up to three conditions at once: more select nothing at all most of the time.
      const filter: fc.Arbitrary<TaskFilter> = fc
        .tuple(values, fc.subarray(["planId", "partNumber", "sectionNumber", "guarantee", "theme", "dueBefore", "dueAfter", "taskIds", "unitId", "role"] as const, { maxLength: 3 }))
        .map(([all, keys]) => Object.fromEntries(keys.map((k) => [k, all[k]])) as TaskFilter);
      const sort = fc.constantFrom<TaskSort>("number", "due");
      await fc.assert(
        fc.asyncProperty(filter, sort, fc.integer({ min: 1, max: 60 }), async (f, s, limit) => {
          let cursor: string | null = null;
          for (let pageNo = 0; pageNo < 4; pageNo++) {
            const cached = await ledger.listTasks(f, { limit, cursor, sort: s });
            const uncached = await pageOfTasks(ledger.db, f, { sort: s, limit, cursor });
            expect(cached).toEqual(uncached);
            cursor = cached.nextCursor;
            if (!cursor) break;
          }
        }),
        { numRuns: backend.name === "postgresql" ? 40 : 80 },
      );
    });

    it("answers a cursor it does not hold, and refuses a malformed one, as the uncached query does", async () => {
      const f: TaskFilter = { theme: "oversight" };
      const first = await ledger.listTasks(f, { limit: 5 });
      expect(first.total).toBeGreaterThan(5);
      const last = first.items.at(-1);
      if (!last) throw new Error("no tasks");
      // A key no task has, as a cursor of a list that has changed since may be.
      const between = encodeCursor("number", [`${last.planId}!`, 0]);
      expect(await ledger.listTasks(f, { limit: 5, cursor: between })).toEqual(
        await pageOfTasks(ledger.db, f, { sort: "number", limit: 5, cursor: between }),
      );
      await expect(ledger.listTasks(f, { limit: 5, cursor: first.nextCursor, sort: "due" })).rejects.toMatchObject({ code: "invalid" });
      await expect(ledger.listTasks(f, { limit: 5, cursor: "nonsense" })).rejects.toMatchObject({ code: "invalid" });
    });

    it("keeps a list while the plans' revision stands (a change behind the store's back is not seen)", async () => {
      const f: TaskFilter = { theme: "oversight", planId: builtInPlans[0]?.id as PlanId };
      const before = await ledger.listTasks(f, { limit: 500 });
      const [first] = before.items;
      if (!first) throw new Error("no tasks");
      // Not how the store writes (every write of plan content moves the revision): this shows the list is cached.
      await ledger.db.deleteFrom("task_themes").where("task_id", "=", first.id).where("theme", "=", "oversight").execute();
      expect((await ledger.listTasks(f, { limit: 500 })).total).toBe(before.total);
      expect((await pageOfTasks(ledger.db, f, { sort: "number", limit: 500, cursor: null })).total).toBe(before.total - 1);
      await ledger.db.insertInto("task_themes").values({ task_id: first.id, theme: "oversight" }).execute();
    });
  });

  describe.runIf(backend.shareable)("with writes from another ledger on the same store", () => {
    let other: KyselyLedger;
    afterEach(async () => {
      await other.close();
      await ledger.close();
    });

    // A clock that stands still: two writes in the same millisecond must still be told apart.
    const clock = () => new Date("2026-03-01T00:00:00Z");
    const withThemes = (themes: Record<number, string[]>) =>
      fixturePlan((p) => {
        for (const t of p.tasks) t.themes = (themes[t.number] ?? []) as typeof t.themes;
      });
    const numbers = async (l: KyselyLedger, f: TaskFilter, sort: TaskSort = "number") =>
      (await l.listTasks(f, { limit: 2, sort })).items.map((t) => t.number);

    it("sees a plan reloaded with other content", async () => {
      ledger = await backend.open({ clock });
      other = await backend.open({ clock, shared: true });
      await ledger.loadPlan(withThemes({ 1: ["oversight"], 2: ["oversight"], 4: ["oversight"] }));
      expect(await numbers(ledger, { theme: "oversight" })).toEqual([1, 2]);
      expect((await ledger.listTasks({ theme: "oversight" }, { limit: 2 })).total).toBe(3);
      await other.loadPlan(withThemes({ 3: ["oversight"], 4: ["oversight"] }));
      expect(await numbers(ledger, { theme: "oversight" })).toEqual([3, 4]);
      expect((await ledger.listTasks({ theme: "oversight" }, { limit: 2 })).total).toBe(2);
      await other.loadPlan(withThemes({ 2: ["oversight"] }));
      expect(await numbers(ledger, { theme: "oversight" }, "due")).toEqual([2]);
    });

    it("sees units assigned to a task", async () => {
      ledger = await backend.open({ clock });
      other = await backend.open({ clock, shared: true });
      await ledger.loadPlan(fixturePlan());
      const finance = { unitId: UNIT_FINANCE as UnitId, role: "lead" as const };
      const before = await numbers(ledger, finance);
      expect(before).not.toContain(3);
      await other.assignUnits(ADMIN, task(3), { lead: ["市财政局"], responsible: [] });
      expect((await ledger.listTasks(finance, { limit: 100 })).items.map((t) => t.number)).toContain(3);
      await other.assignUnits(ADMIN, task(3), { lead: [], responsible: ["市财政局"] });
      expect((await ledger.listTasks(finance, { limit: 100 })).items.map((t) => t.number)).not.toContain(3);
    });
  });
});
