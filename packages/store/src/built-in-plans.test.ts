import { builtInPlans, deriveChecklist } from "@taizhang/core";
import { afterEach, describe, expect, it } from "vitest";
import { loadBuiltInPlans } from "./built-in-plans.js";
import type { Ledger } from "./ledger.js";
import { openLedger } from "./open-ledger.js";

describe("loadBuiltInPlans", () => {
  let ledger: Ledger;
  afterEach(async () => ledger.close());

  it("loads every built-in plan once, and nothing on a second start", async () => {
    ledger = await openLedger({ memory: true });
    const first = await loadBuiltInPlans(ledger);
    expect(first.map((r) => r.action)).toEqual(builtInPlans.map(() => "inserted"));
    expect((await ledger.listPlans()).map((p) => p.id).sort()).toEqual(builtInPlans.map((p) => p.id).sort());
    for (const plan of builtInPlans) {
      expect(await ledger.getPlan(plan.id)).toEqual(plan);
      const rows = deriveChecklist(plan).reduce((n, item) => n + item.assignments.length, 0);
      expect(await ledger.checklist({ planId: plan.id })).toHaveLength(rows);
    }
    const second = await loadBuiltInPlans(ledger);
    expect(second.map((r) => r.action)).toEqual(builtInPlans.map(() => "unchanged"));
  });
});
