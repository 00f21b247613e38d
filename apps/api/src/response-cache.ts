import { createHash } from "node:crypto";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { LRUCache } from "lru-cache";
import type { AppEnv } from "./app-env.js";
import { chooseEncoding, compressBody, varyOnAcceptEncoding } from "./compression.js";

/**
 * The read routes whose answer is a function of the URL, the stored data and,
 * when the request names no `asOf`, the time: nothing about the caller. Every
 * other GET route is listed in {@link UNCACHED_ROUTES} with the reason, and a
 * test checks that every GET route of the OpenAPI document is in one list.
 */
export const CACHED_ROUTES = [
  "/api/plans",
  "/api/plans/{planId}",
  "/api/plans/{planId}/checklist",
  "/api/plans/{planId}/report",
  "/api/plans/{planId}/regional-report",
  "/api/tasks",
  "/api/tasks/{planId}/{number}",
  "/api/tasks/{planId}/{number}/counterparts",
  "/api/units",
  "/api/units/{unitId}",
  "/api/units/{unitId}/checklist",
  "/api/reports/progress",
  "/api/reports/deadlines",
  "/api/history",
  "/api/history/plans/{planId}",
  "/api/history/units/{unitId}",
  "/api/history/tasks/{planId}/{number}",
  "/api/history/items/{planId}/{number}/{item}",
  "/api/history/assignments",
  "/api/search",
  "/api/themes",
  "/api/themes/matrix",
] as const;

export const UNCACHED_ROUTES: Record<string, string> = {
  "/api/session": "the caller's own session",
  "/api/tokens": "admin only, and cheap",
  "/api/tasks/{planId}/{number}/orphaned": "admin only: a task's orphaned progress rows",
  "/api/progress/{planId}/{number}/{item}/{unitId}": "carries the row's version as its ETag for If-Match; one indexed read",
  "/api/exports/ledger": "files (xlsx, CSV, calendars) streamed with their own names",
  "/api/progress/{planId}/{number}/{item}/{unitId}/evidence/{sha256}": "files of up to 20 MB with their own ETag (the sha256) and 304s",
};

/** OpenAPI paths (`{name}` for one segment) as one pattern over request paths. */
function routePattern(paths: readonly string[]): RegExp {
  const alternatives = paths.map((p) => p.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+"));
  return new RegExp(`^(?:${alternatives.join("|")})$`);
}
const CACHED = routePattern(CACHED_ROUTES);

/** Headers of an answer that belong to its body; the rest (request id, rate limits, security headers) are the request's. */
const KEPT_HEADERS = ["content-type", "content-language", "cache-control", "vary"];

interface Entry {
  /** The store's data revision read before the answer was made. */
  revision: string;
  /** For answers made for "now" (no asOf): when they stop being reused (clock ms); null: while the data is unchanged. */
  expiresAt: number | null;
  /** Those of {@link KEPT_HEADERS} the answer had, its Vary, weak ETag and, when compressed, Content-Encoding. */
  headers: Record<string, string> & { etag: string; vary: string };
  body: Uint8Array;
}

export interface ResponseCacheOptions {
  /** Bytes of answers to keep, all routes and encodings together; 0 turns the cache off. */
  maxBytes: number;
  /** How long an answer made for the current time (no asOf in the request) is reused. Default 1 s. */
  nowTtlMs?: number;
  /** Bodies under this many bytes are kept uncompressed (as the compression middleware sends them). Default 1 KB. */
  threshold?: number;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

/**
 * Keeps the finished (compressed) answers of the read routes in
 * {@link CACHED_ROUTES} and sends them again while the store's data revision
 * (`Ledger.dataRevision`: this process's writes and any other connection's
 * commits) is unchanged: a cached answer is never older than the data it was
 * asked about. Answers computed for the current time are reused for at most
 * `nowTtlMs`; their `asOf` says when they were computed. Concurrent requests
 * for the same missing answer wait for one computation. Each answer gets a
 * weak ETag, and `If-None-Match` is answered with 304.
 *
 * Mounted after authentication and rate limiting, so both still apply to
 * every request; only 200 JSON answers without cookies are kept, bounded by
 * `maxBytes` (least recently used first out).
 */
export function responseCache(options: ResponseCacheOptions) {
  const ttl = options.nowTtlMs ?? 1000;
  const threshold = options.threshold ?? 1024;
  // Least recently used out, bounded by bytes; an answer over a quarter of the budget is not kept.
  const entries = new LRUCache<string, Entry>({
    maxSize: Math.max(1, options.maxBytes),
    maxEntrySize: Math.max(1, Math.floor(options.maxBytes / 4)),
    sizeCalculation: (entry, key) => entry.body.byteLength + key.length,
  });
  // Requests waiting for the same missing answer: one computation (it runs the route in the first request's context).
  const pending = new Map<string, { revision: string; entry: Promise<Entry | null> }>();
  const stats: Omit<ResponseCacheStats, "entries" | "bytes"> = { hits: 0, misses: 0 };

  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    if (options.maxBytes <= 0 || c.req.method !== "GET" || !CACHED.test(c.req.path)) return next();
    const encoding = chooseEncoding(c.req.header("Accept-Encoding"));
    const key = `${encoding ?? "identity"} ${pathAndQuery(c.req.url)}`;
    const clock = c.var.clock;
    const revision = await c.var.ledger.dataRevision();
    const usable = (entry: Entry | null | undefined): entry is Entry =>
      entry != null && entry.revision === revision && (entry.expiresAt === null || clock().getTime() < entry.expiresAt);

    let entry: Entry | null | undefined = entries.get(key);
    if (!usable(entry)) {
      const waiting = pending.get(key);
      entry = waiting?.revision === revision ? await waiting.entry : null;
    }
    if (usable(entry)) {
      stats.hits++;
      return send(c, entry);
    }

    stats.misses++;
    let settle: (entry: Entry | null) => void = () => undefined;
    const made = new Promise<Entry | null>((resolve) => (settle = resolve));
    pending.set(key, { revision, entry: made });
    let fresh: Entry | null = null;
    try {
      // Whether the answer read the clock (a request without asOf): then it is only good for a moment.
      let readClock = false;
      c.set("clock", () => ((readClock = true), clock()));
      await next();
      fresh = await capture(c, revision, readClock ? clock().getTime() + ttl : null, encoding, threshold);
      if (fresh) entries.set(key, fresh);
    } finally {
      settle(fresh);
      if (pending.get(key)?.entry === made) pending.delete(key);
    }
    if (fresh) return send(c, fresh);
  });
  return Object.assign(middleware, { stats: (): ResponseCacheStats => ({ ...stats, bytes: entries.calculatedSize, entries: entries.size }) });
}

