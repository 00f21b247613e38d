import { CLOSED_STATUSES, type PlanId } from "@taizhang/core";
import { buildTestPlan, type TestTaskSpec } from "@taizhang/core/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError, MAX_CHECKLIST_PAGE, type ChecklistFilter, type ChecklistRow } from "./ledger.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN } from "./test-support/ids.js";

const backends = await testBackends();

const UNITS = ["市发展改革委", "市财政局", "市司法局", "市人力资源社会保障局", "市生态环境局"];

function task(n: number): TestTaskSpec {
  return {
    title: `第${n}项任务`,
    lead: [UNITS[n % UNITS.length] ?? "市司法局"],
    responsible: UNITS.filter((_, i) => i !== n % UNITS.length),
    milestones: [{ due: `2017-0${(n % 9) + 1}-15` }, { due: "2018-12-31" }],
  };
}

const PAGING = "paging-2016" as PlanId;
const planOf = (tasks: number) => buildTestPlan({ id: "paging-2016", tasks: Array.from({ length: tasks }, (_, i) => task(i + 1)) });

const key = (r: ChecklistRow) => `${r.item.id}|${r.unitId}`;

async function allPages(ledger: KyselyLedger, filter: ChecklistFilter, limit: number): Promise<ChecklistRow[]> {
  const rows: ChecklistRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await ledger.checklistPage(filter, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
}

describe.each(backends)("checklist pages on $name", (backend) => {
  let ledger: KyselyLedger;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  it("reads the whole checklist page by page, in the order of the unpaged read", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(planOf(12));
    const whole = await ledger.checklist({ planId: PAGING });
    expect(whole).toHaveLength(12 * 3 * 5);
    for (const limit of [1, 7, 60, 180, 500]) {
      expect((await allPages(ledger, { planId: PAGING }, limit)).map(key)).toEqual(whole.map(key));
    }
    // Lead first within each item, as the ledger shows it.
    expect(whole.slice(0, 5).map((r) => r.role)).toEqual(["lead", "responsible", "responsible", "responsible", "responsible"]);
    const last = await ledger.checklistPage({ planId: PAGING }, { limit: 180 });
    expect(last.nextCursor).toBeNull();
    const unit = UNITS[2] ?? "";
    const [unitRow] = whole.filter((r) => r.unitId.endsWith(unit));
    expect(unitRow).toBeDefined();
    const ofUnit = await ledger.checklist({ unitId: unitRow?.unitId });
    expect((await allPages(ledger, { unitId: unitRow?.unitId }, 4)).map(key)).toEqual(ofUnit.map(key));
  });

  it("neither skips nor repeats rows when the plan grows or progress changes between pages", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(planOf(6));
    const first = await ledger.checklistPage({ planId: PAGING }, { limit: 20 });
    expect(first.nextCursor).not.toBeNull();
    // Between the pages: a change of progress on a row already read and one not yet read, and three tasks more.
    for (const row of [first.items[0], (await ledger.checklist({ planId: PAGING }))[40]]) {
      if (!row) throw new Error("fixture too small");
      await ledger.updateProgress(ADMIN, { itemId: row.item.id, unitId: row.unitId, expectedVersion: 0, patch: { status: "in_progress" } });
    }
    await ledger.loadPlan(planOf(9));
    const after: ChecklistRow[] = [...first.items];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await ledger.checklistPage({ planId: PAGING }, { limit: 20, cursor });
      after.push(...page.items);
      cursor = page.nextCursor;
    }
    const whole = await ledger.checklist({ planId: PAGING });
    expect(whole).toHaveLength(9 * 3 * 5);
    expect(after.map(key)).toEqual(whole.map(key));
    expect(new Set(after.map(key)).size).toBe(after.length);
    expect(after[40]?.progress.status).toBe("in_progress");
  });

  it("selects the open rows due before a day in SQL, as core's deadline rules do", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(planOf(10));
    const whole = await ledger.checklist({ planId: PAGING });
    const done = whole[3];
    if (!done) throw new Error("fixture too small");
    await ledger.updateProgress(ADMIN, { itemId: done.item.id, unitId: done.unitId, expectedVersion: 0, patch: { status: "done" } });
    const before = "2017-05-01";
    const expected = (await ledger.checklist({ planId: PAGING })).filter((r) => r.item.due < before && !CLOSED_STATUSES.has(r.progress.status));
    expect(expected.length).toBeGreaterThan(0);
    expect((await allPages(ledger, { planId: PAGING, openDueBefore: before }, 3)).map(key)).toEqual(expected.map(key));
    expect(expected.map(key)).not.toContain(key(done));
  });

  it("refuses a cursor it did not issue, and clamps the page size", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(planOf(2));
    for (const cursor of ["nonsense", Buffer.from(JSON.stringify({ s: "number", k: ["a", 1] })).toString("base64url")]) {
      await expect(ledger.checklistPage({}, { limit: 5, cursor })).rejects.toBeInstanceOf(LedgerError);
    }
    expect((await ledger.checklistPage({}, { limit: 0 })).items).toHaveLength(1);
    expect((await ledger.checklistPage({}, { limit: MAX_CHECKLIST_PAGE * 10 })).items).toHaveLength(2 * 3 * 5);
  });
});
