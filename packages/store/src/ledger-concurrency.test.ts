import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { UnitId } from "@taizhang/core";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_DEVREFORM, UNIT_FINANCE, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError, type ProgressUpdate } from "./ledger.js";
import { openLedger, SQLITE_FILE_NAME } from "./open-ledger.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, item, PLAN } from "./test-support/ids.js";

const backends = await testBackends();

describe.each(backends)("concurrent writers on $name", (backend) => {
  const open: KyselyLedger[] = [];
  beforeAll(() => backend.setUp());
  afterEach(async () => {
    for (const ledger of open.splice(0)) await ledger.close();
  });
  afterAll(() => backend.tearDown());

  /** Two connections to one store where the backend allows it (two processes, in effect), else one. */
  async function connections(): Promise<[KyselyLedger, KyselyLedger]> {
    const first = await backend.open();
    open.push(first);
    await first.loadPlan(fixturePlan());
    if (!backend.shareable) return [first, first];
    const second = await backend.open({ shared: true });
    open.push(second);
    return [first, second];
  }

  it.runIf(backend.shareable)("lets two connections write at once without a busy failure", async () => {
    const [a, b] = await connections();
    const rows = (await a.checklist({ planId: PLAN })).map((r) => ({ itemId: r.item.id, unitId: r.unitId }));
    const writesPerRow = 5;
    await Promise.all(
      rows.map(async (row, lane) => {
        const ledger = lane % 2 === 0 ? a : b;
        for (let version = 0; version < writesPerRow; version += 1) {
          await ledger.updateProgress(ADMIN, { ...row, expectedVersion: version, patch: { percent: version * 10 + lane } });
        }
      }),
    );
    const after = await b.checklist({ planId: PLAN });
    expect(after.map((r) => r.progress.version)).toEqual(rows.map(() => writesPerRow));
    expect((await a.history({ planId: PLAN })).total).toBe(rows.length * writesPerRow);
  });

  it("never loses an update when fresh and stale writers race (property)", async () => {
    const [a, b] = await connections();
    const targets: Array<{ itemId: ProgressUpdate["itemId"]; unitId: UnitId }> = [
      { itemId: item(1, "m1"), unitId: UNIT_LEGAL as UnitId },
      { itemId: item(1, "m2"), unitId: UNIT_FINANCE as UnitId },
      { itemId: item(2, "task"), unitId: UNIT_DEVREFORM as UnitId },
    ];
    const writer = fc.record({ staleBy: fc.nat({ max: 3 }), percent: fc.integer({ min: 0, max: 100 }), second: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: targets.length - 1 }), fc.array(fc.array(writer, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }), async (which, rounds) => {
        const target = targets[which];
        if (!target) throw new Error("no such target");
        const start = (await a.getProgress(target.itemId, target.unitId)).version;
        const accepted: Array<{ version: number; percent: number }> = [];
        let version = start;
        for (const round of rounds) {
          const outcomes = await Promise.allSettled(
            round.map((w) =>
              (w.second ? b : a).updateProgress(ADMIN, {
                ...target,
                expectedVersion: Math.max(0, version - w.staleBy),
                patch: { percent: w.percent },
              }),
            ),
          );
          const fresh = round.filter((w) => Math.max(0, version - w.staleBy) === version).length;
          const wins = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
          for (const o of outcomes) {
            if (o.status === "rejected") {
              expect(o.reason).toBeInstanceOf(LedgerError);
              expect((o.reason as LedgerError).code).toBe("stale_version");
            }
          }
          // Of the writers that saw the current version exactly one wins; stale writers never do.
          expect(wins).toHaveLength(fresh > 0 ? 1 : 0);
          for (const won of wins) {
            expect(won.version).toBe(version + 1);
            accepted.push({ version: won.version, percent: won.percent });
            version = won.version;
          }
        }
        const history = await a.history({ itemId: target.itemId, unitId: target.unitId, limit: 500 });
        const mine = history.items.filter((h) => h.version > start).reverse();
        expect(mine.map((h) => ({ version: h.version, percent: h.after.percent }))).toEqual(accepted);
        const final = await b.getProgress(target.itemId, target.unitId);
        expect(final.version).toBe(version);
        expect(final.percent).toBe(mine.at(-1)?.after.percent ?? final.percent);
      }),
      { numRuns: backend.name === "postgresql" ? 15 : 30 },
    );
  });
});

describe("another process holding the SQLite write lock", () => {
  it("makes writers wait and retry, not fail with SQLITE_BUSY", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-lock-"));
    const ledger = await openLedger({ dataDir: dir });
    try {
      await ledger.loadPlan(fixturePlan());
      const rows = (await ledger.checklist({ planId: PLAN })).map((r) => ({ itemId: r.item.id, unitId: r.unitId }));
      // Holds the lock 150 ms at a time (three times the busy timeout), 30 ms apart, ten times.
      const holder = fork(fileURLToPath(new URL("./test-support/lock-holder.mjs", import.meta.url)), [join(dir, SQLITE_FILE_NAME), "150", "30", "10"]);
      const exited = new Promise<number | null>((resolve) => holder.on("exit", resolve));
      await new Promise<void>((resolve) => holder.once("message", () => resolve()));
      await Promise.all(
        rows.map(async (row) => {
          for (let version = 0; version < 3; version += 1) {
            await ledger.updateProgress(ADMIN, { ...row, expectedVersion: version, patch: { percent: version } });
          }
        }),
      );
      expect(await exited).toBe(0);
      expect((await ledger.history({ planId: PLAN })).total).toBe(rows.length * 3);
    } finally {
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
