import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { EVIDENCE_SAMPLES } from "@taizhang/core/testing";
import { z } from "zod";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "./test-support/test-app.js";

/*
 * Every write route × every role, with the status each must get. The routes
 * come from the app's own OpenAPI document, so a new write route without a
 * row here fails the first test: add it to MATRIX below.
 */

const ROLES = ["anonymous", "viewer", "officeOwn", "officeOther", "admin"] as const;
type Role = (typeof ROLES)[number];

/** A request to make against a fresh app, as `role`, and what it must answer. */
interface Case {
  /** Builds the request; may prepare state (e.g. read the current version) first. */
  request(t: TestApp, token: string | null): Promise<{ path: string; init: RequestInit }>;
  expect: Record<Role, number>;
}

const json = (body: unknown, extra: Record<string, string> = {}) => ({ body: JSON.stringify(body), extra });
const send = (method: string, path: string, token: string | null, { body, extra }: { body?: string; extra?: Record<string, string> } = {}) => ({
  path,
  init: { method, headers: asCaller(token, extra ?? {}), ...(body !== undefined ? { body } : {}) },
});
const versionOf = async (t: TestApp, path: string): Promise<string> => (await t.app.request(path)).headers.get("etag") ?? '"0"';

const PLAN_TEXT = readFileSync(new URL("./__fixtures__/mianyang-2016.txt", import.meta.url), "utf8");

/** 成都 task 1 as a whole: unit A (市政府法制办) is responsible for it; office B's token is 市委编办's. */
const OWN_ITEM = progressPath(UNIT_A);

const MATRIX: Record<string, Case> = {
  "POST /api/import": {
    request: async (_t, token) => send("POST", "/api/import?dryRun=true", token, { body: PLAN_TEXT, extra: { "Content-Type": "text/plain" } }),
    expect: { anonymous: 401, viewer: 403, officeOwn: 403, officeOther: 403, admin: 200 },
  },
  "POST /api/tokens": {
    request: async (_t, token) => send("POST", "/api/tokens", token, json({ role: "viewer", name: "矩阵测试" })),
    expect: { anonymous: 401, viewer: 403, officeOwn: 403, officeOther: 403, admin: 201 },
  },
  "DELETE /api/tokens/{id}": {
    request: async (t, token) => {
      const { record } = await t.ledger.createToken({ name: "to revoke", role: "viewer", unitId: null });
      return send("DELETE", `/api/tokens/${record.id}`, token);
    },
    expect: { anonymous: 401, viewer: 403, officeOwn: 403, officeOther: 403, admin: 200 },
  },
  "PUT /api/tasks/{planId}/{number}/units": {
    request: async (_t, token) => send("PUT", "/api/tasks/chengdu-2015/2/units", token, json({ lead: ["市审改办"], responsible: ["市政府法制办"], replace: true, reason: "矩阵测试" })),
    expect: { anonymous: 401, viewer: 403, officeOwn: 403, officeOther: 403, admin: 200 },
  },

  "PATCH /api/progress/{planId}/{number}/{item}/{unitId}": {
    request: async (t, token) => send("PATCH", OWN_ITEM, token, json({ percent: 10 }, { "If-Match": await versionOf(t, OWN_ITEM) })),
    expect: { anonymous: 401, viewer: 403, officeOwn: 200, officeOther: 403, admin: 200 },
  },
  "POST /api/progress/bulk": {
    request: async (t, token) => {
      const version = Number(JSON.parse(await versionOf(t, OWN_ITEM)));
      return send("POST", "/api/progress/bulk", token, json({ updates: [{ itemId: "chengdu-2015/1#task", unitId: UNIT_A, version, patch: { percent: 20 } }] }));
    },
    expect: { anonymous: 401, viewer: 403, officeOwn: 200, officeOther: 403, admin: 200 },
  },
  // An edit of the own unit's row, applied: another office's token gets its row refused (409), a viewer none at all.
  "POST /api/imports/ledger": {
    request: async (t, token) => {
      const version = Number(JSON.parse(await versionOf(t, OWN_ITEM)));
      const csv = `事项编号,单位编号,版本,完成百分比\r\nchengdu-2015/1#task,${UNIT_A},${version},${version + 30}\r\n`;
      return send("POST", "/api/imports/ledger?apply=true", token, { body: csv, extra: { "Content-Type": "text/csv" } });
    },
    expect: { anonymous: 401, viewer: 403, officeOwn: 200, officeOther: 409, admin: 200 },
  },
  // Evidence files: as progress, an office for its own unit's row only.
  "POST /api/progress/{planId}/{number}/{item}/{unitId}/evidence": {
    request: async (_t, token) =>
      send("POST", `${OWN_ITEM}/evidence?name=scan.pdf`, token, { body: new TextDecoder().decode(EVIDENCE_SAMPLES.pdf()), extra: { "Content-Type": "application/pdf" } }),
    expect: { anonymous: 401, viewer: 403, officeOwn: 201, officeOther: 403, admin: 201 },
  },
  // Signing in is open to anyone who holds a valid token; the caller's own token does not matter.
  "POST /api/session": {
    request: async (t, token) => send("POST", "/api/session", token, json({ token: t.tokens.viewer })),
    expect: { anonymous: 200, viewer: 200, officeOwn: 200, officeOther: 200, admin: 200 },
  },
  "DELETE /api/session": {
    request: async (_t, token) => send("DELETE", "/api/session", token),
    expect: { anonymous: 204, viewer: 204, officeOwn: 204, officeOther: 204, admin: 204 },
  },
};

const WRITE_METHODS = ["post", "put", "patch", "delete"];

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const tokenOf = (role: Role): string | null =>
  ({ anonymous: null, viewer: t.tokens.viewer, officeOwn: t.tokens.officeA, officeOther: t.tokens.officeB, admin: t.tokens.admin })[role];

describe("authorisation matrix", () => {
  test("covers every write route of the OpenAPI document", async () => {
    const doc = z.object({ paths: z.record(z.string(), z.record(z.string(), z.unknown())) }).parse(await (await t.app.request("/openapi.json")).json());
    const writes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).filter((m) => WRITE_METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    const missing = writes.filter((route) => !(route in MATRIX));
    expect(missing, `write routes with no row in apps/api/src/authorization-matrix.test.ts MATRIX: add one per route with the status each role must get`).toEqual([]);
    const stale = Object.keys(MATRIX).filter((route) => !writes.includes(route));
    expect(stale, "rows of MATRIX for routes the API no longer has").toEqual([]);
  });

  for (const [route, c] of Object.entries(MATRIX)) {
    test.each(ROLES)(`${route} as %s`, async (role) => {
      const { path, init } = await c.request(t, tokenOf(role));
      const res = await t.app.request(path, init);
      const body = await res.text();
      expect(res.status, body).toBe(c.expect[role]);
      if (res.status >= 400) expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    });
  }
});
