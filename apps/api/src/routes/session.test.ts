import { rawDatabase } from "@taizhang/store/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CallerSchema, HistoryEntryResponse, pageOf, ProgressResponse, SessionSchema } from "@taizhang/contract";
import { expectJson, expectProblem } from "../test-support/responses.js";
import { createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ readRequiresToken: true });
});
afterAll(async () => {
  await t.close();
});

const signIn = (token: string) =>
  t.app.request("/api/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token }) });
const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** GET /api/session with these headers: a 200 that must say nobody is signed in. */
async function signedOutAnswer(headers: Record<string, string>) {
  const res = await t.app.request("/api/session", { headers });
  expect(res.status).toBe(200);
  return expectJson(res, SessionSchema);
}

describe("web session", () => {
  test("a signed-out visit is answered 200 signedIn:false, and such a caller still cannot write", async () => {
    expect(await signedOutAnswer({})).toEqual({ signedIn: false });
    const write = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: { "Content-Type": "application/json", "If-Match": '"0"', Origin: "http://localhost" },
      body: JSON.stringify({ percent: 30 }),
    });
    await expectProblem(write, "unauthorized");
    // A wrong bearer token is still refused: it is a credential that does not work, not a signed-out visit.
    await expectProblem(await t.app.request("/api/session", { headers: { Authorization: "Bearer tz_wrong" } }), "invalid-token");
  });


  test("signing in sets an httpOnly, SameSite=Strict cookie that acts as the token", async () => {
    const res = await signIn(t.tokens.officeA);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^taizhang_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    const me = await expectJson(res, CallerSchema);
    expect(me).toMatchObject({ role: "office", unitId: UNIT_A });

    const cookie = cookieOf(await signIn(t.tokens.officeA));
    const again = await expectJson(await t.app.request("/api/session", { headers: { Cookie: cookie } }), SessionSchema);
    expect(again).toEqual({ signedIn: true, ...me });

    const write = await t.app.request(progressPath(UNIT_A), {
      method: "PATCH",
      headers: { Cookie: cookie, "Content-Type": "application/json", "If-Match": '"0"', Origin: "http://localhost" },
      body: JSON.stringify({ percent: 30 }),
    });
    expect((await expectJson(write, ProgressResponse)).version).toBe(1);
    const history = await expectJson(
      await t.app.request(`/api/history/units/${encodeURIComponent(UNIT_A)}`, { headers: { Cookie: cookie } }),
      pageOf(HistoryEntryResponse),
    );
    expect(history.items[0]?.source).toBe("web");
  });

  test("a cookie write from another origin is refused", async () => {
    const cookie = cookieOf(await signIn(t.tokens.officeB));
    const res = await t.app.request(progressPath(UNIT_B), {
      method: "PATCH",
      headers: { Cookie: cookie, "Content-Type": "application/json", "If-Match": '"0"', Origin: "https://evil.example" },
      body: JSON.stringify({ status: "done" }),
    });
    await expectProblem(res, "cross-origin-write");
    const check = await expectJson(await t.app.request(progressPath(UNIT_B), { headers: { Cookie: cookie } }), ProgressResponse);
    expect(check.version).toBe(0);
  });

  test("a bad token cannot sign in; signing out clears the cookie", async () => {
    await expectProblem(await signIn("tz_wrong"), "invalid-token");
    const res = await t.app.request("/api/session", { method: "DELETE", headers: { Cookie: cookieOf(await signIn(t.tokens.viewer)) } });
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/taizhang_session=;.*Max-Age=0/i);
  });

  test("the cookie holds a random session id, not the token, and lasts TAIZHANG_SESSION_HOURS (12 h)", async () => {
    const res = await signIn(t.tokens.officeA);
    const cookie = cookieOf(res);
    const value = cookie.slice("taizhang_session=".length);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(t.tokens.officeA);
    expect(decodeURIComponent(value)).not.toContain(t.tokens.officeA);
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=43200/);
    // The token itself in the cookie is no session.
    expect(await signedOutAnswer({ Cookie: `taizhang_session=${t.tokens.officeA}` })).toEqual({ signedIn: false });
  });

  test("signing out ends the session: the old cookie value is refused afterwards", async () => {
    const cookie = cookieOf(await signIn(t.tokens.officeA));
    expect((await t.app.request("/api/session", { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await t.app.request("/api/session", { method: "DELETE", headers: { Cookie: cookie, Origin: "http://localhost" } })).status).toBe(204);
    expect(await signedOutAnswer({ Cookie: cookie })).toEqual({ signedIn: false });
    await expectProblem(await t.app.request("/api/plans", { headers: { Cookie: cookie } }), "unauthorized");
  });

  test("an expired session is refused", async () => {
    const cookie = cookieOf(await signIn(t.tokens.viewer));
    await rawDatabase(t.ledger).updateTable("sessions").set({ expires_at: "2020-06-15T01:59:59.000Z" }).execute();
    expect(await signedOutAnswer({ Cookie: cookie })).toEqual({ signedIn: false });
  });

  test("revoking a token ends its sessions", async () => {
    const { token, record } = await t.ledger.createToken({ name: "short-lived", role: "viewer", unitId: null });
    const cookie = cookieOf(await signIn(token));
    expect((await t.app.request("/api/session", { headers: { Cookie: cookie } })).status).toBe(200);
    const revoked = await t.app.request(`/api/tokens/${record.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${t.tokens.admin}` } });
    expect(revoked.status).toBe(200);
    expect(await signedOutAnswer({ Cookie: cookie })).toEqual({ signedIn: false });
  });

  test("with TAIZHANG_READ_REQUIRES_TOKEN, reading needs a token (signing in and asking whether one is signed in do not)", async () => {
    await expectProblem(await t.app.request("/api/plans"), "unauthorized");
    expect(await signedOutAnswer({})).toEqual({ signedIn: false });
    const res = await t.app.request("/api/plans", { headers: { Authorization: `Bearer ${t.tokens.viewer}` } });
    expect(res.status).toBe(200);
    expect((await t.app.request("/healthz")).status).toBe(200);
  });
});
