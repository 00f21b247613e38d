import { openLedger } from "@taizhang/store";
import type { ChecklistItemId, PlanId, TaskId, UnitId } from "@taizhang/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chengduPlan, FIXTURE_AS_OF, hohhotPlan } from "../test-support/fixture-plans.js";
import { LocalDataSource } from "./local-data-source.js";

let ds: LocalDataSource;

beforeEach(async () => {
  const ledger = await openLedger({ memory: true, clock: () => new Date("2016-11-01T04:00:00Z") });
  await ledger.loadPlan(chengduPlan);
  await ledger.loadPlan(hohhotPlan);
  ds = new LocalDataSource(ledger, ":memory:", { name: "tui", role: "admin", unitId: null, source: "tui" });
});
afterEach(() => ds.close());

const item = (s: string) => s as ChecklistItemId;
const unit = (s: string) => s as UnitId;

describe("LocalDataSource over the real store", () => {
  it("lists plans and tasks, with filters resolved from unit names and aliases", async () => {
    const plans = await ds.listPlans();
    expect(plans.ok && plans.value.map((p) => p.id).sort()).toEqual(["chengdu-2015", "hohhot-2015"]);
    const byAlias = await ds.listTasks({ unit: "市审改办" }, FIXTURE_AS_OF);
    expect(byAlias.ok && byAlias.value.map((t) => t.id)).toEqual(["chengdu-2015/1"]);
    const overdue = await ds.listTasks({ planId: "chengdu-2015" as PlanId, overdue: true }, FIXTURE_AS_OF);
    expect(overdue.ok && overdue.value.map((t) => t.id)).toEqual(["chengdu-2015/1"]);
    const text = await ds.listTasks({ text: "行政复议" }, FIXTURE_AS_OF);
    expect(text.ok && text.value.map((t) => t.id)).toEqual(["chengdu-2015/3"]);
  });

  it("searches with core's index, best first, within a plan", async () => {
    const hits = await ds.search("行政复议");
    expect(hits.ok && hits.value[0]?.id).toBe("chengdu-2015/3");
    const none = await ds.search("行政复议", { planId: "hohhot-2015" as PlanId });
    expect(none.ok && none.value).toEqual([]);
  });

  it("reads the current version and writes with it; a stale version is a conflict with the current state", async () => {
    const first = await ds.updateProgress({ itemId: item("chengdu-2015/3#m1"), unitId: unit("成都市:市政府法制办"), patch: { status: "in_progress" } });
    expect(first.ok && first.value.version).toBe(1);
    const stale = await ds.updateProgress({
      itemId: item("chengdu-2015/3#m1"),
      unitId: unit("成都市:市政府法制办"),
      expectedVersion: 0,
      patch: { status: "done" },
    });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.kind).toBe("conflict");
      expect(stale.error.current?.status).toBe("in_progress");
    }
    const detail = await ds.getTask("chengdu-2015/3" as TaskId);
    expect(detail.ok).toBe(true);
    if (detail.ok) {
      expect(detail.value.history).toHaveLength(1);
      expect(detail.value.history[0]).toMatchObject({ actor: "tui", source: "tui", after: { status: "in_progress" } });
      expect(detail.value.rows.find((r) => r.itemId === "chengdu-2015/3#m1" && r.unitId === "成都市:市政府法制办")?.progress.version).toBe(1);
    }
  });

  it("answers unknown ids and names with not_found, never a throw", async () => {
    const task = await ds.getTask("chengdu-2015/99" as TaskId);
    expect(!task.ok && task.error.kind).toBe("not_found");
    const u = await ds.resolveUnit("不存在的单位");
    expect(!u.ok && u.error.kind).toBe("not_found");
    const write = await ds.updateProgress({ itemId: item("chengdu-2015/3#m9"), unitId: unit("成都市:市政府法制办"), patch: { status: "done" } });
    expect(!write.ok && write.error.kind).toBe("not_found");
  });

  it("refuses a viewer's write as forbidden", async () => {
    const ledger = await openLedger({ memory: true });
    await ledger.loadPlan(chengduPlan);
    const viewer = new LocalDataSource(ledger, ":memory:", { name: "viewer", role: "viewer", unitId: null, source: "tui" });
    const write = await viewer.updateProgress({ itemId: item("chengdu-2015/3#m1"), unitId: unit("成都市:市政府法制办"), patch: { status: "done" } });
    expect(!write.ok && write.error.kind).toBe("forbidden");
    await viewer.close();
  });

  it("reports a closed store as unavailable", async () => {
    await ds.close();
    const plans = await ds.listPlans();
    expect(!plans.ok && plans.error.kind).toBe("unavailable");
    const ledger = await openLedger({ memory: true });
    ds = new LocalDataSource(ledger, ":memory:", { name: "tui", role: "admin", unitId: null, source: "tui" });
  });
});
