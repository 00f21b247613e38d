import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectProblem } from "./test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "./test-support/test-app.js";

// Issue 14, item 7: unknown keys and impossible dates were dropped or stored; every body is now strict (the contract's schemas).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ITEM_ID = "chengdu-2015/1#task";

async function refused(res: Response, path: string): Promise<void> {
  const problem = await expectProblem(res, "validation-failed");
  expect(problem.errors?.map((e) => e.path)).toContain(path);
}

describe("strict bodies", () => {
  const patch = (body: object) =>
    t.app.request(progressPath(UNIT_A), { method: "PATCH", headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }), body: JSON.stringify(body) });

  test("sign-in takes the contract's strict body: an unknown key is refused and no session cookie is set", async () => {
    const signIn = (body: object) => t.app.request("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const res = await signIn({ token: t.tokens.officeA, remember: true });
    expect(res.headers.get("set-cookie")).toBeNull();
    await refused(res, "body");
    expect((await signIn({ token: t.tokens.officeA })).headers.get("set-cookie")).toContain("taizhang_session=");
  });

  test("an unknown key in measuredValue is refused, naming it; nothing is stored", async () => {
    await refused(await patch({ measuredValue: { value: 93, unit: "%", asOf: null, source: "x" } }), "body.measuredValue");
    const read = (await (await t.app.request(progressPath(UNIT_A))).json()) as { version: number; measuredValue: unknown };
    expect(read).toMatchObject({ version: 0, measuredValue: null });
  });

  test("an impossible date is refused: measuredValue.asOf 2020-13-45 and 2021-02-29", async () => {
    await refused(await patch({ measuredValue: { value: 93, unit: "%", asOf: "2020-13-45" } }), "body.measuredValue.asOf");
    await refused(await patch({ measuredValue: { value: 93, unit: "%", asOf: "2021-02-29" } }), "body.measuredValue.asOf");
    const ok = await patch({ measuredValue: { value: 93, unit: "%", asOf: "2020-02-29" } });
    expect(ok.status).toBe(200);
  });

  test("an unknown key in evidence, in a bulk item or in the bulk body is refused", async () => {
    const bulk = (body: object) => t.app.request("/api/progress/bulk", { method: "POST", headers: asCaller(t.tokens.admin), body: JSON.stringify(body) });
    const item = { itemId: ITEM_ID, unitId: UNIT_A, version: 1, patch: { percent: 10 } };
    await refused(await bulk({ updates: [{ ...item, force: true }] }), "body.updates.0");
    await refused(await bulk({ updates: [item], dryRun: true }), "body");
    await refused(await bulk({ updates: [{ ...item, patch: { evidence: [{ description: "文件", url: null, hash: "x" }] } }] }), "body.updates.0.patch.evidence.0");
  });

  test("POST /api/tokens and PUT …/units refuse unknown keys instead of dropping them", async () => {
    const token = await t.app.request("/api/tokens", { method: "POST", headers: asCaller(t.tokens.admin), body: JSON.stringify({ role: "viewer", expires: "2030-01-01" }) });
    await refused(token, "body");
    const units = await t.app.request("/api/tasks/chengdu-2015/1/units", {
      method: "PUT",
      headers: asCaller(t.tokens.admin),
      body: JSON.stringify({ lead: [], responsible: [], replace: true, reason: "x", force: true }),
    });
    await refused(units, "body");
  });
});
