import { Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, DummyDriver } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../database.js";
import { clampLimit, whenDefined } from "./store-context.js";

// Compiles only: a Kysely over a driver that never connects.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

describe("whenDefined", () => {
  const history = (filter: { unitId?: string; since?: string }) =>
    db
      .selectFrom("history")
      .selectAll()
      .$call(whenDefined(filter.unitId, (qb, unitId) => qb.where("unit_id", "=", unitId)))
      .$call(whenDefined(filter.since, (qb, since) => qb.where("at", ">=", since)))
      .compile();

  it("adds a filter's condition only when it has a value, with that value bound", () => {
    expect(history({}).sql).toBe('select * from "history"');
    const both = history({ unitId: "u1", since: "2026-01-01T00:00:00.000Z" });
    expect(both.sql).toBe('select * from "history" where "unit_id" = ? and "at" >= ?');
    expect(both.parameters).toEqual(["u1", "2026-01-01T00:00:00.000Z"]);
  });

  it("keeps a filter whose value is falsy but defined (an empty name, zero)", () => {
    expect(history({ unitId: "" }).parameters).toEqual([""]);
  });
});

describe("clampLimit", () => {
  it("keeps a page within 1..500 and falls back when no number is given", () => {
    expect(clampLimit(undefined, 50)).toBe(50);
    expect(clampLimit(Number.NaN, 50)).toBe(50);
    expect(clampLimit(0, 50)).toBe(1);
    expect(clampLimit(10_000, 50)).toBe(500);
    expect(clampLimit(7.9, 50)).toBe(7);
  });
});
