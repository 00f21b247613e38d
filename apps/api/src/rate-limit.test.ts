import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RateLimiter } from "./rate-limit.js";
import { expectProblem } from "./test-support/responses.js";
import { asCaller, createTestApp, type TestApp } from "./test-support/test-app.js";

describe("RateLimiter", () => {
  test("allows a burst of perMinute, then refills at perMinute a minute, and says when to retry", () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take("a").retryAfter).toBe(0);
    expect(limiter.take("a").retryAfter).toBe(1);
    expect(limiter.take("b").retryAfter).toBe(0); // another key has its own bucket
    now += 1000; // one second refills one request
    expect(limiter.take("a").retryAfter).toBe(0);
    expect(limiter.take("a").retryAfter).toBe(1);
    now += 60_000;
    expect(limiter.take("a").remaining).toBe(59);
  });

  test("keeps at most maxKeys buckets, dropping the least recently used", () => {
    const limiter = new RateLimiter(1, () => 0, 3);
    for (const key of ["a", "b", "c", "d"]) limiter.take(key);
    // "a" was dropped, so it has a full bucket again; "d" has none left.
    expect(limiter.take("a").retryAfter).toBe(0);
    expect(limiter.take("d").retryAfter).toBeGreaterThan(0);
  });
});

describe("rate limits in the API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimitAddress: 5, rateLimitToken: 3 });
  });
  afterAll(() => t.close());

  test("a token's requests beyond its limit get 429 problem+json with Retry-After; the limit is in headers", async () => {
    const get = () => t.app.request("/api/plans", { headers: asCaller(t.tokens.viewer) });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get("RateLimit-Limit")).toBe("3");
    expect(first.headers.get("RateLimit-Remaining")).toBe("2");
    await get();
    await get();
    const refused = await get();
    const problem = await expectProblem(refused, "rate-limited");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(problem.detail).toContain("with this token");
    // Another token is not affected (the address still has room).
    expect((await t.app.request("/api/plans", { headers: asCaller(t.tokens.admin) })).status).toBe(200);
  });

  test("every request counts against its address, tokens or not, so guessing tokens is slowed down too", async () => {
    // Five requests an address a minute; this app's earlier requests have used them.
    const refused = await t.app.request("/api/plans", { headers: asCaller("tz_not-a-real-token") });
    const problem = await expectProblem(refused, "rate-limited");
    expect(problem.detail).toContain("from this address");
    expect(refused.headers.get("Retry-After")).not.toBeNull();
  });
});
