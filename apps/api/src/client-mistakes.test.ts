import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ProblemSchema } from "./problem.js";
import { createTestApp, progressPath, UNIT_A, type TestApp } from "./test-support/test-app.js";

/*
 * Whatever a client sends, the answer is never a 5xx, and every error is a
 * problem+json document. With TAIZHANG_HEAVY=1 (.ci/run) it sends over
 * 10,000 generated requests.
 */
const HEAVY = process.env.TAIZHANG_HEAVY === "1";
let t: TestApp;
beforeAll(async () => {
  // Thousands of requests from one "address": the rate limits are tested in rate-limit.test.ts.
  t = await createTestApp({ rateLimitAddress: 0, rateLimitToken: 0 });
});
afterAll(async () => {
  await t.close();
});

async function expectNoServerError(res: Response): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    ProblemSchema.parse(JSON.parse(text));
  }
}

const odd = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("'; drop table progress; --", "../../etc/passwd", "%00", "\u0000", "𠮷", "成都市:市政府法制办", "🙂".repeat(50), "a".repeat(5000)),
);

/** Header values can only hold Latin-1 text. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom('"0"', 'W/"0"', "0", '"-1"', '"1e3"', '"99999999999999999999"', "*"),
);

test("any JSON body on a progress change", async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.option(headerValue), async (body, ifMatch) => {
      const res = await t.app.request(progressPath(UNIT_A), {
        method: "PATCH",
        headers: { Authorization: `Bearer ${t.tokens.officeA}`, "Content-Type": "application/json", ...(ifMatch === null ? {} : { "If-Match": ifMatch }) },
        body: JSON.stringify(body),
      });
      await expectNoServerError(res);
    }),
    { numRuns: HEAVY ? 3_500 : 150 },
  );
});

test("any bytes as a body, with any content type, on every write route", async () => {
  const routes = [
    ["PATCH", progressPath(UNIT_A)],
    ["POST", "/api/progress/bulk"],
    ["POST", "/api/import"],
    ["POST", "/api/imports/ledger?apply=true"],
    ["POST", "/api/tokens"],
    ["POST", "/api/session"],
    ["PUT", "/api/tasks/chengdu-2015/2/units"],
  ] as const;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes),
      fc.oneof(odd, fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("latin1"))),
      fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=gbk", "text/csv", "multipart/form-data; boundary=x", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ""),
      async ([method, path], body, contentType) => {
        const res = await t.app.request(path, {
          method,
          headers: { Authorization: `Bearer ${t.tokens.admin}`, "If-Match": '"999"', ...(contentType ? { "Content-Type": contentType } : {}) },
          body,
        });
        await expectNoServerError(res);
      },
    ),
    { numRuns: HEAVY ? 3_500 : 150 },
  );
});

test("any path segments and query values on the read routes", async () => {
  const templates = [
    (a: string) => `/api/plans/${a}`,
    (a: string) => `/api/plans/chengdu-2015/checklist?asOf=${a}&dueWithin=${a}`,
    (a: string, b: string) => `/api/tasks/${a}/${b}`,
    (a: string) => `/api/tasks?planId=${a}&cursor=${a}&q=${a}`,
    (a: string, b: string) => `/api/tasks?sort=${a}&limit=${b}&dueBefore=${b}`,
    (a: string) => `/api/units/${a}/checklist`,
    (a: string, b: string) => `/api/progress/${a}/1/task/${b}`,
    (a: string) => `/api/history?since=${a}&cursor=${a}&itemId=${a}`,
    (a: string) => `/api/reports/deadlines?withinDays=${a}&asOf=${a}`,
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...templates), odd, odd, async (template, a, b) => {
      const res = await t.app.request(template(encodeURIComponent(a), encodeURIComponent(b)));
      await expectNoServerError(res);
    }),
    { numRuns: HEAVY ? 3_500 : 200 },
  );
});
