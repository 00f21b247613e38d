import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { AppEnv } from "./app-env.js";
import { ApiError } from "./problem.js";

/**
 * Requests per key and minute: at most `perMinute` in each fixed minute that
 * starts with a key's first request (rate-limiter-flexible's memory limiter).
 * In memory, per process (one server process per store; docs/scaling.md);
 * keys expire with their minute, so idle clients cost nothing.
 */
export class RateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(readonly perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** Takes one request from `key`'s minute: `retryAfter` 0 when allowed, else the seconds until one is. */
  async take(key: string): Promise<{ retryAfter: number; remaining: number }> {
    try {
      const taken = await this.limiter.consume(key);
      return { retryAfter: 0, remaining: taken.remainingPoints };
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return { retryAfter: Math.max(1, Math.ceil(refused.msBeforeNext / 1000)), remaining: 0 };
    }
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
      const { retryAfter } = await limiter.take(`addr:${clientAddress(c, trustProxy)}`);
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
      const { retryAfter, remaining } = await limiter.take(`token:${caller.token.id}`);
      if (retryAfter > 0) refuse(c, "with this token", limiter.perMinute, retryAfter);
      c.header("RateLimit-Limit", String(limiter.perMinute));
      c.header("RateLimit-Remaining", String(remaining));
    }
    await next();
  });
}