/** The path and query of a request URL as sent (`http://host/path?q` → `/path?q`), without parsing it. */
export function pathAndQuery(url: string): string {
  const slash = url.indexOf("/", url.indexOf("//") + 2);
  return slash === -1 ? "/" : url.slice(slash);
}

/** The answer as an entry when it may be kept: 200, JSON, no cookie, not marked no-store. */
async function capture(c: Context<AppEnv>, revision: string, expiresAt: number | null, encoding: "br" | "gzip" | null, threshold: number): Promise<Entry | null> {
  const res = c.res;
  const type = res.headers.get("Content-Type") ?? "";
  if (res.status !== 200 || !/^application\/json\b/i.test(type) || res.headers.has("Set-Cookie") || res.headers.has("Content-Encoding")) return null;
  if (/\bno-store\b/i.test(res.headers.get("Cache-Control") ?? "")) return null;
  const raw = new Uint8Array(await res.arrayBuffer());
  const kept = new Headers();
  for (const name of KEPT_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) kept.set(name, value);
  }
  varyOnAcceptEncoding(kept);
  const headers: Entry["headers"] = { ...Object.fromEntries(kept), vary: kept.get("vary") ?? "Accept-Encoding", etag: `W/"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"` };
  let body: Uint8Array = raw;
  if (encoding && raw.byteLength >= threshold) {
    body = await compressBody(raw, encoding, "fast");
    headers["content-encoding"] = encoding;
  }
  return { revision, expiresAt, headers, body };
}

/** `If-None-Match` names the entry's tag (weak comparison, `*` included)? */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === bare;
  });
}

/** Headers that describe a body: replaced by the entry's. */
const BODY_HEADERS = [...KEPT_HEADERS, "content-length", "content-encoding", "etag"];

function send(c: Context<AppEnv>, entry: Entry): Response {
  // The request's own headers (request id, rate limits, CORS set before the route ran) stay; the
  // handler's answer, if any, is replaced whole.
  const headers = new Headers(c.res.headers);
  for (const name of BODY_HEADERS) headers.delete(name);
  const fresh = !notModified(c.req.header("If-None-Match"), entry.headers.etag);
  for (const [name, value] of Object.entries(entry.headers)) if (fresh || name === "vary" || name === "etag") headers.set(name, value);
  if (fresh) headers.set("content-length", String(entry.body.byteLength));
  c.res = undefined;
  c.res = new Response(fresh ? (entry.body as Uint8Array<ArrayBuffer>) : null, { status: fresh ? 200 : 304, headers });
  return c.res;
}
