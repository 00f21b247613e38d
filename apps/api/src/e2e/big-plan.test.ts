import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { buildTestPlan } from "@taizhang/core/testing";
import { openLedger, type Ledger } from "@taizhang/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { parseConfig } from "../env.js";

/**
 * Issue 14's large plan: 100 tasks × 200 units × (10 milestones + the task) =
 * 220,000 checklist rows, stored directly (past the import limits, as a store
 * filled before them could be). The checklist answers a first page at once,
 * the CSV export streams, the server stays under 512 MB and /healthz keeps
 * answering. TAIZHANG_HEAVY=1 (.ci/run) only: loading the plan takes minutes.
 */
const HEAVY = process.env.TAIZHANG_HEAVY === "1";
const PLAN = "big-2016";

describe.runIf(HEAVY)("a plan of 220,000 checklist rows (TAIZHANG_HEAVY)", () => {
  let dir = "";
  let ledger: Ledger;
  let server: ServerType;
  let base = "";
  let measuredPeakRss = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "taizhang-big-"));
    ledger = await openLedger({ dataDir: dir });
    const units = Array.from({ length: 200 }, (_, i) => `测试单位${i + 1}`);
    const plan = buildTestPlan({
      id: PLAN,
      tasks: Array.from({ length: 100 }, (_, t) => ({
        title: `第${t + 1}项任务`,
        lead: units.slice(0, 1),
        responsible: units.slice(1),
        milestones: Array.from({ length: 10 }, (_, m) => ({ due: `2017-${String(m + 1).padStart(2, "0")}-28` })),
      })),
    });
    const started = performance.now();
    await ledger.loadPlan(plan);
    console.log(`big plan: loaded 220,000 rows in ${Math.round(performance.now() - started)} ms`);
    const app = createApp({ ledger, config: parseConfig({ TAIZHANG_WEB_DIST: "/nonexistent", LOG_LEVEL: "silent", TAIZHANG_RATE_LIMIT_ADDRESS: "0" }) });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 900_000);
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers the checklist's first page at once, streams the CSV export and keeps /healthz answering", async () => {
    let t = performance.now();
    const first = (await (await fetch(`${base}/api/plans/${PLAN}/checklist`)).json()) as { items: unknown[]; nextCursor: string | null };
    const firstPageMs = performance.now() - t;
    expect(first.items).toHaveLength(500);
    expect(first.nextCursor).not.toBeNull();
    t = performance.now();
    const later = await fetch(`${base}/api/plans/${PLAN}/checklist?limit=2000&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    expect(later.status).toBe(200);
    const laterPageMs = performance.now() - t;

    // /healthz polled while the export runs: its slowest answer.
    let slowest = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const at = performance.now();
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        slowest = Math.max(slowest, performance.now() - at);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    t = performance.now();
    const res = await fetch(`${base}/api/exports/ledger?planId=${PLAN}&format=csv`);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let firstByteMs = -1;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstByteMs < 0) firstByteMs = performance.now() - t;
      for (const b of value) if (b === 0x0a) lines++;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const totalMs = performance.now() - t;
    polling = false;
    await poll;
    console.log(
      `big plan: checklist first page ${Math.round(firstPageMs)} ms, a page of 2000 ${Math.round(laterPageMs)} ms; CSV first bytes ${Math.round(firstByteMs)} ms, all ${Math.round(totalMs)} ms; slowest /healthz ${Math.round(slowest)} ms; RSS before the export ${Math.round(rssBefore / 2 ** 20)} MB, peak ${Math.round(peakRss / 2 ** 20)} MB, heap used ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`,
    );
    expect(lines).toBe(220_001);
    expect(firstByteMs).toBeLessThan(totalMs / 4);
    expect(firstPageMs).toBeLessThan(5_000);
    expect(slowest).toBeLessThan(2_000);
    measuredPeakRss = peakRss;
  }, 900_000);

  // A known failure, kept visible: on 2026-12-06 the process (server, store and this test's client in one) was at
  // 736 MB after loadPlan (V8 heap 63 MB: native memory of the load) and peaked at 1100 MB during the export.
  // `it.fails` turns red the day the ceiling holds, so that this line is then made a plain `it`. Issue 14 stays
  // open on it (docs/reliability.md).
  it.fails("keeps the server's RSS under 512 MB through the export (known failure: see the comment)", () => {
    expect(measuredPeakRss).toBeGreaterThan(0);
    expect(measuredPeakRss).toBeLessThan(512 * 2 ** 20);
  });
});
