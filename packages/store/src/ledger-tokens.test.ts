import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { testBackends } from "./test-support/backends.js";
import { unit } from "./test-support/ids.js";
import { hashTokenSecret } from "./token-secret.js";

const backends = await testBackends();

describe.each(backends)("tokens on $name", (backend) => {
  let ledger: KyselyLedger;
  let clock: Date;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  it("creates a token whose secret is shown once and stored only as its sha256", async () => {
    clock = new Date("2026-11-23T00:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    await ledger.loadPlan(fixturePlan());
    const { token, record } = await ledger.createToken({ name: "法制办填报", role: "office", unitId: unit(UNIT_LEGAL) });
    expect(token).toMatch(/^tz_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: "法制办填报", role: "office", unitId: UNIT_LEGAL, lastUsedAt: null, revokedAt: null });

    const stored = await ledger.db.selectFrom("tokens").selectAll().executeTakeFirstOrThrow();
    expect(stored.secret_hash).toBe(hashTokenSecret(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(3));
    expect(await ledger.listTokens()).toEqual([record]);
  });

  it("authenticates a live token, records its use, and rejects unknown and revoked ones", async () => {
    clock = new Date("2026-11-23T00:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    const { token, record } = await ledger.createToken({ name: "admin", role: "admin", unitId: null });
    const other = await ledger.createToken({ name: "viewer", role: "viewer", unitId: null });

    clock = new Date("2026-11-23T01:00:00Z");
    expect(await ledger.authenticate(token)).toEqual({ ...record, lastUsedAt: "2026-11-23T01:00:00.000Z" });
    expect(await ledger.authenticate(`${token}x`)).toBeNull();
    expect(await ledger.authenticate("")).toBeNull();

    clock = new Date("2026-11-23T02:00:00Z");
    expect(await ledger.revokeToken(record.id)).toMatchObject({ revokedAt: "2026-11-23T02:00:00.000Z" });
    expect(await ledger.authenticate(token)).toBeNull();
    expect((await ledger.authenticate(other.token))?.id).toBe(other.record.id);
    await expect(ledger.revokeToken("no-such-token")).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an office token without a unit, or for an unknown unit", async () => {
    ledger = await backend.open();
    await expect(ledger.createToken({ name: "x", role: "office", unitId: null })).rejects.toMatchObject({ code: "invalid" });
    await expect(ledger.createToken({ name: "x", role: "office", unitId: unit("别处:无此单位") })).rejects.toMatchObject({ code: "not_found" });
    await expect(ledger.createToken({ name: " ", role: "viewer", unitId: null })).rejects.toMatchObject({ code: "invalid" });
    expect(await ledger.listTokens()).toEqual([]);
  });
});
