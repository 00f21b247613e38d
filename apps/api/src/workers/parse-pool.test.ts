import { readFileSync } from "node:fs";
import { ImportError, importPlan } from "@taizhang/core";
import { DEFAULT_READ_LIMITS, LedgerFileError } from "@taizhang/exchange";
import { afterAll, describe, expect, test } from "vitest";
import { ParsePool, ParsePoolError } from "./parse-pool.js";

/*
 * The parse workers, run from sources: under vitest this file is .ts, so the
 * pool starts its workers through tsx with the "@taizhang/source" condition
 * (the built server's workers run dist/; e2e/uploads.test.ts covers that).
 */

const TEXT = readFileSync(new URL("../__fixtures__/mianyang-2016.txt", import.meta.url), "utf8");
const HEADER = "事项编号,单位编号,版本,状态,完成百分比,进展说明";
const csv = (rows: number) => new TextEncoder().encode(`${HEADER}\r\n${Array.from({ length: rows }, (_, i) => `chengdu-2015/${(i % 40) + 1}#task,成都市:市委编办,0,进行中,${i % 100},第${i}行的进展说明`).join("\r\n")}\r\n`);
const settings = { workers: 1, queue: 4, memoryBytes: 128 * 1024 * 1024, timeoutMs: 30_000 };

const pools: ParsePool[] = [];
const pool = (overrides: Partial<typeof settings> = {}) => {
  const made = new ParsePool({ ...settings, ...overrides });
  pools.push(made);
  return made;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("the parse pool", () => {
  test("a plan text and a ledger file are parsed on a worker, with the same result as in this thread", async () => {
    const workers = pool();
    expect(await workers.run({ kind: "plan-text", text: TEXT, options: { sourceName: "m.txt" } })).toEqual(importPlan(TEXT, { sourceName: "m.txt" }));
    const file = await workers.run({ kind: "ledger-file", bytes: csv(30), limits: DEFAULT_READ_LIMITS });
    expect(file).toMatchObject({ format: "csv", columns: ["itemId", "unitId", "version", "status", "percent", "note"] });
    expect(file.rows).toHaveLength(30);
  }, 60_000);

  test("errors come back as the classes they were, with their details", async () => {
    const workers = pool();
    const refused = await workers.run({ kind: "ledger-file", bytes: csv(30), limits: { ...DEFAULT_READ_LIMITS, maxRows: 10 } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerFileError);
    expect(refused).toMatchObject({ code: "too_large", limit: { name: "maxRows", value: 10 } });
    const broken = await workers.run({ kind: "ledger-file", bytes: new TextEncoder().encode(`${HEADER}\r\n"open`), limits: DEFAULT_READ_LIMITS }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ code: "unreadable", reason: expect.stringMatching(/quote/i) });
    const notPlan = await workers.run({ kind: "plan-text", text: "hello", options: {} }).catch((e: unknown) => e);
    expect(notPlan).toBeInstanceOf(ImportError);
    expect(notPlan).toMatchObject({ code: "not-a-plan" });
  }, 60_000);

  test("a job past the time limit ends its worker and is refused; the next job gets a new worker", async () => {
    const workers = pool({ timeoutMs: 1 });
    const slow = await workers.run({ kind: "ledger-file", bytes: csv(20_000), limits: DEFAULT_READ_LIMITS }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(ParsePoolError);
    expect(slow).toMatchObject({ problem: "timeout", message: "reading it took longer than 1 ms" });
    const again = await workers.run({ kind: "ledger-file", bytes: csv(20_000), limits: DEFAULT_READ_LIMITS }).catch((e: unknown) => e);
    expect(again).toMatchObject({ problem: "timeout" });
  }, 60_000);

  test("a job past the worker's heap limit ends the worker, not the server, and is refused", async () => {
    const workers = pool({ memoryBytes: 32 * 1024 * 1024 });
    const big = await workers.run({ kind: "ledger-file", bytes: csv(400_000), limits: { ...DEFAULT_READ_LIMITS, maxRows: 1_000_000, maxBytes: 1e9 } }).catch((e: unknown) => e);
    expect(big).toBeInstanceOf(ParsePoolError);
    expect(big).toMatchObject({ problem: "memory", message: "reading it needs more than the 32 MiB a parse worker may use" });
    expect((await workers.run({ kind: "ledger-file", bytes: csv(5), limits: DEFAULT_READ_LIMITS })).rows).toHaveLength(5);
  }, 120_000);

  test("beyond the workers and the queue, jobs are refused as busy", async () => {
    const workers = pool({ queue: 0 });
    const first = workers.run({ kind: "ledger-file", bytes: csv(2_000), limits: DEFAULT_READ_LIMITS });
    await expect(workers.run({ kind: "plan-text", text: TEXT, options: {} })).rejects.toMatchObject({ problem: "busy" });
    expect((await first).rows).toHaveLength(2_000);
  }, 60_000);
});
