import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { CallerSchema, ProgressResponse, TokenRecordSchema } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const Created = z.object({ token: z.string().min(20), record: TokenRecordSchema });
const create = (token: string | null, body: unknown) =>
  t.app.request("/api/tokens", { method: "POST", headers: asCaller(token), body: JSON.stringify(body) });

describe("tokens", () => {
  test("an admin creates an office token by unit alias; it works at once and is shown once", async () => {
    const created = await expectJson(await create(t.tokens.admin, { role: "office", unit: "市审改办" }), Created, 201);
    expect(created.record).toMatchObject({ role: "office", unitId: "成都市:市委编办", name: "市委编办 office", revokedAt: null });
    const me = await expectJson(await t.app.request("/api/session", { headers: asCaller(created.token) }), CallerSchema);
    expect(me).toEqual({ tokenId: created.record.id, name: "市委编办 office", role: "office", unitId: "成都市:市委编办" });

    const { items } = await expectJson(await t.app.request("/api/tokens", { headers: asCaller(t.tokens.admin) }), z.object({ items: z.array(TokenRecordSchema) }));
    expect(items.map((r) => r.id)).toContain(created.record.id);
    expect(JSON.stringify(items)).not.toContain(created.token);
  });

  test("revoking stops the token at once", async () => {
    const created = await expectJson(await create(t.tokens.admin, { role: "office", unit: UNIT_A, name: "法制办 张三" }), Created, 201);
    const write = (version: number) =>
      t.app.request(progressPath(UNIT_A), {
        method: "PATCH",
        headers: asCaller(created.token, { "If-Match": `"${version}"` }),
        body: JSON.stringify({ percent: 10 }),
      });
    const progress = await expectJson(await write(0), ProgressResponse);
    expect(progress.updatedBy).toBe("法制办 张三");
    const revoked = await expectJson(
      await t.app.request(`/api/tokens/${created.record.id}`, { method: "DELETE", headers: asCaller(t.tokens.admin) }),
      TokenRecordSchema,
    );
    expect(revoked.revokedAt).not.toBeNull();
    await expectProblem(await write(1), "invalid-token");
    await expectProblem(await t.app.request("/api/tokens/no-such-id", { method: "DELETE", headers: asCaller(t.tokens.admin) }), "not-found");
  });

  test("viewer and admin tokens need no unit; an office token does", async () => {
    const viewer = await expectJson(await create(t.tokens.admin, { role: "viewer", name: "审计查看" }), Created, 201);
    expect(viewer.record).toMatchObject({ role: "viewer", unitId: null, name: "审计查看" });
    const problem = await expectProblem(await create(t.tokens.admin, { role: "office" }), "validation-failed");
    expect(problem.errors?.[0]?.path).toBe("body.unit");
    await expectProblem(await create(t.tokens.admin, { role: "office", unit: "没有这个单位" }), "not-found");
    await expectProblem(await create(t.tokens.admin, { role: "root" }), "validation-failed");
  });

  test("only admins manage tokens", async () => {
    for (const token of [t.tokens.officeA, t.tokens.viewer]) {
      await expectProblem(await create(token, { role: "admin" }), "forbidden");
      await expectProblem(await t.app.request("/api/tokens", { headers: asCaller(token) }), "forbidden");
      await expectProblem(await t.app.request(`/api/tokens/x`, { method: "DELETE", headers: asCaller(token) }), "forbidden");
    }
    await expectProblem(await create(null, { role: "admin" }), "unauthorized");
    await expectProblem(await t.app.request("/api/tokens"), "unauthorized");
  });

  test("a malformed Authorization header → 401", async () => {
    await expectProblem(await t.app.request("/api/tokens", { headers: { Authorization: "Basic abc" } }), "invalid-token");
    await expectProblem(await t.app.request("/api/plans", { headers: { Authorization: "Bearer" } }), "invalid-token");
  });
});
