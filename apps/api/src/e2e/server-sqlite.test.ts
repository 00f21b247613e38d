import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { afterRestart, firstRun } from "./ledger-scenario.js";
import { buildServer, startServerProcess, type ServerProcess } from "./server-process.js";

/** The built server on a real port with the embedded SQLite store, through a restart. */
describe("server end to end (SQLite)", () => {
  let dataDir: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    await buildServer();
    dataDir = mkdtempSync(join(tmpdir(), "taizhang-e2e-"));
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("reads, writes, conflicts and refusals survive a restart", async () => {
    server = await startServerProcess({ TAIZHANG_DATA: dataDir });
    const first = await firstRun(server);
    expect(await server.stop()).toBe(0);

    server = await startServerProcess({ TAIZHANG_DATA: dataDir });
    await afterRestart(server, first);
    expect(await server.stop()).toBe(0);
  }, 120_000);

  test("a bad setting stops the start with a message naming it", async () => {
    await expect(startServerProcess({ TAIZHANG_DATA: dataDir, PORT: "eighty" }, 20_000)).rejects.toThrow(/exited with 2[\s\S]*PORT="eighty"/);
  }, 30_000);
});
