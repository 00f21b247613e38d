import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "@taizhang/store";
import { createTestApi, type TestApi } from "@taizhang/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../main.js";
import { tokenCommandWith } from "./token.js";

async function run(argv: string[], cwd: string, command = tokenCommandWith()) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd }, [command]);
  return { code, stdout, stderr };
}
const secretOf = (stdout: string) => /^\s{4}(tz_\S+)$/m.exec(stdout)?.[1] ?? "";

describe("taizhang token (embedded store)", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "taizhang-token-"));
    // The folder the server would have made: token commands open a store, they never create one where none is.
    mkdirSync(join(dir, "store"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates an office token by alias, lists it and revokes it; the secret is printed once", async () => {
    const created = await run(["token", "create", "--unit", "市审改办", "--role", "office", "--data", "store"], dir);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/office\s+成都市:市委编办\s+市委编办 office/);
    const secret = secretOf(created.stdout);
    expect(secret).toMatch(/^tz_/);

    const ledger = await openLedger({ dataDir: join(dir, "store") });
    try {
      expect((await ledger.authenticate(secret))?.unitId).toBe("成都市:市委编办");
    } finally {
      await ledger.close();
    }

    const listed = await run(["token", "list", "--data", "store", "--json"], dir);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as Array<{ id: string; revokedAt: string | null }>;
    expect(records).toHaveLength(1);
    expect(listed.stdout).not.toContain(secret);

    const id = records[0]?.id ?? "";
    const revoked = await run(["token", "revoke", id, "--data", "store"], dir);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/^Revoked /);
    const after = await openLedger({ dataDir: join(dir, "store") });
    try {
      expect(await after.authenticate(secret)).toBeNull();
    } finally {
      await after.close();
    }
  });

  it("refuses what it cannot do, with the documented exit codes", async () => {
    expect((await run(["token", "create", "--role", "office", "--data", "store"], dir)).code).toBe(1);
    expect((await run(["token", "create", "--role", "root", "--data", "store"], dir)).code).toBe(1);
    expect((await run(["token", "frobnicate"], dir)).code).toBe(1);
    const unknown = await run(["token", "create", "--unit", "没有这个单位", "--role", "office", "--data", "store"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("taizhang token: 没有名为“没有这个单位”的单位\n");
    expect((await run(["token", "revoke", "no-such-id", "--data", "store"], dir)).code).toBe(2);
    expect((await run(["token", "list", "--api", "http://127.0.0.1:1"], dir)).code).toBe(1);
  });

  it("refuses a data folder that does not exist instead of making a new empty store there", async () => {
    // Run from another folder without --data: ./data is not the server's store, and must not become one.
    const elsewhere = await run(["token", "create", "--unit", "市审改办", "--role", "office"], dir);
    expect(elsewhere.code).toBe(6);
    expect(elsewhere.stdout).toBe("");
    expect(elsewhere.stderr).toBe(`taizhang token: ${join(dir, "data")} 中没有存储:该文件夹不存在;请用 --data 指定服务器的数据文件夹,或用 --database-url URL 指定数据库\n`);
    expect(existsSync(join(dir, "data"))).toBe(false);
    const typo = await run(["token", "list", "--data", "stroe"], dir);
    expect(typo.code).toBe(6);
    expect(existsSync(join(dir, "stroe"))).toBe(false);
  });
});

describe("taizhang token --api (through the server)", () => {
  let api: TestApi;
  let admin = "";
  let command = tokenCommandWith();
  beforeAll(async () => {
    api = await createTestApi();
    admin = api.tokens.admin;
    command = tokenCommandWith({ fetch: (input, init) => api.fetch(input instanceof Request ? input.url : String(input), init) });
  });
  afterAll(() => api.close());

  it("creates, lists and revokes with an admin token", async () => {
    const created = await run(["token", "create", "--unit", "市政府法制办", "--role", "office", "--name", "令牌测试", "--api", "http://taizhang.test", "--token", admin], "/", command);
    expect(created.code, created.stderr).toBe(0);
    const secret = secretOf(created.stdout);
    expect((await api.ledger.authenticate(secret))?.unitId).toBe("成都市:市政府法制办");

    const listed = await run(["token", "list", "--json", "--api", "http://taizhang.test", "--token", admin], "/", command);
    const records = JSON.parse(listed.stdout) as Array<{ id: string; name: string }>;
    const office = records.find((r) => r.name === "令牌测试");
    expect(office).toBeDefined();

    const revoked = await run(["token", "revoke", office?.id ?? "", "--api", "http://taizhang.test", "--token", admin], "/", command);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(await api.ledger.authenticate(secret)).toBeNull();
  });

  it("reports the server's refusals", async () => {
    const office = (await api.ledger.createToken({ name: "o", role: "office", unitId: "成都市:市委编办" as never })).token;
    const forbidden = await run(["token", "list", "--api", "http://taizhang.test", "--token", office], "/", command);
    expect(forbidden.code).toBe(3);
    expect(forbidden.stderr).toBe("taizhang token: 此令牌无权执行此操作\n");
    const unknown = await run(["token", "create", "--role", "office", "--unit", "没有", "--api", "http://taizhang.test", "--token", admin], "/", command);
    expect(unknown.code).toBe(2);
    const unreachable = await run(["token", "list", "--api", "http://127.0.0.1:1", "--token", admin], "/", tokenCommandWith());
    expect(unreachable.code).toBe(6);
  });
});
