import { readFileSync } from "node:fs";
import { importPlan, type Plan } from "@taizhang/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_DEVREFORM, UNIT_FINANCE, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, item, officeOf, PLAN, task, unit } from "./test-support/ids.js";

const backends = await testBackends();
const districtPlan = (name: string): Plan =>
  importPlan(readFileSync(new URL(`./__fixtures__/${name}.txt`, import.meta.url), "utf8"), { sourceName: `${name}.txt` }).plan;

describe.each(backends)("unit assignments on $name", (backend) => {
  let ledger: KyselyLedger;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  /** The fixture plan with recorded progress of 市财政局 on task 1's first milestone. */
  async function withProgress(): Promise<void> {
    let now = Date.parse("2026-01-01T00:00:00Z");
    ledger = await backend.open({ clock: () => new Date((now += 1000)) });
    await ledger.loadPlan(fixturePlan());
    await ledger.updateProgress(officeOf(unit(UNIT_FINANCE)), {
      itemId: item(1, "m1"),
      unitId: unit(UNIT_FINANCE),
      expectedVersion: 0,
      patch: { status: "done", percent: 100, note: "已公布收费目录清单" },
    });
  }

  it("refuses to change the units a plan's text names for a task unless replace is explicit, with a reason", async () => {
    await withProgress();
    const before = await ledger.getTask(task(1));
    await expect(ledger.assignUnits(ADMIN, task(1), { lead: [], responsible: [] })).rejects.toMatchObject({
      code: "conflict",
      details: { problem: "units-named-by-plan" },
    });
    await expect(ledger.assignUnits(ADMIN, task(1), { lead: [], responsible: [], replace: true })).rejects.toMatchObject({ code: "invalid" });
    await expect(ledger.assignUnits(ADMIN, task(1), { lead: [], responsible: [], replace: true, reason: "  " })).rejects.toMatchObject({ code: "invalid" });
    expect(await ledger.getTask(task(1))).toEqual(before);
    expect((await ledger.assignmentHistory({ taskId: task(1) })).items).toEqual([]);
    expect((await ledger.checklist({ taskId: task(1), unitId: unit(UNIT_FINANCE) })).map((r) => r.progress.status)).toEqual(["done", "not_started", "not_started"]);
  });

  it("keeps the progress of a unit removed from a task (orphaned, visible, not editable), records it, and restores it when the unit returns", async () => {
    await withProgress();
    const finance = unit(UNIT_FINANCE);
    const removed = await ledger.assignUnits(ADMIN, task(1), { lead: ["市政府法制办"], responsible: ["市发展改革委"], replace: true, reason: "市财政局不再承担此项" });
    expect(removed.responsible).toEqual([UNIT_DEVREFORM]);
    // Gone from the live checklist, kept with its progress in the orphaned rows.
    expect(await ledger.checklist({ taskId: task(1), unitId: finance })).toEqual([]);
    const orphaned = await ledger.checklist({ taskId: task(1), orphaned: true });
    expect(orphaned.map((r) => [r.item.id, r.unitId, r.progress.status, r.progress.version])).toEqual([
      [item(1, "m1"), UNIT_FINANCE, "done", 1],
      [item(1, "m2"), UNIT_FINANCE, "not_started", 0],
      [item(1, "task"), UNIT_FINANCE, "not_started", 0],
    ]);
    await expect(
      ledger.updateProgress(officeOf(finance), { itemId: item(1, "m1"), unitId: finance, expectedVersion: 1, patch: { note: "补充" } }),
    ).rejects.toMatchObject({ code: "conflict" });
    const [entry] = (await ledger.assignmentHistory({ taskId: task(1) })).items;
    expect(entry).toMatchObject({
      planId: PLAN,
      taskId: task(1),
      kind: "remove",
      actor: ADMIN.name,
      source: "api",
      before: { lead: [UNIT_LEGAL], responsible: [UNIT_DEVREFORM, UNIT_FINANCE] },
      after: { lead: [UNIT_LEGAL], responsible: [UNIT_DEVREFORM] },
      reason: "市财政局不再承担此项",
      restored: [],
    });
    expect(entry?.orphaned).toContainEqual({ itemId: item(1, "m1"), unitId: UNIT_FINANCE, version: 1 });
    // Progress history is untouched: the office's one change.
    expect((await ledger.history({ taskId: task(1) })).items.map((h) => [h.unitId, h.version])).toEqual([[UNIT_FINANCE, 1]]);

    await ledger.assignUnits(ADMIN, task(1), { lead: ["市政府法制办"], responsible: ["市发展改革委", "市财政局"], replace: true, reason: "恢复" });
    expect((await ledger.checklist({ taskId: task(1), unitId: finance })).map((r) => [r.progress.status, r.progress.note])).toEqual([
      ["done", "已公布收费目录清单"],
      ["not_started", ""],
      ["not_started", ""],
    ]);
    expect(await ledger.checklist({ taskId: task(1), orphaned: true })).toEqual([]);
    const history = (await ledger.assignmentHistory({ planId: PLAN })).items;
    expect(history.map((h) => h.kind)).toEqual(["assign", "remove"]);
    expect(history[0]?.restored).toContainEqual({ itemId: item(1, "m1"), unitId: UNIT_FINANCE, version: 1 });
    expect(history[0]?.orphaned).toEqual([]);
  });

  it("assigns a task the text names no units for without replace, and records every change but a no-op", async () => {
    ledger = await backend.open();
    await ledger.loadPlan(fixturePlan());
    await ledger.assignUnits(ADMIN, task(3), { lead: ["市法制办"], responsible: [] });
    await ledger.assignUnits(ADMIN, task(3), { lead: ["市政府法制办"], responsible: [] });
    await ledger.assignUnits(ADMIN, task(3), { lead: ["市财政局"], responsible: ["市政府法制办"] });
    await ledger.assignUnits(ADMIN, task(3), { lead: [], responsible: [] });
    const history = (await ledger.assignmentHistory({ taskId: task(3), limit: 2 }));
    expect(history.total).toBe(3);
    expect(history.items.map((h) => h.kind)).toEqual(["remove", "replace"]);
    const rest = await ledger.assignmentHistory({ taskId: task(3), limit: 2, cursor: history.nextCursor });
    expect(rest.items.map((h) => [h.kind, h.reason, h.before, h.after])).toEqual([["assign", null, { lead: [], responsible: [] }, { lead: [UNIT_LEGAL], responsible: [] }]]);
    expect(rest.nextCursor).toBeNull();
  });

  it("records a re-import that changes a task's units, as the importer or as who loaded it, and none that does not", async () => {
    await withProgress();
    await ledger.loadPlan(fixturePlan((p) => { p.provenance.importerVersion = "9.0.0"; }));
    expect((await ledger.assignmentHistory({})).total).toBe(0);
    const actor = { name: "管理员 import", source: "api" as const };
    await ledger.loadPlan(
      fixturePlan((p) => {
        p.provenance.importerVersion = "9.0.1";
        const first = p.tasks[0];
        if (first) first.responsible = first.responsible.filter((u) => u !== UNIT_FINANCE);
      }),
      { actor },
    );
    const [entry] = (await ledger.assignmentHistory({ taskId: task(1) })).items;
    expect(entry).toMatchObject({ kind: "reimport", actor: actor.name, source: "api", reason: null, after: { responsible: [UNIT_DEVREFORM] } });
    expect(entry?.orphaned).toContainEqual({ itemId: item(1, "m1"), unitId: UNIT_FINANCE, version: 1 });
    expect((await ledger.checklist({ taskId: task(1), orphaned: true })).map((r) => r.progress.status)).toContain("done");
    await ledger.loadPlan(fixturePlan((p) => { p.provenance.importerVersion = "9.0.2"; }));
    const [back] = (await ledger.assignmentHistory({ taskId: task(1) })).items;
    expect(back).toMatchObject({ kind: "reimport", actor: "plan import", source: "import" });
    expect(back?.restored).toContainEqual({ itemId: item(1, "m1"), unitId: UNIT_FINANCE, version: 1 });
  });

  it("keeps two sibling districts' same-named offices apart: an office of 锦江区's 区司法局 cannot touch 武侯区's items", async () => {
    ledger = await backend.open();
    const jinjiang = districtPlan("chengdu-jinjiang-2024");
    const wuhou = districtPlan("chengdu-wuhou-2024");
    await ledger.loadPlan(jinjiang);
    await ledger.loadPlan(wuhou);
    expect((await ledger.listPlans()).map((p) => [p.id, p.jurisdiction.name, p.jurisdiction.parent])).toEqual([
      ["chengdu-jinjiang-2024", "锦江区", "成都市"],
      ["chengdu-wuhou-2024", "武侯区", "成都市"],
    ]);
    const justice = await ledger.resolveUnit("区司法局");
    expect(justice.map((u) => u.id).sort()).toEqual(["成都市武侯区:区司法局", "成都市锦江区:区司法局"].sort());
    expect((await ledger.resolveUnit("区司法局", "成都市锦江区")).map((u) => u.id)).toEqual(["成都市锦江区:区司法局"]);

    const jinjiangJustice = unit("成都市锦江区:区司法局");
    const office = officeOf(jinjiangJustice);
    const own = await ledger.checklist({ unitId: jinjiangJustice });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.item.planId === "chengdu-jinjiang-2024")).toBe(true);
    const [theirs] = await ledger.checklist({ planId: wuhou.id, unitId: unit("成都市武侯区:区司法局") });
    if (!theirs) throw new Error("武侯区's 区司法局 has no rows");
    await expect(
      ledger.updateProgress(office, { itemId: theirs.item.id, unitId: theirs.unitId, expectedVersion: 0, patch: { status: "done" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Not as its own unit either: it has no row on 武侯区's items.
    await expect(
      ledger.updateProgress(office, { itemId: theirs.item.id, unitId: jinjiangJustice, expectedVersion: 0, patch: { status: "done" } }),
    ).rejects.toMatchObject({ code: "not_found" });
    const [mine] = own;
    if (!mine) throw new Error("no row");
    expect((await ledger.updateProgress(office, { itemId: mine.item.id, unitId: jinjiangJustice, expectedVersion: 0, patch: { status: "in_progress" } })).version).toBe(1);
    expect((await ledger.getProgress(theirs.item.id, theirs.unitId)).version).toBe(0);

    // An admin assigning 区司法局 on a 武侯区 task gets 武侯区's office, never 锦江区's.
    const unassigned = wuhou.tasks.find((t) => t.number === 1);
    if (!unassigned) throw new Error("no task");
    const changed = await ledger.assignUnits(ADMIN, unassigned.id, { lead: ["区司法局"], responsible: [], replace: true, reason: "调整牵头单位" });
    expect(changed.lead).toEqual(["成都市武侯区:区司法局"]);
  });
});
