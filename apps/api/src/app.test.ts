import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { createApp } from "./app.js";
import { PROBLEMS, problemType } from "./problem.js";
import { expectJson, expectProblem } from "./test-support/responses.js";
import { asCaller, captureLog, createTestApp, progressPath, testConfig, UNIT_A, type TestApp } from "./test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ corsOrigins: ["https://ledger.example.gov.cn"], bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await t.close();
});

describe("errors are problem+json", () => {
  test("an unknown route → 404", async () => {
    const problem = await expectProblem(await t.app.request("/api/nothing-here"), "not-found");
    expect(problem.instance).toBe("/api/nothing-here");
    await expectProblem(await t.app.request("/nowhere"), "not-found");
  });

  test("an oversized body → 413 before it is parsed", async () => {
    const res = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }),
      body: JSON.stringify({ note: "长".repeat(40_000) }),
    });
    await expectProblem(res, "payload-too-large");
  });

  test("a store failure is a 500 whose details stay in the log", async () => {
    const log = captureLog();
    const broken = new Proxy(t.ledger, {
      get: (target, key, receiver) =>
        key === "listPlans"
          ? () => Promise.reject(new Error("disk on fire"))
          : (Reflect.get(target, key, receiver) as unknown),
    });
    const app = createApp({ ledger: broken, config: testConfig(), logger: log.logger });
    const problem = await expectProblem(await app.request("/api/plans"), "internal-error");
    expect(problem.detail).not.toContain("disk on fire");
    const logged = log.lines.find((l) => l.msg === "unhandled error");
    expect(JSON.stringify(logged)).toContain("disk on fire");
    expect(logged?.requestId).toBe(problem.requestId);
    await expectProblem(await app.request("/readyz"), "not-ready");
  });

  test("every problem type is a stable URI under https://taizhang.dev/problems/", () => {
    for (const kind of Object.keys(PROBLEMS) as Array<keyof typeof PROBLEMS>) {
      expect(problemType(kind)).toMatch(/^https:\/\/taizhang\.dev\/problems\/[a-z-]+$/);
    }
  });
});

