import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "./app.js";
import { chooseEncoding } from "./compression.js";
import { asCaller, captureLog, createTestApp, progressPath, testConfig, UNIT_A, type TestApp } from "./test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const checklist = `/api/units/${encodeURIComponent(UNIT_A)}/checklist`;
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("chooseEncoding", () => {
  test("brotli before gzip, q=0 refuses, * stands for the rest", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip, deflate")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("gzip;q=0.5, br;q=0.2")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("identity")).toBeNull();
    expect(chooseEncoding("*;q=0")).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});

describe("compressed answers", () => {
  test("JSON is compressed with the encoding the client accepts and decodes to the same body", async () => {
    const plain = await t.app.request(checklist);
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toMatch(/accept-encoding/i);
    const body = await bytesOf(plain);
    expect(body.byteLength).toBeGreaterThan(1024);

    const br = await t.app.request(checklist, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    expect(br.status).toBe(200);
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("content-type")).toMatch(/^application\/json/);
    const brBytes = await bytesOf(br);
    expect(Number(br.headers.get("content-length"))).toBe(brBytes.byteLength);
    expect(brBytes.byteLength).toBeLessThan(body.byteLength / 4);
    expect(brotliDecompressSync(brBytes).equals(body)).toBe(true);

    const gz = await t.app.request(checklist, { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(await bytesOf(gz)).equals(body)).toBe(true);
    // Security headers and the request id survive the new response.
    expect(gz.headers.get("x-content-type-options")).toBe("nosniff");
    expect(gz.headers.get("x-request-id")).toBeTruthy();
  });

  test("small bodies are sent as they are; the progress ETag stays strong and If-Match works", async () => {
    const read = await t.app.request(progressPath(UNIT_A), { headers: asCaller(t.tokens.admin, { "Accept-Encoding": "br, gzip" }) });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-encoding")).toBeNull();
    const etag = read.headers.get("etag");
    expect(etag).toMatch(/^"\d+"$/);
    const write = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: asCaller(t.tokens.officeA, { "If-Match": etag ?? "", "Accept-Encoding": "br, gzip" }),
      body: JSON.stringify({ percent: 10 }),
    });
    expect(write.status).toBe(200);
    expect(write.headers.get("etag")).toBe(`"${Number(JSON.parse(etag ?? '"0"')) + 1}"`);
    const problem = await t.app.request("/api/nothing-here", { headers: { "Accept-Encoding": "gzip" } });
    expect(problem.headers.get("content-encoding")).toBeNull();
    expect(problem.headers.get("content-type")).toMatch(/problem\+json/);
  });

  test("exports keep Content-Disposition; CSV is compressed, xlsx (already a zip) is not", async () => {
    const csv = await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=csv", { headers: { "Accept-Encoding": "gzip" } });
    expect(csv.headers.get("content-encoding")).toBe("gzip");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''/);
    expect(gunzipSync(await bytesOf(csv)).toString("utf8")).toContain("序号,规划,");
    const xlsx = await t.app.request("/api/exports/ledger?planId=chengdu-2015", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(xlsx.headers.get("content-encoding")).toBeNull();
    expect(xlsx.headers.get("content-disposition")).toMatch(/^attachment; /);
  });

  test("HEAD is never compressed", async () => {
    const head = await t.app.request("/api/plans", { method: "HEAD", headers: { "Accept-Encoding": "gzip" } });
    expect(head.headers.get("content-encoding")).toBeNull();
  });
});

describe("web assets", () => {
  let dir: string;
  let app: ReturnType<typeof createApp>;
  const script = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, title: "深化行政审批制度改革" })))};`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "taizhang-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>台账</title><script type=module src=/assets/app-1a2b3c.js></script>");
    writeFileSync(join(dir, "assets", "app-1a2b3c.js"), script);
    app = createApp({ ledger: t.ledger, config: testConfig({ webDist: dir }), logger: captureLog().logger });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("hashed assets: cached for a year, compressed, and the same bytes on the next request", async () => {
    const first = await app.request("/assets/app-1a2b3c.js", { headers: { "Accept-Encoding": "br" } });
    expect(first.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(first.headers.get("content-encoding")).toBe("br");
    const bytes = await bytesOf(first);
    expect(brotliDecompressSync(bytes).toString("utf8")).toBe(script);
    const again = await app.request("/assets/app-1a2b3c.js", { headers: { "Accept-Encoding": "br" } });
    expect((await bytesOf(again)).equals(bytes)).toBe(true);
    const index = await app.request("/", { headers: { "Accept-Encoding": "br" } });
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(index.headers.get("content-encoding")).toBeNull();
  });
});
