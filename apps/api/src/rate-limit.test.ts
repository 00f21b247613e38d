import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RateLimiter } from "./rate-limit.js";
import { expectProblem } from "./test-support/responses.js";
import { asCaller, createTestApp, type TestApp } from "./test-support/test-app.js";

describe("RateLimiter", () => {
  test("allows perMinute requests a minute per key, then says when to retry", async () => {
    const limiter = new RateLimiter(3);
    for (let i = 0; i < 3; i++) expect((await limiter.take("a")).retryAfter).toBe(0);
    const refused = await limiter.take("a");
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
    expect(refused.remaining).toBe(0);
    // Another key has its own minute.
    expect(await limiter.take("b")).toEqual({ retryAfter: 0, remaining: 2 });
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
