import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { loadBuiltInPlans, openLedger, SQLITE_FILE_NAME, type Ledger } from "@taizhang/store";
import Database from "libsql";
import { Hono } from "hono";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { createApp } from "./app.js";
import { CACHED_ROUTES, pathAndQuery, responseCache, UNCACHED_ROUTES } from "./response-cache.js";
import type { AppEnv } from "./app-env.js";
import { asCaller, captureLog, createTestApp, progressPath, testConfig, TEST_NOW, UNIT_A, type TestApp } from "./test-support/test-app.js";

const CHECKLIST = `/api/units/${encodeURIComponent(UNIT_A)}/checklist`;
const TASKS = "/api/tasks?planId=chengdu-2015&limit=5";

/** The ledger with a count of calls per method, to see which requests reached the store. */
function counting(ledger: Ledger): { ledger: Ledger; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(ledger, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== "function" || typeof name !== "string") return value;
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { ledger: proxy, calls };
}

async function patchNote(app: TestApp["app"], token: string, note: string): Promise<void> {
  const current = await app.request(progressPath(UNIT_A));
  const res = await app.request(progressPath(UNIT_A), {
    method: "PATCH",
    headers: asCaller(token, { "If-Match": current.headers.get("etag") ?? "" }),
    body: JSON.stringify({ note }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe("the response cache", () => {
  let t: TestApp;
  let now: Date;
  let app: TestApp["app"];
  let calls: Map<string, number>;
  beforeEach(async () => {
    t = await createTestApp();
    now = TEST_NOW;
    const counted = counting(t.ledger);
    calls = counted.calls;
    app = createApp({ ledger: counted.ledger, config: testConfig(), clock: () => now, logger: captureLog().logger });
  });
  afterEach(() => t.close());

  test("answers a repeated read from memory, byte for byte, in the encoding asked for", async () => {
    const first = await app.request(TASKS);
    const body = await first.text();
    expect(first.status).toBe(200);
    expect(calls.get("listTasks")).toBe(1);
    const again = await app.request(TASKS);
    expect(await again.text()).toBe(body);
    expect(calls.get("listTasks")).toBe(1);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(again.headers.get("content-security-policy")).toBeTruthy();
    // Each encoding is its own entry, and decodes to the same JSON.
    for (const [encoding, decode] of [
      ["br", brotliDecompressSync],
      ["gzip", gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await app.request(CHECKLIST, { headers: { "Accept-Encoding": encoding } });
        expect(res.headers.get("content-encoding")).toBe(encoding);
        expect(res.headers.get("vary")).toMatch(/Accept-Encoding/i);
        const plain = await (await app.request(CHECKLIST)).text();
        expect(decode(Buffer.from(await res.arrayBuffer())).toString()).toBe(plain);
      }
    }
    expect(calls.get("checklistPage")).toBe(3);
  });

  test("never answers with data older than the store's: a write through the API is seen at once", async () => {
    const before = await (await app.request(CHECKLIST)).json();
    await patchNote(app, t.tokens.officeA, "已印发实施方案");
    const after = (await (await app.request(CHECKLIST)).json()) as { items: Array<{ progress: { note: string | null } }> };
    expect(after).not.toEqual(before);
    expect(after.items.some((i) => i.progress.note === "已印发实施方案")).toBe(true);
  });

  test("answers made for the current time are reused for a second; those for a named asOf until the data changes", async () => {
    const at = async (path: string) => (await (await app.request(path)).json()) as { asOf: string };
    const first = await at(CHECKLIST);
    expect(first.asOf).toBe(TEST_NOW.toISOString());
    now = new Date(TEST_NOW.getTime() + 999);
    expect((await at(CHECKLIST)).asOf).toBe(TEST_NOW.toISOString());
    now = new Date(TEST_NOW.getTime() + 1000);
    expect((await at(CHECKLIST)).asOf).toBe(now.toISOString());
    expect(calls.get("checklistPage")).toBe(2);

    const named = `${CHECKLIST}?asOf=2021-01-05`;
    await at(named);
    now = new Date(TEST_NOW.getTime() + 3_600_000);
    await at(named);
    expect(calls.get("checklistPage")).toBe(3);
  });

  test("If-None-Match with the answer's ETag gets 304 without a body, until the answer changes", async () => {
    const first = await app.request(TASKS);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const same = await app.request(TASKS, { headers: { "If-None-Match": etag } });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    expect(same.headers.get("etag")).toBe(etag);
    await patchNote(app, t.tokens.officeA, "改");
    // The task list does not show notes, but any write counts as a change: a fresh answer, the same tag.
    const after = await app.request(TASKS, { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(304);
    const checklist = await app.request(CHECKLIST);
    await patchNote(app, t.tokens.officeA, "再改");
    const changed = await app.request(CHECKLIST, { headers: { "If-None-Match": checklist.headers.get("etag") ?? "" } });
    expect(changed.status).toBe(200);
  });

  test("keeps only 200 JSON answers: errors are made each time", async () => {
    const missing = `/api/units/${encodeURIComponent("成都市:没有这个单位")}/checklist`;
    for (let i = 0; i < 2; i++) expect((await app.request(missing)).status).toBe(404);
    expect(calls.get("resolveUnit")).toBe(2);
  });

  test("concurrent requests for the same missing answer share one computation", async () => {
    const bodies = await Promise.all(Array.from({ length: 20 }, async () => (await app.request(TASKS)).text()));
    expect(new Set(bodies).size).toBe(1);
    expect(calls.get("listTasks")).toBe(1);
  });

  test("authentication and rate limits still apply to every request", async () => {
    const locked = createApp({
      ledger: t.ledger,
      config: testConfig({ readRequiresToken: true, rateLimitToken: 3 }),
      clock: () => now,
      logger: captureLog().logger,
    });
    expect((await locked.request(TASKS, { headers: asCaller(t.tokens.viewer) })).status).toBe(200);
    expect((await locked.request(TASKS)).status).toBe(401);
    expect((await locked.request(TASKS, { headers: asCaller(t.tokens.viewer) })).status).toBe(200);
    expect((await locked.request(TASKS, { headers: asCaller(t.tokens.viewer) })).status).toBe(200);
    const limited = await locked.request(TASKS, { headers: asCaller(t.tokens.viewer) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });

  test("0 turns it off", async () => {
    const off = counting(t.ledger);
    const none = createApp({ ledger: off.ledger, config: testConfig({ responseCacheBytes: 0 }), clock: () => now, logger: captureLog().logger });
    for (let i = 0; i < 3; i++) await none.request(TASKS);
    expect(off.calls.get("listTasks")).toBe(3);
    expect(off.calls.get("dataRevision")).toBeUndefined();
  });

  test("every GET route of the API is either cached or listed with the reason it is not", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths)
      .filter(([, ops]) => "get" in ops)
      .map(([path]) => path)
      .filter((path) => path.startsWith("/api/"))
      .sort();
    expect(gets).toEqual([...CACHED_ROUTES, ...Object.keys(UNCACHED_ROUTES)].sort());
  });
});

describe("the middleware on its own", () => {
  test("keys answers by path and query as sent, whatever the host", () => {
    expect(pathAndQuery("http://127.0.0.1:8787/api/tasks?theme=oversight&limit=50")).toBe("/api/tasks?theme=oversight&limit=50");
    expect(pathAndQuery("https://ledger.example.gov.cn/api/units/%E6%88%90/checklist")).toBe("/api/units/%E6%88%90/checklist");
    expect(pathAndQuery("http://localhost")).toBe("/");
  });

  /** An app whose one route answers `size` bytes of JSON for a path, over a fake store revision. */
  function tiny(maxBytes: number) {
    let revision = "r1";
    let made = 0;
    const cache = responseCache({ maxBytes, threshold: 1 << 30 });
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set("ledger", { dataRevision: () => Promise.resolve(revision) } as unknown as Ledger);
        c.set("clock", () => TEST_NOW);
        await next();
      })
      .use(cache)
      .get("/api/plans/:planId", (c) => (made++, c.json({ id: c.req.param("planId"), pad: "x".repeat(1000) })));
    return { app, cache, made: () => made, bump: (r: string) => void (revision = r) };
  }

  test("stays within its size, dropping the least recently used answer first", async () => {
    // Each answer takes about 1,040 bytes with its key: four fit.
    const { app, cache, made } = tiny(4500);
    for (const id of ["a", "b", "c", "d"]) await app.request(`/api/plans/${id}`);
    expect(cache.stats()).toMatchObject({ entries: 4, misses: 4 });
    await app.request("/api/plans/a"); // a is now the most recently used
    await app.request("/api/plans/e"); // over the size: b goes
    expect(cache.stats().entries).toBe(4);
    expect(cache.stats().bytes).toBeLessThanOrEqual(4500);
    const before = made();
    for (const id of ["a", "c", "d", "e"]) await app.request(`/api/plans/${id}`);
    expect(made()).toBe(before);
    await app.request("/api/plans/b");
    expect(made()).toBe(before + 1);
  });

  test("an answer bigger than a quarter of the size is sent but not kept", async () => {
    const { app, cache } = tiny(2000);
    expect((await app.request("/api/plans/a")).status).toBe(200);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  test("a new store revision makes every answer anew", async () => {
    const { app, made, bump } = tiny(1 << 20);
    await app.request("/api/plans/a");
    await app.request("/api/plans/a");
    expect(made()).toBe(1);
    bump("r2");
    await app.request("/api/plans/a");
    expect(made()).toBe(2);
  });
});

describe("with another connection writing to the same store", () => {
  const pgUrl = process.env.TAIZHANG_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const dirs: string[] = [];
  const open: Ledger[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const l of open) await l.close();
    if (schemas.length > 0) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function pgReachable(): Promise<boolean> {
    const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      return true;
    } catch (error) {
      if (process.env.CI) throw error;
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A ledger, and a raw connection of its own to the same store that runs one statement (an operator's fix, another process). */
  type RawWrite = (statement: string, params: unknown[]) => Promise<void>;
  const stores: Array<[string, () => Promise<[Ledger, RawWrite] | null>]> = [
    [
      "SQLite file",
      async () => {
        const dir = mkdtempSync(join(tmpdir(), "taizhang-cache-"));
        dirs.push(dir);
        const served = await openLedger({ dataDir: dir });
        const raw = new Database(join(dir, SQLITE_FILE_NAME));
        return [served, async (statement, params) => void raw.prepare(statement).run(...params)];
      },
    ],
    [
      "PostgreSQL",
      async () => {
        if (!(await pgReachable())) return null;
        const schema = `cache_${randomBytes(4).toString("hex")}`;
        schemas.push(schema);
        const served = await openLedger({ databaseUrl: pgUrl, schema });
        return [
          served,
          async (statement, params) => {
            const client = new pg.Client({ connectionString: pgUrl });
            await client.connect();
            try {
              await client.query(`set search_path to ${schema}`);
              let n = 0;
              await client.query(statement.replace(/\?/g, () => `$${++n}`), params);
            } finally {
              await client.end();
            }
          },
        ];
      },
    ],
  ];

  test.each(stores)("%s: the other connection's commit is seen by the next request", async (_name, make) => {
    const pair = await make();
    if (!pair) return;
    const [served, rawWrite] = pair;
    open.push(served);
    await loadBuiltInPlans(served);
    const app = createApp({ ledger: served, config: testConfig(), logger: captureLog().logger });
    const path = `${CHECKLIST}?asOf=2021-01-05`;
    const notes = async () =>
      ((await (await app.request(path)).json()) as { items: Array<{ itemId?: string; progress: { note: string | null } }> }).items.map((i) => i.progress.note);
    expect(await notes()).not.toContain("另一进程写入");
    expect(await notes()).toEqual(await notes());
    // Raw SQL from the other connection, as an operator's fix or another process would commit it.
    await rawWrite("update progress set note = ? where unit_id = ?", ["另一进程写入", UNIT_A]);
    expect(new Set(await notes())).toEqual(new Set(["另一进程写入"]));
  });
});
