import type { ProgressPatch, ProgressStatus, UnitId } from "@taizhang/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_DEVREFORM, UNIT_DISTRICTS, UNIT_FINANCE, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError, type ProgressUpdate } from "./ledger.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, item, officeOf, PLAN, task, unit, VIEWER } from "./test-support/ids.js";

const backends = await testBackends();

const LEGAL = unit(UNIT_LEGAL);
const DEVREFORM = unit(UNIT_DEVREFORM);
const FINANCE = unit(UNIT_FINANCE);
const DISTRICTS = unit(UNIT_DISTRICTS);

describe.each(backends)("progress, history and reports on $name", (backend) => {
  let ledger: KyselyLedger;
  let clock: Date;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  async function openLoaded(): Promise<KyselyLedger> {
    clock = new Date("2017-01-05T01:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    await ledger.loadPlan(fixturePlan());
    return ledger;
  }

  const set = (itemId: ProgressUpdate["itemId"], unitId: UnitId, expectedVersion: number, patch: ProgressPatch) =>
    ledger.updateProgress(officeOf(unitId), { itemId, unitId, expectedVersion, patch });

  it("lists one task's history: every item and unit of it, no other task's", async () => {
    await openLoaded();
    await set(item(1, "m1"), LEGAL, 0, { percent: 10 });
    await set(item(1, "m2"), LEGAL, 0, { percent: 20 });
    await set(item(2, "task"), DEVREFORM, 0, { percent: 30 });
    const first = await ledger.history({ taskId: task(1), limit: 10 });
    expect(first.total).toBe(2);
    expect(first.items.map((h) => h.itemId).sort()).toEqual([item(1, "m1"), item(1, "m2")]);
    expect((await ledger.history({ taskId: task(2), limit: 10 })).items.map((h) => h.itemId)).toEqual([item(2, "task")]);
    expect((await ledger.history({ taskId: task(3), limit: 10 })).total).toBe(0);
    // With other filters, as any history query.
    expect((await ledger.history({ taskId: task(1), unitId: DEVREFORM, limit: 10 })).total).toBe(0);
  });

  it("holds status and percent to core's rule: an inconsistent pair is refused naming percent, alone each brings the other", async () => {
    await openLoaded();
    const refused = await set(item(1, "m1"), LEGAL, 0, { status: "not_started", percent: 80 }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "invalid", details: { problem: "progress-inconsistent", field: "percent" } });
    await expect(set(item(1, "m1"), LEGAL, 0, { status: "done", percent: 10 })).rejects.toMatchObject({ details: { problem: "progress-inconsistent" } });
    const done = await set(item(1, "m1"), LEGAL, 0, { status: "done" });
    expect(done).toMatchObject({ status: "done", percent: 100, version: 1 });
    // 进行中 from 100 % needs its percent; with it, the previous values come back.
    await expect(set(item(1, "m1"), LEGAL, 1, { status: "in_progress" })).rejects.toMatchObject({ details: { field: "percent" } });
    expect(await set(item(1, "m1"), LEGAL, 1, { status: "in_progress", percent: 60 })).toMatchObject({ status: "in_progress", percent: 60, version: 2 });
    const bulk = await ledger.bulkUpdateProgress(officeOf(LEGAL), [
      { itemId: item(1, "m2"), unitId: LEGAL, expectedVersion: 0, patch: { note: "fine" } },
      { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 2, patch: { status: "not_started", percent: 60 } },
    ]);
    expect(bulk.ok).toBe(false);
    expect(bulk.results.map((r) => r.error?.code)).toEqual(["not_applied", "inconsistent"]);
  });

  it("names a 责任人 for an (item, unit), changes and clears it, carries it in history, and lists rows by that person", async () => {
    await openLoaded();
    const zhang = { name: "张伟", post: "法规科科长", contact: "0471-1234567" };
    const named = await set(item(1, "m1"), LEGAL, 0, { responsiblePerson: zhang });
    expect(named).toMatchObject({ responsiblePerson: zhang, version: 1, status: "not_started" });
    // A change of another field keeps the person.
    const kept = await set(item(1, "m1"), LEGAL, 1, { percent: 40 });
    expect(kept.responsiblePerson).toEqual(zhang);
    await set(item(1, "m2"), LEGAL, 0, { responsiblePerson: { ...zhang, contact: null } });
    const mine = await ledger.checklist({ responsiblePerson: "张伟" });
    expect(mine.map((r) => `${r.item.id} ${r.unitId}`)).toEqual([`${item(1, "m1")} ${LEGAL}`, `${item(1, "m2")} ${LEGAL}`]);
    expect(await ledger.checklist({ responsiblePerson: "李娜" })).toEqual([]);
    // Another person takes over, then no one: history has each step.
    const li = { name: "李娜", post: null, contact: null };
    await set(item(1, "m1"), LEGAL, 2, { responsiblePerson: li });
    const cleared = await set(item(1, "m1"), LEGAL, 3, { responsiblePerson: null });
    expect(cleared.responsiblePerson).toBeNull();
    const history = (await ledger.history({ itemId: item(1, "m1"), limit: 10 })).items;
    expect(history.map((h) => [h.version, h.before.responsiblePerson?.name ?? null, h.after.responsiblePerson?.name ?? null])).toEqual([
      [4, "李娜", null],
      [3, "张伟", "李娜"],
      [2, "张伟", "张伟"],
      [1, null, "张伟"],
    ]);
    expect((await ledger.checklist({ responsiblePerson: "张伟" })).map((r) => r.item.id)).toEqual([item(1, "m2")]);
    // Only the unit's own office (or an admin) may name one, as for any progress change.
    await expect(
      ledger.updateProgress(officeOf(FINANCE), { itemId: item(1, "m2"), unitId: LEGAL, expectedVersion: 1, patch: { responsiblePerson: li } }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("applies a write at the right version and refuses a stale one with the current state", async () => {
    await openLoaded();
    const first = await ledger.updateProgress(officeOf(LEGAL), {
      itemId: item(1, "m1"),
      unitId: LEGAL,
      expectedVersion: 0,
      patch: { status: "in_progress", percent: 30, evidence: [{ description: "收费目录清单", url: "https://example.gov.cn/list" }] },
      comment: "首次填报",
    });
    expect(first).toEqual({
      itemId: item(1, "m1"),
      unitId: LEGAL,
      status: "in_progress",
      percent: 30,
      note: "",
      evidence: [{ description: "收费目录清单", url: "https://example.gov.cn/list" }],
      measuredValue: null,
      responsiblePerson: null,
      version: 1,
      updatedBy: `${LEGAL} office`,
      updatedAt: "2017-01-05T01:00:00.000Z",
    });
    const stale = await set(item(1, "m1"), LEGAL, 0, { percent: 99 }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(LedgerError);
    expect(stale).toMatchObject({ code: "stale_version", details: { current: first } });
    expect(await ledger.getProgress(item(1, "m1"), LEGAL)).toEqual(first);

    const second = await set(item(1, "m1"), LEGAL, 1, { measuredValue: { value: 93, unit: "%", asOf: "2016-12-31" } });
    expect(second).toMatchObject({ version: 2, percent: 30, measuredValue: { value: 93, unit: "%", asOf: "2016-12-31" } });
    await expect(set(item(1, "m1"), LEGAL, 2, {})).rejects.toMatchObject({ code: "invalid" });
    await expect(set(item(1, "m1"), LEGAL, 2, { percent: 101 })).rejects.toMatchObject({ code: "invalid" });
    await expect(set(item(1, "m1"), LEGAL, 2, { status: "finished" } as unknown as ProgressPatch)).rejects.toMatchObject({ code: "invalid" });
    await expect(set(item(3, "task"), LEGAL, 0, { percent: 1 })).rejects.toMatchObject({ code: "not_found" });
    expect((await ledger.history({ itemId: item(1, "m1") })).total).toBe(2);
  });

  it("refuses an office writing another unit's row, and a viewer, changing nothing", async () => {
    await openLoaded();
    const attempt = (actor: Parameters<KyselyLedger["updateProgress"]>[0]) =>
      ledger.updateProgress(actor, { itemId: item(1, "m1"), unitId: FINANCE, expectedVersion: 0, patch: { status: "done" } });
    await expect(attempt(officeOf(LEGAL))).rejects.toMatchObject({ code: "forbidden" });
    await expect(attempt(VIEWER)).rejects.toMatchObject({ code: "forbidden" });
    expect(await ledger.getProgress(item(1, "m1"), FINANCE)).toMatchObject({ status: "not_started", version: 0 });
    expect((await ledger.history({})).total).toBe(0);
    // An admin may write any unit's row.
    expect(await attempt(ADMIN)).toMatchObject({ status: "done", version: 1, updatedBy: ADMIN.name });
  });

  it("appends exactly one history row per accepted write, versions strictly increasing, newest first", async () => {
    await openLoaded();
    const times: string[] = [];
    let version = 0;
    for (const [i, status] of (["in_progress", "blocked", "in_progress", "done"] as const).entries()) {
      clock = new Date(Date.UTC(2017, 1, 1 + i, 3));
      times.push(clock.toISOString());
      await set(item(1, "m2"), DEVREFORM, version, { status, percent: 25 * (i + 1), note: `第${i + 1}次` });
      version += 1;
      await set(item(2, "task"), DEVREFORM, i, { percent: i });
    }
    await expect(set(item(1, "m2"), DEVREFORM, 1, { percent: 1 })).rejects.toMatchObject({ code: "stale_version" });

    const all = await ledger.history({ itemId: item(1, "m2"), unitId: DEVREFORM });
    expect(all.total).toBe(4);
    expect(all.items.map((h) => h.version)).toEqual([4, 3, 2, 1]);
    expect(all.items.map((h) => h.at)).toEqual([...times].reverse());
    const oldestFirst = [...all.items].reverse();
    expect(oldestFirst[0]?.before).toMatchObject({ status: "not_started", percent: 0 });
    oldestFirst.slice(1).forEach((h, i) => expect(h.before).toEqual(oldestFirst[i]?.after));
    expect(oldestFirst.at(-1)?.after).toMatchObject({ status: "done", percent: 100, note: "第4次" });
    expect(all.items.every((h) => h.actor === `${DEVREFORM} office` && h.source === "api")).toBe(true);

    expect((await ledger.history({ planId: PLAN })).total).toBe(8);
    expect((await ledger.history({ unitId: LEGAL })).total).toBe(0);
    const window = await ledger.history({ since: times[1], until: times[2] });
    expect(window.items.map((h) => [h.itemId, h.version])).toEqual([
      [item(2, "task"), 3],
      [item(1, "m2"), 3],
      [item(2, "task"), 2],
      [item(1, "m2"), 2],
    ]);

    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await ledger.history({ planId: PLAN, limit: 3, cursor });
      expect(page.total).toBe(8);
      ids.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toHaveLength(8);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(new Set(ids).size).toBe(8);
  });

  it("lets one of several writers racing from the same version win, and refuses the others with the winner's state", async () => {
    await openLoaded();
    const racers = [10, 20, 30, 40].map((percent) => set(item(1, "m1"), LEGAL, 0, { percent, note: `第${percent}` }));
    // Writes to other rows at the same moment all land.
    const others = [item(1, "m2"), item(2, "task")].map((itemId) => set(itemId, DEVREFORM, 0, { status: "in_progress" }));
    const outcomes = await Promise.allSettled(racers);
    const winners = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    expect(winners).toHaveLength(1);
    const [winner] = winners;
    expect(winner).toMatchObject({ version: 1 });
    expect(await ledger.getProgress(item(1, "m1"), LEGAL)).toEqual(winner);
    for (const o of outcomes) {
      if (o.status === "rejected") expect(o.reason).toMatchObject({ code: "stale_version", details: { current: winner } });
    }
    for (const written of await Promise.all(others)) {
      expect(written).toMatchObject({ status: "in_progress", version: 1 });
      expect(await ledger.getProgress(written.itemId, written.unitId)).toEqual(written);
    }
    const history = await ledger.history({ planId: PLAN });
    expect(history.items.map((h) => [h.itemId, h.unitId, h.version]).sort()).toEqual(
      [
        [item(1, "m1"), LEGAL, 1],
        [item(1, "m2"), DEVREFORM, 1],
        [item(2, "task"), DEVREFORM, 1],
      ].sort(),
    );
    expect(history.items.find((h) => h.itemId === item(1, "m1"))?.after).toMatchObject({ percent: winner?.percent, note: winner?.note });
  });

  it("counts a write that sets the values the row already has: a new version and its history row", async () => {
    await openLoaded();
    const first = await set(item(1, "m1"), LEGAL, 0, { status: "not_started", percent: 0 });
    expect(first).toMatchObject({ status: "not_started", percent: 0, version: 1 });
    expect(await ledger.getProgress(item(1, "m1"), LEGAL)).toEqual(first);
    const [entry] = (await ledger.history({ itemId: item(1, "m1") })).items;
    expect(entry).toMatchObject({ version: 1 });
    expect(entry?.after).toEqual(entry?.before);
  });

  it("applies a bulk update all or nothing, with a report per item", async () => {
    await openLoaded();
    await set(item(1, "task"), LEGAL, 0, { percent: 10 });
    const batch: ProgressUpdate[] = [
      { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 0, patch: { status: "done" } },
      { itemId: item(1, "task"), unitId: LEGAL, expectedVersion: 0, patch: { percent: 50 } }, // stale
      { itemId: item(4, "task"), unitId: LEGAL, expectedVersion: 0, patch: { percent: 20 } },
    ];
    const refused = await ledger.bulkUpdateProgress(ADMIN, batch);
    expect(refused.ok).toBe(false);
    expect(refused.results.map((r) => [r.index, r.error?.code ?? "ok"])).toEqual([
      [0, "not_applied"],
      [1, "stale_version"],
      [2, "not_applied"],
    ]);
    expect(refused.results[1]?.error?.current).toMatchObject({ percent: 10, version: 1 });
    expect(await ledger.getProgress(item(1, "m1"), LEGAL)).toMatchObject({ status: "not_started", version: 0 });
    expect(await ledger.getProgress(item(4, "task"), LEGAL)).toMatchObject({ percent: 0, version: 0 });
    expect((await ledger.history({})).total).toBe(1);

    const forbidden = await ledger.bulkUpdateProgress(officeOf(LEGAL), [
      { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 0, patch: { status: "done" } },
      { itemId: item(1, "m1"), unitId: FINANCE, expectedVersion: 0, patch: { status: "done" } },
    ]);
    expect(forbidden.results.map((r) => r.error?.code)).toEqual(["not_applied", "forbidden"]);
    expect((await ledger.history({})).total).toBe(1);

    const accepted = await ledger.bulkUpdateProgress(ADMIN, [batch[0] as ProgressUpdate, { ...(batch[1] as ProgressUpdate), expectedVersion: 1 }, batch[2] as ProgressUpdate]);
    expect(accepted.ok).toBe(true);
    expect(accepted.results.map((r) => r.progress?.version)).toEqual([1, 2, 1]);
    expect((await ledger.history({})).total).toBe(4);
  });

  it("rolls progress up by plan, section, unit and task as of a date (hand-computed)", async () => {
    await openLoaded();
    await set(item(1, "m1"), LEGAL, 0, { status: "done" });
    await set(item(1, "m1"), DEVREFORM, 0, { status: "in_progress", percent: 50 });
    await set(item(1, "m1"), FINANCE, 0, { status: "not_applicable" });
    await set(item(1, "m2"), LEGAL, 0, { status: "blocked", percent: 20 });
    await set(item(2, "task"), DEVREFORM, 0, { status: "in_progress", percent: 30 });
    await set(item(4, "task"), DISTRICTS, 0, { status: "done", percent: 100 });
    // 2017-06-10 in China: m1 (due 2016-12-31) is past, m2 (due 2017-06-30) is 20 days away.
    const asOf = new Date("2017-06-10T04:00:00Z");
    const counts = (c: Partial<Record<ProgressStatus, number>>) => ({
      not_started: 0,
      in_progress: 0,
      done: 0,
      blocked: 0,
      not_applicable: 0,
      ...c,
    });

    expect(await ledger.report("plan", asOf)).toEqual([
      {
        key: PLAN,
        label: "测试市法治政府建设实施方案(2016—2020年)",
        // 12 rows, 11 applicable: (100 + 100 + 50 + 30 + 20) / 11 = 27.27…
        rollup: { total: 12, byStatus: counts({ done: 2, in_progress: 2, not_applicable: 1, blocked: 1, not_started: 6 }), percentComplete: 27.3, overdue: 1, dueSoon: 3 },
      },
    ]);

    const byUnit = await ledger.report("unit", asOf, { planId: PLAN });
    expect(Object.fromEntries(byUnit.map((r) => [r.key, [r.label, r.rollup]]))).toEqual({
      [LEGAL]: ["市政府法制办", { total: 4, byStatus: counts({ done: 1, blocked: 1, not_started: 2 }), percentComplete: 30, overdue: 0, dueSoon: 1 }],
      [DEVREFORM]: ["市发展改革委", { total: 4, byStatus: counts({ in_progress: 2, not_started: 2 }), percentComplete: 20, overdue: 1, dueSoon: 1 }],
      [FINANCE]: ["市财政局", { total: 3, byStatus: counts({ not_applicable: 1, not_started: 2 }), percentComplete: 0, overdue: 0, dueSoon: 1 }],
      [DISTRICTS]: ["各区县政府", { total: 1, byStatus: counts({ done: 1 }), percentComplete: 100, overdue: 0, dueSoon: 0 }],
    });
    expect(byUnit.map((r) => r.key)).toEqual([LEGAL, DEVREFORM, FINANCE, DISTRICTS].sort());

    expect((await ledger.report("section", asOf)).map((r) => [r.key, r.label, r.rollup.total, r.rollup.percentComplete])).toEqual([
      // Section 1 holds tasks 1 and 2: (100 + 50 + 20 + 30) / 9 applicable = 22.2; task 3 (section 2) has no rows.
      [`${PLAN}#section-1`, "依法全面履行政府职能", 10, 22.2],
      // Task 4 sits directly under part 3 (保障措施).
      [`${PLAN}#part-3`, "保障措施", 2, 50],
    ]);

    expect((await ledger.report("task", asOf)).map((r) => [r.key, r.label, r.rollup.total, r.rollup.percentComplete])).toEqual([
      // (100 + 50 + 20) / 8 applicable = 21.25, rounded half up.
      [task(1), "1. 深化行政审批制度改革", 9, 21.3],
      [task(2), "2. 推进政府信息公开", 1, 30],
      [task(4), "4. 加强组织领导", 2, 50],
    ]);
  });
});