describe("request ids, logs and headers", () => {
  test("a request id is made when absent and kept when given", async () => {
    const made = await t.app.request("/api/plans");
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await t.app.request("/api/plans", { headers: { "X-Request-Id": "trace-42" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-42");
    const replaced = await t.app.request("/api/plans", { headers: { "X-Request-Id": "bad id with spaces" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("one JSON log line per request, and never a token", async () => {
    const before = t.log.lines.length;
    const res = await t.app.request(`${progressPath(UNIT_A)}?token=${t.tokens.officeA}`, {
      method: "PATCH",
      headers: asCaller(t.tokens.officeA, { "If-Match": '"0"', "X-Request-Id": "log-test-1" }),
      body: JSON.stringify({ percent: 5 }),
    });
    expect(res.status).toBe(200);
    const lines = t.log.lines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", method: "PATCH", status: 200, requestId: "log-test-1" });
    expect(typeof lines[0]?.ms).toBe("number");
    for (const secret of Object.values(t.tokens)) expect(t.log.raw.join("\n")).not.toContain(secret);
  });

  test("security headers on API answers", async () => {
    const res = await t.app.request("/api/plans");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    // X-Frame-Options and CSP frame-ancestors say the same: never in a frame.
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  test("HSTS only over https (X-Forwarded-Proto counts only with TAIZHANG_TRUST_PROXY)", async () => {
    expect((await t.app.request("http://localhost/api/plans")).headers.get("strict-transport-security")).toBeNull();
    expect((await t.app.request("https://localhost/api/plans")).headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    const forwarded = { headers: { "X-Forwarded-Proto": "https" } };
    expect((await t.app.request("http://localhost/api/plans", forwarded)).headers.get("strict-transport-security")).toBeNull();
    const behindProxy = await createTestApp({ trustProxy: true });
    try {
      expect((await behindProxy.app.request("http://localhost/api/plans", forwarded)).headers.get("strict-transport-security")).toMatch(/^max-age=/);
    } finally {
      await behindProxy.close();
    }
  });
});

describe("JSON bodies are UTF-8", () => {
  const send = (body: string | Uint8Array, contentType: string) =>
    t.app.request(progressPath(UNIT_A), { method: "PATCH", headers: { ...asCaller(t.tokens.officeA, { "If-Match": '"0"' }), "Content-Type": contentType }, body });

  test("a charset other than utf-8 → 415, naming it", async () => {
    const problem = await expectProblem(await send(JSON.stringify({ note: "x" }), "application/json; charset=latin1"), "unsupported-media-type");
    expect(problem.detail).toContain("charset=latin1");
  });

  test("invalid UTF-8 bytes → 400 'the body is not valid UTF-8', nothing stored", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"note":"ab'), 0xff, 0xfe, ...new TextEncoder().encode('"}')]);
    const problem = await expectProblem(await send(bytes, "application/json"), "invalid-request");
    expect(problem.detail).toBe("the body is not valid UTF-8");
    expect((await t.ledger.getProgress("chengdu-2015/1#task" as never, UNIT_A as never)).note).not.toContain("\uFFFD");
  });

  test("utf-8 in any spelling is accepted", async () => {
    const current = await t.ledger.getProgress("chengdu-2015/1#task" as never, UNIT_A as never);
    const res = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: asCaller(t.tokens.officeA, { "If-Match": `"${current.version}"`, "Content-Type": 'application/json; charset="UTF-8"' }),
      body: JSON.stringify({ note: "进展" }),
    });
    expect(res.status).toBe(200);
  });

  test("CORS answers configured origins only", async () => {
    const allowed = await t.app.request("/api/plans", {
      method: "OPTIONS",
      headers: { Origin: "https://ledger.example.gov.cn", "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "if-match" },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://ledger.example.gov.cn");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("PATCH");
    const get = await t.app.request("/api/plans", { headers: { Origin: "https://ledger.example.gov.cn" } });
    expect(get.headers.get("access-control-expose-headers")).toContain("ETag");
    const refused = await t.app.request("/api/plans", { headers: { Origin: "https://evil.example" } });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const none = createApp({ ledger: t.ledger, config: testConfig(), logger: captureLog().logger });
    const noCors = await none.request("/api/plans", { headers: { Origin: "https://ledger.example.gov.cn" } });
    expect(noCors.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("health", () => {
  test("/healthz and /readyz", async () => {
    expect(await expectJson(await t.app.request("/healthz"), z.object({ status: z.literal("ok") }))).toEqual({ status: "ok" });
    expect(await expectJson(await t.app.request("/readyz"), z.object({ status: z.literal("ready"), plans: z.number() }))).toEqual({
      status: "ready",
      plans: 4,
    });
  });
});

describe("OpenAPI and /docs", () => {
  test("/openapi.json is a valid OpenAPI 3.1 document covering every route", async () => {
    const doc = await expectJson(await t.app.request("/openapi.json"), z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }));
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    // Every response schema the routes name is defined once under components.
    expect(Object.keys((doc.components as { schemas: object }).schemas)).toEqual(expect.arrayContaining(["Plan", "Task", "Progress", "Problem", "ChecklistEntry"]));
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/exports/ledger",
        "/api/history",
        "/api/history/assignments",
        "/api/history/items/{planId}/{number}/{item}",
        "/api/history/plans/{planId}",
        "/api/history/tasks/{planId}/{number}",
        "/api/history/units/{unitId}",
        "/api/import",
        "/api/imports/ledger",
        "/api/plans",
        "/api/plans/{planId}",
        "/api/plans/{planId}/checklist",
        "/api/plans/{planId}/report",
        "/api/progress/bulk",
        "/api/progress/{planId}/{number}/{item}/{unitId}",
        "/api/progress/{planId}/{number}/{item}/{unitId}/evidence",
        "/api/progress/{planId}/{number}/{item}/{unitId}/evidence/{sha256}",
        "/api/reports/deadlines",
        "/api/reports/progress",
        "/api/search",
        "/api/session",
        "/api/themes",
        "/api/themes/matrix",
        "/api/tasks/{planId}/{number}/counterparts",
        "/api/tasks/{planId}/{number}/orphaned",
        "/api/plans/{planId}/regional-report",
        "/api/tasks",
        "/api/tasks/{planId}/{number}",
        "/api/tasks/{planId}/{number}/units",
        "/api/tokens",
        "/api/tokens/{id}",
        "/api/units",
        "/api/units/{unitId}",
        "/api/units/{unitId}/checklist",
        "/healthz",
        "/readyz",
      ].sort(),
    );
  });

  test("/docs works offline: the page and swagger-ui's files come from the API itself", async () => {
    const page = await t.app.request("/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(sources.length).toBeGreaterThan(3);
    for (const src of sources) {
      expect(src.startsWith("/docs/")).toBe(true);
      const res = await t.app.request(src);
      expect(res.status, src).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const init = await (await t.app.request("/docs/init.js")).text();
    expect(init).toContain('"/openapi.json"');
    expect((await t.app.request("/docs/assets/package.json")).status).toBe(404);
    expect((await t.app.request("/docs/assets/..%2F..%2Fpackage.json")).status).toBe(404);
  });
});

describe("the built web app", () => {
  let dir: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "taizhang-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>台账</title><script src=/assets/app.js></script>");
    writeFileSync(join(dir, "assets", "app.js"), "console.log('web')");
    app = createApp({ ledger: t.ledger, config: testConfig({ webDist: dir }), logger: captureLog().logger });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("is served at / with a fallback for its client-side routes", async () => {
    const root = await app.request("/");
    expect(root.status).toBe(200);
    expect(await root.text()).toContain("<title>台账</title>");
    const asset = await app.request("/assets/app.js");
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const route = await app.request("/my/tasks?plan=chengdu-2015", { headers: { Accept: "text/html" } });
    expect(await route.text()).toContain("<title>台账</title>");
  });

  test("never shadows the API, and missing files or escapes are 404s", async () => {
    await expectProblem(await app.request("/api/unknown"), "not-found");
    expect((await app.request("/api/plans")).headers.get("content-type")).toMatch(/json/);
    expect((await app.request("/assets/missing.js")).status).toBe(404);
    expect((await app.request("/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    expect((await app.request("/openapi.json")).headers.get("content-type")).toMatch(/json/);
  });
});

describe("the web app's source maps", () => {
  test("are not served unless TAIZHANG_WEB_SOURCEMAPS=1", async () => {
    const dist = mkdtempSync(join(tmpdir(), "taizhang-web-"));
    try {
      mkdirSync(join(dist, "assets"));
      writeFileSync(join(dist, "index.html"), "<!doctype html><title>台账</title>");
      writeFileSync(join(dist, "assets", "app.js"), "console.log(1);\n//# sourceMappingURL=app.js.map");
      writeFileSync(join(dist, "assets", "app.js.map"), '{"version":3,"sources":["../src/main.tsx"]}');
      const off = createApp({ ledger: t.ledger, config: testConfig({ webDist: dist }), logger: captureLog().logger });
      expect((await off.request("/assets/app.js")).status).toBe(200);
      expect((await off.request("/assets/app.js.map")).status).toBe(404);
      const on = createApp({ ledger: t.ledger, config: testConfig({ webDist: dist, webSourceMaps: true }), logger: captureLog().logger });
      expect((await on.request("/assets/app.js.map")).status).toBe(200);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe("the hosts the server answers (TAIZHANG_HOSTS)", () => {
  test("by default localhost and the loopback addresses, on any port; another Host gets 421", async () => {
    for (const host of ["localhost", "localhost:8787", "127.0.0.1:3000", "[::1]:8787"]) {
      expect((await t.app.request("/api/plans", { headers: { Host: host } })).status, host).toBe(200);
    }
    const problem = await expectProblem(await t.app.request("/api/plans", { headers: { Host: "evil.example:8787" } }), "misdirected-request");
    expect(problem.detail).toContain("TAIZHANG_HOSTS");
    // Health probes answer whatever the Host.
    expect((await t.app.request("/healthz", { headers: { Host: "10.0.0.7:8787" } })).status).toBe(200);
  });

  test("a configured list replaces the default; an entry with a port allows only that port", async () => {
    const app = createApp({ ledger: t.ledger, config: testConfig({ hosts: ["ledger.example.gov.cn", "intranet:8443"] }), logger: captureLog().logger });
    expect((await app.request("https://ledger.example.gov.cn/api/plans")).status).toBe(200);
    expect((await app.request("/api/plans", { headers: { Host: "intranet:8443" } })).status).toBe(200);
    await expectProblem(await app.request("/api/plans", { headers: { Host: "intranet:9000" } }), "misdirected-request");
    await expectProblem(await app.request("http://localhost/api/plans"), "misdirected-request");
  });
});
