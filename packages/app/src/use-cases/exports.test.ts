import { LedgerExportQuery } from "@taizhang/contract";
import { readLedgerFile } from "@taizhang/exchange";
import { loadBuiltInPlans, openLedger, PlanCatalog, type Ledger } from "@taizhang/store";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../app-error.js";
import { ANONYMOUS } from "../caller.js";
import type { AppDeps } from "../deps.js";
import { exportLedger } from "./exports.js";

const NOW = new Date("2021-01-05T04:00:00Z");
let ledger: Ledger;
let deps: AppDeps;

beforeEach(async () => {
  ledger = await openLedger({ memory: true, clock: () => NOW });
  await loadBuiltInPlans(ledger);
  deps = { ledger, catalog: new PlanCatalog(ledger), clock: () => NOW };
});
afterEach(() => ledger.close());

const query = (q: Record<string, string>) => LedgerExportQuery.parse(q);

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

describe("exportLedger", () => {
  it("refuses what it cannot make, by problem code", async () => {
    const refused = async (q: Record<string, string>) => {
      const error = await exportLedger(deps, ANONYMOUS, query(q)).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).code;
    };
    expect(await refused({})).toBe("invalid-request");
    expect(await refused({ planId: "nowhere-2020" })).toBe("not-found");
    expect(await refused({ planId: "chengdu-2015", format: "ics", history: "only" })).toBe("invalid-request");
    expect(await refused({ planId: "chengdu-2015", format: "csv", history: "include" })).toBe("invalid-request");
  });

  it("makes every row of the plan's ledger, numbered, and says how many it wrote", async () => {
    const expected = (await ledger.checklist({ planId: "chengdu-2015" as never })).length;
    expect(expected).toBeGreaterThan(100);
    for (const format of ["csv", "xlsx"] as const) {
      const file = await exportLedger(deps, ANONYMOUS, query({ planId: "chengdu-2015", format }));
      expect(file.name).toBe(`台账-chengdu-2015-2021-01-05.${format}`);
      const read = await readLedgerFile(await bytesOf(file.body));
      expect(read.rows).toHaveLength(expected);
      expect(read.rows.map((r) => Number(r.cells.seq))).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
      expect(file.written()).toEqual({ rows: expected, changes: 0 });
    }
    const feed = await exportLedger(deps, ANONYMOUS, query({ planId: "chengdu-2015", format: "ics" }));
    expect(feed.inline).toBe(true);
    expect(feed.contentType).toBe("text/calendar; charset=utf-8");
  });
});
