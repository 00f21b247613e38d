import { MAX_TASK_IDS } from "./task-reads.js";
import { deriveChecklist, PlanSchema } from "@taizhang/core";
import type { Kysely } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_DEVREFORM, UNIT_DISTRICTS, UNIT_FINANCE, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError } from "./ledger.js";
import { taskSearchTextMigration } from "./migrations/0002-task-search-text.js";
import { taskThemesMigration } from "./migrations/0003-task-themes.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, item, officeOf, PLAN, task, unit } from "./test-support/ids.js";

const backends = await testBackends();

describe.each(backends)("plans and reads on $name", (backend) => {
  let ledger: KyselyLedger;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  it("migrates an empty store to every table, and migrating again changes nothing", async () => {
    ledger = await backend.open();
    const tables = (await ledger.db.introspection.getTables()).map((t) => t.name);
    for (const name of ["plans", "parts", "sections", "tasks", "units", "unit_aliases", "task_units", "task_themes", "milestones", "targets", "checklist_items", "progress", "history", "tokens"]) {
      expect(tables).toContain(name);
    }
    if (backend.shareable) {
      const again = await backend.open({ shared: true });
      expect(await again.listPlans()).toEqual([]);
      await again.close();
    }
  });

  it("inserts a new plan with its checklist and a version-0 progress row per (item, unit)", async () => {
    ledger = await backend.open();
    const plan = fixturePlan();
    expect(await ledger.loadPlan(plan)).toEqual({ planId: PLAN, action: "inserted" });
    expect(await ledger.getPlan(PLAN)).toEqual(PlanSchema.parse(plan));

    const rows = await ledger.checklist({ planId: PLAN });
    const expected = deriveChecklist(plan).flatMap((i) => i.assignments.map((a) => [i.id, a.unitId, a.role]));
    expect(rows.map((r) => [r.item.id, r.unitId, r.role])).toEqual(expected);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.progress.version === 0 && r.progress.status === "not_started")).toBe(true);

    const [summary] = await ledger.listPlans();
    expect(summary?.counts).toEqual({ parts: 3, sections: 2, tasks: 4, guarantees: 1, milestones: 3, targets: 2, units: 4, warnings: 0 });
    expect(summary?.jurisdiction).toEqual({ name: "测试市", level: "city", parent: "测试省" });
  });

  it("loads the same plan again without writing anything", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    const before = await ledger.db.selectFrom("plans").select(["updated_at", "content_hash"]).executeTakeFirstOrThrow();
    expect(await ledger.loadPlan(fixturePlan())).toEqual({ planId: PLAN, action: "unchanged" });
    // The same content with its keys in another order is the same plan.
    const reordered = Object.fromEntries(Object.entries(fixturePlan()).reverse()) as ReturnType<typeof fixturePlan>;
    expect(await ledger.loadPlan(reordered)).toEqual({ planId: PLAN, action: "unchanged" });
    expect(await ledger.db.selectFrom("plans").select(["updated_at", "content_hash"]).executeTakeFirstOrThrow()).toEqual(before);
    expect(await ledger.checklist({ planId: PLAN })).toHaveLength(12);
  });

  it("updates a changed plan in place, keeping recorded progress and orphan-flagging vanished items", async () => {
    let clock = new Date("2017-01-10T02:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    await ledger.loadPlan(fixturePlan());
    const kept = await ledger.updateProgress(officeOf(unit(UNIT_LEGAL)), {
      itemId: item(1, "m1"),
      unitId: unit(UNIT_LEGAL),
      expectedVersion: 0,
      patch: { status: "done", percent: 100, note: "已公布" },
    });
    await ledger.updateProgress(officeOf(unit(UNIT_LEGAL)), {
      itemId: item(1, "m2"),
      unitId: unit(UNIT_LEGAL),
      expectedVersion: 0,
      patch: { status: "in_progress", percent: 40 },
    });
    await ledger.updateProgress(officeOf(unit(UNIT_FINANCE)), {
      itemId: item(1, "task"),
      unitId: unit(UNIT_FINANCE),
      expectedVersion: 0,
      patch: { note: "财政局意见" },
    });
    clock = new Date("2017-02-01T02:00:00Z");

    const newer = fixturePlan((p) => {
      p.provenance.importerVersion = "1.1.0";
      const [t1, t2] = p.tasks;
      if (!t1 || !t2) throw new Error("fixture changed");
      t1.title = "深化行政审批制度改革(修订)";
      t1.milestones = t1.milestones.slice(0, 1); // m2 vanishes
      t1.responsible = [UNIT_DEVREFORM]; // finance is no longer responsible
      t2.milestones = [{ index: 1, phrase: "2017年底前", clause: "建成公开平台", due: "2017-12-31", rule: "end-of-year", yearInferred: false }];
    });
    expect(await ledger.loadPlan(newer)).toEqual({ planId: PLAN, action: "updated" });

    expect((await ledger.getTask(task(1))).title).toBe("深化行政审批制度改革(修订)");
    expect(await ledger.getProgress(item(1, "m1"), unit(UNIT_LEGAL))).toEqual(kept);
    const orphan = await ledger.getProgress(item(1, "m2"), unit(UNIT_LEGAL));
    expect(orphan).toMatchObject({ status: "in_progress", percent: 40, version: 1 });
    const orphanRow = await ledger.db.selectFrom("progress").select("orphaned").where("item_id", "=", item(1, "m2")).where("unit_id", "=", UNIT_LEGAL).executeTakeFirstOrThrow();
    expect(orphanRow.orphaned).toBe(1);
    const financeRow = await ledger.db.selectFrom("progress").select(["orphaned", "note"]).where("item_id", "=", item(1, "task")).where("unit_id", "=", UNIT_FINANCE).executeTakeFirstOrThrow();
    expect(financeRow).toEqual({ orphaned: 1, note: "财政局意见" });

    const rows = await ledger.checklist({ planId: PLAN });
    expect(rows.map((r) => `${r.item.id} ${r.unitId}`)).toEqual(
      deriveChecklist(newer).flatMap((i) => i.assignments.map((a) => `${i.id} ${a.unitId}`)),
    );
    expect(rows.find((r) => r.item.id === item(2, "m1"))?.progress.version).toBe(0);
    expect((await ledger.history({ planId: PLAN })).total).toBe(3);
    await expect(
      ledger.updateProgress(officeOf(unit(UNIT_LEGAL)), { itemId: item(1, "m2"), unitId: unit(UNIT_LEGAL), expectedVersion: 1, patch: { percent: 50 } }),
    ).rejects.toMatchObject({ code: "conflict" });

    // An older importer's output does not overwrite a newer one's.
    expect(await ledger.loadPlan(fixturePlan())).toEqual({ planId: PLAN, action: "unchanged" });
    expect((await ledger.getTask(task(1))).title).toBe("深化行政审批制度改革(修订)");

    // A vanished item that comes back gets its old progress back.
    const restored = fixturePlan((p) => {
      p.provenance.importerVersion = "1.2.0";
    });
    expect(await ledger.loadPlan(restored)).toEqual({ planId: PLAN, action: "updated" });
    const back = (await ledger.checklist({ taskId: task(1), unitId: unit(UNIT_LEGAL) })).find((r) => r.item.id === item(1, "m2"));
    expect(back?.progress).toMatchObject({ status: "in_progress", version: 1 });
  });

  it("fills the search text of tasks stored before it existed (migration 0002)", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    // As a database migrated to 0001 only would be.
    await ledger.db.schema.alterTable("tasks").dropColumn("search_text").execute();
    await taskSearchTextMigration.up(ledger.db as unknown as Kysely<unknown>);
    const rows = await ledger.db.selectFrom("tasks").select(["number", "search_text"]).orderBy("number").execute();
    expect(rows[0]?.search_text).toContain("深化行政审批制度改革\n2016年年底前");
  });

  it("fills task_themes from the themes of tasks stored before it existed (migration 0003)", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(
      fixturePlan((p) => {
        for (const t of p.tasks) t.themes = (t.number === 2 ? ["oversight"] : ["leadership"]) as typeof t.themes;
      }),
    );
    // As a database migrated to 0002 only would be.
    await ledger.db.schema.dropTable("task_themes").execute();
    await taskThemesMigration.up(ledger.db as unknown as Kysely<unknown>);
    expect((await ledger.listTasks({ theme: "oversight" }, { limit: 10 })).items.map((t) => t.number)).toEqual([2]);
    expect((await ledger.listTasks({ theme: "leadership" }, { limit: 10 })).items.map((t) => t.number)).toEqual([1, 3, 4]);
  });

  it("refuses a plan that does not match the model", async () => {
    ledger = await backend.open();
    const broken = { ...fixturePlan(), tasks: [] , parts: [] } as unknown as ReturnType<typeof fixturePlan>;
    await expect(ledger.loadPlan(broken)).rejects.toBeInstanceOf(LedgerError);
    expect(await ledger.listPlans()).toEqual([]);
  });

  it("lists tasks by every filter field, with keyset pages and a total", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    const numbers = async (filter: Parameters<KyselyLedger["listTasks"]>[0]) =>
      (await ledger.listTasks(filter, { limit: 100 })).items.map((t) => t.number);

    expect(await numbers({})).toEqual([1, 2, 3, 4]);
    expect(await numbers({ planId: PLAN })).toEqual([1, 2, 3, 4]);
    expect(await numbers({ partNumber: 3 })).toEqual([4]);
    expect(await numbers({ sectionNumber: 1 })).toEqual([1, 2]);
    expect(await numbers({ guarantee: true })).toEqual([4]);
    expect(await numbers({ guarantee: false })).toEqual([1, 2, 3]);
    expect(await numbers({ unitId: unit(UNIT_DEVREFORM) })).toEqual([1, 2]);
    expect(await numbers({ unitId: unit(UNIT_DEVREFORM), role: "lead" })).toEqual([2]);
    expect(await numbers({ role: "responsible" })).toEqual([1, 4]);
    expect(await numbers({ taskIds: [task(4), task(2)] })).toEqual([2, 4]);
    expect(await numbers({ taskIds: [task(2)], sectionNumber: 1 })).toEqual([2]);
    expect(await numbers({ taskIds: [] })).toEqual([]);
    await expect(ledger.listTasks({ taskIds: Array.from({ length: MAX_TASK_IDS + 1 }, (_, i) => task(i + 1)) }, { limit: 10 })).rejects.toThrow(/at most/);
    expect(await numbers({ dueBefore: "2017-01-01" })).toEqual([1]);
    // Task 3's items have no unit yet; a due-date window alone still finds it.
    expect(await numbers({ dueAfter: "2017-01-01", dueBefore: "2018-12-31" })).toEqual([1, 3]);
    expect(await numbers({ dueAfter: "2020-12-31" })).toEqual([1, 2, 3, 4]);
    // Task 3 has items but no units, hence no (item, unit) rows.
    expect(await numbers({ status: "not_started" })).toEqual([1, 2, 4]);
    expect(await numbers({ overdueAsOf: new Date("2017-01-01T00:00:00Z") })).toEqual([1]);
    expect(await numbers({ overdueAsOf: new Date("2016-12-31T12:00:00Z") })).toEqual([]);
    expect(await numbers({ overdueAsOf: new Date("2017-01-01T00:00:00Z"), unitId: unit(UNIT_FINANCE) })).toEqual([1]);
    expect(await numbers({ overdueAsOf: new Date("2017-01-01T00:00:00Z"), role: "lead" })).toEqual([1]);
    expect(await numbers({ dueBefore: "2017-01-01", unitId: unit(UNIT_DISTRICTS) })).toEqual([]);
    expect(await numbers({ dueAfter: "2020-12-31", unitId: unit(UNIT_DISTRICTS), role: "responsible" })).toEqual([4]);

    await ledger.updateProgress(officeOf(unit(UNIT_FINANCE)), {
      itemId: item(1, "m1"),
      unitId: unit(UNIT_FINANCE),
      expectedVersion: 0,
      patch: { status: "blocked" },
    });
    expect(await numbers({ status: "blocked" })).toEqual([1]);
    expect(await numbers({ status: "blocked", unitId: unit(UNIT_LEGAL) })).toEqual([]);
    expect(await numbers({ status: "blocked", unitId: unit(UNIT_FINANCE), role: "responsible" })).toEqual([1]);

    for (const sort of ["number", "due"] as const) {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await ledger.listTasks({}, { limit: 1, cursor, sort });
        expect(page.total).toBe(4);
        seen.push(...page.items.map((t) => t.number));
        cursor = page.nextCursor;
      } while (cursor);
      // Due sort: earliest item due first (1: 2016-12-31, 3: 2018-12-31, 2 and 4: 2020-12-31).
      expect(seen).toEqual(sort === "number" ? [1, 2, 3, 4] : [1, 3, 2, 4]);
    }
    await expect(ledger.listTasks({}, { limit: 1, cursor: "bm9wZQ", sort: "number" })).rejects.toMatchObject({ code: "invalid" });
    const byNumber = await ledger.listTasks({}, { limit: 2, sort: "number" });
    await expect(ledger.listTasks({}, { limit: 2, cursor: byNumber.nextCursor, sort: "due" })).rejects.toMatchObject({ code: "invalid" });
    expect((await ledger.listTasks({}, { limit: Number.NaN })).items).toHaveLength(4);
    expect((await ledger.listTasks({}, { limit: 0 })).items).toHaveLength(1);
  });

  it("returns a task with its milestones, targets and units, and 404s an unknown one", async () => {
    ledger = await backend.open();
    const plan = fixturePlan();
    await ledger.loadPlan(plan);
    expect(await ledger.getTask(task(1))).toEqual(plan.tasks[0]);
    await expect(ledger.getTask(task(99))).rejects.toMatchObject({ code: "not_found" });
    await expect(ledger.getPlan(PLAN.replace("2016", "1999") as typeof PLAN)).rejects.toMatchObject({ code: "not_found" });
  });

  it("finds units by id, name or alias, within a jurisdiction", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    for (const needle of [UNIT_LEGAL, "市政府法制办", "市法制办"]) {
      expect((await ledger.resolveUnit(needle)).map((u) => u.id)).toEqual([UNIT_LEGAL]);
    }
    expect(await ledger.resolveUnit("市法制办", "别的市")).toEqual([]);
    expect(await ledger.resolveUnit("不存在的单位")).toEqual([]);
    expect((await ledger.listUnits({ planId: PLAN })).map((u) => u.id)).toEqual([UNIT_LEGAL, UNIT_DEVREFORM, UNIT_FINANCE, UNIT_DISTRICTS]);
    expect((await ledger.listUnits({ jurisdiction: "测试市" })).find((u) => u.id === UNIT_DISTRICTS)?.collective).toBe(true);
  });

  it("lists a unit's checklist across plans with task, section and part titles", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    const rows = await ledger.checklist({ unitId: unit(UNIT_LEGAL) });
    expect(rows.map((r) => [r.item.id, r.role, r.taskTitle, r.sectionTitle, r.partTitle])).toEqual([
      [item(1, "m1"), "lead", "深化行政审批制度改革", "依法全面履行政府职能", "主要任务"],
      [item(1, "m2"), "lead", "深化行政审批制度改革", "依法全面履行政府职能", "主要任务"],
      [item(1, "task"), "lead", "深化行政审批制度改革", "依法全面履行政府职能", "主要任务"],
      [item(4, "task"), "lead", "加强组织领导", null, "保障措施"],
    ]);
    expect(rows[0]?.item.assignments).toEqual([
      { unitId: UNIT_LEGAL, role: "lead" },
      { unitId: UNIT_DEVREFORM, role: "responsible" },
      { unitId: UNIT_FINANCE, role: "responsible" },
    ]);
    expect(rows[0]?.item.targetIndexes).toEqual([1]);
    expect(await ledger.checklist({ unitId: unit(UNIT_LEGAL), role: "responsible" })).toEqual([]);
  });

  it("lets an admin assign units to a task the plan names none for, and keeps them across a plan update", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    await expect(ledger.assignUnits(officeOf(unit(UNIT_LEGAL)), task(3), { lead: ["市法制办"], responsible: [] })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(ledger.assignUnits(ADMIN, task(3), { lead: ["无此单位"], responsible: [] })).rejects.toMatchObject({ code: "invalid" });
    const assigned = await ledger.assignUnits(ADMIN, task(3), { lead: ["市法制办"], responsible: ["市财政局"] });
    expect(assigned.lead).toEqual([UNIT_LEGAL]);
    expect(assigned.responsible).toEqual([UNIT_FINANCE]);
    expect((await ledger.checklist({ taskId: task(3) })).map((r) => `${r.item.id} ${r.unitId} ${r.role}`)).toEqual([
      `${item(3, "m1")} ${UNIT_LEGAL} lead`,
      `${item(3, "m1")} ${UNIT_FINANCE} responsible`,
      `${item(3, "task")} ${UNIT_LEGAL} lead`,
      `${item(3, "task")} ${UNIT_FINANCE} responsible`,
    ]);
    await ledger.loadPlan(fixturePlan((p) => { p.provenance.importerVersion = "1.0.1"; }));
    expect((await ledger.getTask(task(3))).lead).toEqual([UNIT_LEGAL]);
    expect(await ledger.checklist({ taskId: task(3) })).toHaveLength(4);
  });

  it("lists tasks by theme, and refuses what is not a theme id", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(
      fixturePlan((p) => {
        const themes: Record<number, string[]> = { 1: ["government-functions", "oversight"], 2: ["oversight"], 4: ["leadership", "leadership-organisation"] };
        for (const t of p.tasks) t.themes = (themes[t.number] ?? []) as typeof t.themes;
      }),
    );
    const numbers = async (theme: string) => (await ledger.listTasks({ theme }, { limit: 100 })).items.map((t) => t.number);
    expect(await numbers("oversight")).toEqual([1, 2]);
    expect(await numbers("leadership")).toEqual([4]);
    expect(await numbers("leadership-capacity")).toEqual([]);
    await expect(ledger.listTasks({ theme: "x%" }, { limit: 10 })).rejects.toMatchObject({ code: "invalid" });
    // A newer text of the plan with other themes replaces them.
    await ledger.loadPlan(fixturePlan((p) => { for (const t of p.tasks) t.themes = ["rule-making"] as typeof t.themes; }));
    expect(await numbers("oversight")).toEqual([]);
    expect(await numbers("rule-making")).toEqual([1, 2, 3, 4]);
  });

  it("gives each plan a revision that changes when its text changes or units are assigned, and only then", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    ledger = await backend.open({ clock: () => new Date((now += 1000)) });
    await ledger.loadPlan(fixturePlan());
    const [first] = await ledger.planRevisions();
    expect(first?.planId).toBe(PLAN);
    await ledger.loadPlan(fixturePlan());
    expect(await ledger.planRevisions()).toEqual([first]);
    await ledger.assignUnits(ADMIN, task(3), { lead: ["市法制办"], responsible: [] });
    const [assigned] = await ledger.planRevisions();
    expect(assigned?.revision).not.toBe(first?.revision);
    await ledger.loadPlan(fixturePlan((p) => { p.title = `${p.title}(修订)`; }));
    const [retitled] = await ledger.planRevisions();
    expect(retitled?.revision).not.toBe(assigned?.revision);
  });
});
