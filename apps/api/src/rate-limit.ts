import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";
import { ApiError } from "./problem.js";

/**
 * Token buckets, one per key: `perMinute` requests a minute on average, in
 * bursts of up to `perMinute`. In memory, per process (one server process per
 * store; docs/scaling.md). The map is bounded: idle buckets are swept, and at
 * `maxKeys` the oldest keys go first.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds until one is. */
  take(key: string): { retryAfter: number; remaining: number } {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    this.sweep(now, rate);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    // Re-inserting keeps the map in order of last use, for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { retryAfter: 0, remaining: Math.floor(bucket.tokens) };
    }
    return { retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)), remaining: 0 };
  }

  private sweep(now: number, rate: number): void {
    while (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(key);
  }
}

/** The client's address: the socket's peer, or with `trustProxy` the first X-Forwarded-For hop. */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not behind @hono/node-server (app.request in tests): one shared bucket.
    return "unknown";
  }
}

function refuse(c: Context<AppEnv>, what: string, limit: number, retryAfter: number): never {
  c.header("Retry-After", String(retryAfter));
  c.header("RateLimit-Limit", String(limit));
  c.header("RateLimit-Remaining", "0");
  throw new ApiError("rate-limited", `too many requests ${what}: at most ${limit} a minute; retry after ${retryAfter} s`);
}

/** Before authentication: every request counts against its address (this also slows down guessing tokens). */
export function limitByAddress(limiter: RateLimiter | null, trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (limiter) {
      const { retryAfter } = limiter.take(`addr:${clientAddress(c, trustProxy)}`);
      if (retryAfter > 0) refuse(c, "from this address", limiter.perMinute, retryAfter);
    }
    await next();
  });
}

/** After authentication: a request with a token also counts against the token. */
export function limitByToken(limiter: RateLimiter | null) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const caller = c.var.caller;
    if (limiter && caller) {
      const { retryAfter, remaining } = limiter.take(`token:${caller.token.id}`);
      if (retryAfter > 0) refuse(c, "with this token", limiter.perMinute, retryAfter);
      c.header("RateLimit-Limit", String(limiter.perMinute));
      c.header("RateLimit-Remaining", String(remaining));
    }
    await next();
  });
}
