import { expect } from "vitest";

/** One (item, unit) of 成都's plan that the storm writes, as its progress URL. */
export interface StormTarget {
  path: string;
}

/** A write the server acknowledged with 2xx: the version it answered. */
export interface Ack {
  path: string;
  version: number;
  percent: number;
}

export interface StormResult {
  acks: Ack[];
  /** 412 answers: a stale version, refused as it must be. */
  stale: number;
  /** Requests that got no answer (the server was killed) or a 5xx. */
  lost: number;
  /** Any other status, with its body: these fail the tests that check it. */
  unexpected: Array<{ status: number; body: string }>;
  requests: number;
}

/** The items the storm writes: whole-task items of 成都 task numbers, for one unit. */
export function stormTargets(base: string, unitId: string, tasks: readonly number[]): StormTarget[] {
  return tasks.map((n) => ({ path: `${base}api/progress/chengdu-2015/${n}/task/${encodeURIComponent(unitId)}` }));
}

/**
 * `writers` concurrent clients for `durationMs` (or until `stop()` resolves),
 * each picking items at random (several writers on the same items), reading
 * the version and writing percent = a counter with If-Match. Half the writers
 * reuse the version they last saw without reading again, so stale writes are
 * frequent and must be refused with 412.
 */
export async function writeStorm(targets: readonly StormTarget[], token: string, options: { writers: number; durationMs: number; stop?: Promise<void>; onAck?: (acknowledged: number) => void }): Promise<StormResult> {
  const result: StormResult = { acks: [], stale: 0, lost: 0, unexpected: [], requests: 0 };
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  let stopped = false;
  const end = Date.now() + options.durationMs;
  void options.stop?.then(() => (stopped = true));
  let counter = 0;
  const writer = async (id: number) => {
    const lastSeen = new Map<string, number>();
    while (!stopped && Date.now() < end) {
      const target = targets[Math.floor(Math.random() * targets.length)] as StormTarget;
      try {
        let version = lastSeen.get(target.path);
        if (version === undefined || id % 2 === 0) {
          const read = await fetch(target.path, { headers });
          result.requests++;
          version = Number(JSON.parse(read.headers.get("etag") ?? '"0"'));
        }
        const percent = (++counter % 100) + 1;
        const res = await fetch(target.path, { method: "PATCH", headers: { ...headers, "If-Match": `"${version}"` }, body: JSON.stringify({ percent }) });
        result.requests++;
        const body = await res.text();
        if (res.ok) {
          const progress = JSON.parse(body) as { version: number; percent: number };
          result.acks.push({ path: target.path, version: progress.version, percent: progress.percent });
          options.onAck?.(result.acks.length);
          lastSeen.set(target.path, progress.version);
        } else if (res.status === 412) {
          result.stale++;
          lastSeen.set(target.path, (JSON.parse(body) as { current: { version: number } }).current.version);
        } else if (res.status >= 500) {
          result.lost++;
        } else {
          result.unexpected.push({ status: res.status, body });
        }
      } catch {
        // No answer: the server is gone (killed) or the connection was cut.
        result.lost++;
        if (stopped) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, i) => writer(i)));
  return result;
}

interface HistoryPage {
  items: Array<{ itemId: string; unitId: string; version: number; after: { percent: number } }>;
  nextCursor: string | null;
}

/** Every history entry of the storm's items, following the pages. */
export async function historyOf(base: string, token: string, itemIds: readonly string[]): Promise<HistoryPage["items"]> {
  const all: HistoryPage["items"] = [];
  for (const itemId of itemIds) {
    let cursor: string | null = null;
    do {
      const q = new URLSearchParams({ itemId, limit: "500", ...(cursor ? { cursor } : {}) });
      const res = await fetch(`${base}api/history?${q}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as HistoryPage;
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return all;
}

/**
 * What the store must show after the storm: every acknowledged write is in
 * history with its version and percent, each (item, unit) has exactly one
 * history row per accepted version 1..n with no gaps or repeats (versions
 * strictly increase), and the stored version is the highest one.
 */
export async function expectNothingLost(base: string, token: string, targets: readonly StormTarget[], acks: readonly Ack[], unitId: string): Promise<{ historyRows: number }> {
  const itemIds = targets.map((t) => decodeURIComponent(t.path).replace(/^.*\/api\/progress\/(.+)\/(\d+)\/task\/.*$/, "$1/$2#task"));
  const history = (await historyOf(base, token, itemIds)).filter((h) => h.unitId === unitId);
  for (const target of targets) {
    const itemId = decodeURIComponent(target.path).replace(/^.*\/api\/progress\/(.+)\/(\d+)\/task\/.*$/, "$1/$2#task");
    const versions = history.filter((h) => h.itemId === itemId).map((h) => h.version).sort((a, b) => a - b);
    expect(versions, itemId).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    const stored = (await (await fetch(target.path, { headers: { Authorization: `Bearer ${token}` } })).json()) as { version: number };
    expect(stored.version, itemId).toBe(versions.length);
  }
  for (const ack of acks) {
    const itemId = decodeURIComponent(ack.path).replace(/^.*\/api\/progress\/(.+)\/(\d+)\/task\/.*$/, "$1/$2#task");
    const entry = history.find((h) => h.itemId === itemId && h.version === ack.version);
    expect(entry, `acknowledged ${itemId} v${ack.version}`).toBeDefined();
    expect(entry?.after.percent).toBe(ack.percent);
  }
  return { historyRows: history.length };
}
