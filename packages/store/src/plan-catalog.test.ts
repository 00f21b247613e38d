import { builtInPlans } from "@taizhang/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import type { Ledger } from "./ledger.js";
import { PlanCatalog } from "./plan-catalog.js";
import { testBackends } from "./test-support/backends.js";

const backends = await testBackends();

/** The ledger, counting planRevisions calls (each one reads every plan's revision). */
function counting(ledger: Ledger): { ledger: Ledger; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(ledger, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (name === "planRevisions") reads++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ledger: proxy, reads: () => reads };
}

describe.each(backends)("PlanCatalog on $name", (backend) => {
  const open: KyselyLedger[] = [];
  beforeAll(() => backend.setUp());
  afterEach(async () => {
    for (const l of open.splice(0)) await l.close();
  });
  afterAll(() => backend.tearDown());

  it("reads the plans' revisions only when the store's data changed, and shares a refresh between concurrent views", async () => {
    const ledger = await backend.open();
    open.push(ledger);
    await ledger.loadPlan(fixturePlan());
    const { ledger: counted, reads } = counting(ledger);
    const catalog = new PlanCatalog(counted);
    const views = await Promise.all([catalog.view(), catalog.view(), catalog.view()]);
    expect(views[0]?.plans.map((p) => p.id)).toEqual([fixturePlan().id]);
    expect(reads()).toBe(1);
    await catalog.view();
    await catalog.view();
    expect(reads()).toBe(1);
    await ledger.loadPlan(fixturePlan((p) => void (p.title = "改过的标题")));
    expect((await catalog.view()).plans[0]?.title).toBe("改过的标题");
    expect(reads()).toBe(2);
  });

  it.runIf(backend.shareable)("sees a plan another connection loads on the next view", async () => {
    const ledger = await backend.open();
    const other = await backend.open({ shared: true });
    open.push(ledger, other);
    await ledger.loadPlan(fixturePlan());
    const catalog = new PlanCatalog(ledger);
    expect((await catalog.view()).plans).toHaveLength(1);
    const chengdu = builtInPlans.find((p) => p.id === "chengdu-2015");
    if (!chengdu) throw new Error("no built-in chengdu-2015");
    await other.loadPlan(chengdu);
    expect((await catalog.view()).plans.map((p) => p.id)).toEqual([chengdu.id, fixturePlan().id].sort());
  });
});
