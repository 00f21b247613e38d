import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, item, officeOf, task, unit } from "./test-support/ids.js";

const backends = await testBackends();
const LEGAL = unit(UNIT_LEGAL);

describe.each(backends)("dataRevision on $name", (backend) => {
  const open: KyselyLedger[] = [];
  beforeAll(() => backend.setUp());
  afterEach(async () => {
    for (const l of open.splice(0)) await l.close();
  });
  afterAll(() => backend.tearDown());

  async function loaded(): Promise<KyselyLedger> {
    const ledger = await backend.open();
    open.push(ledger);
    await ledger.loadPlan(fixturePlan());
    return ledger;
  }

  it("stays the same across reads and changes with every kind of write this process makes", async () => {
    const ledger = await loaded();
    const seen = new Set<string>();
    const expectNew = async () => {
      const revision = await ledger.dataRevision();
      expect(seen.has(revision), `revision ${revision} seen before`).toBe(false);
      seen.add(revision);
      // Reads leave it alone.
      await ledger.listTasks({}, { limit: 5 });
      await ledger.checklist({ unitId: LEGAL });
      expect(await ledger.dataRevision()).toBe(revision);
    };
    await expectNew();
    await ledger.updateProgress(officeOf(LEGAL), { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 0, patch: { percent: 10 } });
    await expectNew();
    await ledger.bulkUpdateProgress(officeOf(LEGAL), [{ itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 1, patch: { percent: 20 } }]);
    await expectNew();
    await ledger.assignUnits(ADMIN, task(3), { lead: ["市财政局"], responsible: [] });
    await expectNew();
    await ledger.loadPlan(fixturePlan((p) => void (p.title = `${p.title}（修订）`)));
    await expectNew();
    // A refused write changes nothing, but may change the revision: never the other way round.
    await expect(
      ledger.updateProgress(officeOf(LEGAL), { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 0, patch: { percent: 30 } }),
    ).rejects.toThrow();
    expect(seen.size).toBe(5);
  });

  it("answers concurrent callers alike, and a write that settled before a call is always in its answer", async () => {
    const ledger = await loaded();
    const answers = await Promise.all(Array.from({ length: 20 }, () => ledger.dataRevision()));
    expect(new Set(answers).size).toBe(1);
    for (let i = 0; i < 5; i++) {
      const before = ledger.dataRevision();
      await ledger.updateProgress(officeOf(LEGAL), { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: i, patch: { percent: i + 1 } });
      const after = await ledger.dataRevision();
      expect(after).not.toBe(await before);
    }
  });

  it.runIf(backend.shareable)("changes when another connection to the same store commits", async () => {
    const ledger = await loaded();
    const other = await backend.open({ shared: true });
    open.push(other);
    const before = await ledger.dataRevision();
    expect(await ledger.dataRevision()).toBe(before);
    await other.updateProgress(officeOf(LEGAL), { itemId: item(1, "m2"), unitId: LEGAL, expectedVersion: 0, patch: { status: "in_progress" } });
    const after = await ledger.dataRevision();
    expect(after).not.toBe(before);
    expect((await ledger.getProgress(item(1, "m2"), LEGAL)).status).toBe("in_progress");
    expect(await ledger.dataRevision()).toBe(after);
    // Raw SQL through another connection counts too (a tool, an operator's fix).
    await other.db.updateTable("progress").set({ note: "改" }).where("item_id", "=", item(1, "m2")).execute();
    expect(await ledger.dataRevision()).not.toBe(after);
  });
});
