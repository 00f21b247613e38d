import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KyselyLedger } from "./kysely-ledger.js";
import { testBackends } from "./test-support/backends.js";
import { hashTokenSecret } from "./token-secret.js";

const backends = await testBackends();
const HOUR = 3_600_000;

describe.each(backends)("web sessions on $name", (backend) => {
  let ledger: KyselyLedger;
  let clock: Date;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  it("stores only the hash of a random session id, resolves it until it expires, and forgets it at sign-out", async () => {
    clock = new Date("2026-12-01T00:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    const { token, record } = await ledger.createToken({ name: "viewer", role: "viewer", unitId: null });
    const session = await ledger.createSession(record.id, 12 * HOUR);
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.sessionId).not.toBe(token);
    expect(session.expiresAt).toBe("2026-12-01T12:00:00.000Z");
    const stored = await ledger.db.selectFrom("sessions").selectAll().execute();
    expect(stored).toEqual([
      { id_hash: hashTokenSecret(session.sessionId), token_id: record.id, created_at: clock.toISOString(), expires_at: session.expiresAt, last_seen: clock.toISOString() },
    ]);
    expect((await ledger.authenticateSession(session.sessionId))?.id).toBe(record.id);
    expect(await ledger.authenticateSession(token)).toBeNull();
    expect(await ledger.authenticateSession(`${session.sessionId}x`)).toBeNull();

    clock = new Date("2026-12-01T11:59:59Z");
    expect((await ledger.authenticateSession(session.sessionId))?.id).toBe(record.id);
    clock = new Date("2026-12-01T12:00:00Z");
    expect(await ledger.authenticateSession(session.sessionId)).toBeNull();

    const other = await ledger.createSession(record.id, HOUR);
    await ledger.deleteSession(other.sessionId);
    expect(await ledger.authenticateSession(other.sessionId)).toBeNull();
    // Sign-out also clears the expired session.
    expect(await ledger.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
  });

  it("ends every session of a token when it is revoked, and refuses a session for a revoked token", async () => {
    clock = new Date("2026-12-01T00:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    const { record } = await ledger.createToken({ name: "admin", role: "admin", unitId: null });
    const a = await ledger.createSession(record.id, HOUR);
    const b = await ledger.createSession(record.id, HOUR);
    await ledger.revokeToken(record.id);
    expect(await ledger.authenticateSession(a.sessionId)).toBeNull();
    expect(await ledger.authenticateSession(b.sessionId)).toBeNull();
    expect(await ledger.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    await expect(ledger.createSession(record.id, HOUR)).rejects.toMatchObject({ code: "not_found" });
  });
});
