import Database from "libsql";
import { describe, expect, it } from "vitest";
import { StatementCachingDatabase } from "./sqlite-dialect.js";

function cachingDatabase(capacity?: number) {
  const raw = new Database(":memory:");
  raw.exec("create table t (id integer primary key, v text not null unique)");
  let prepared = 0;
  const counting = new Proxy(raw, {
    get(target, key, receiver) {
      if (key === "prepare") {
        return (text: string) => {
          prepared += 1;
          return target.prepare(text);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: new StatementCachingDatabase(counting, capacity), prepared: () => prepared };
}

describe("the SQLite statement cache", () => {
  it("prepares each SQL text once and runs it again with new parameters", () => {
    const { db, prepared } = cachingDatabase();
    const insert = "insert into t (v) values (?)";
    for (const v of ["a", "b", "c"]) db.prepare(insert).run([v]);
    expect(db.prepare("select v from t order by id").all([])).toEqual([{ v: "a" }, { v: "b" }, { v: "c" }]);
    expect(prepared()).toBe(2);
    expect(db.cachedStatements).toBe(2);
  });

  it("keeps a statement usable after it failed", () => {
    const { db } = cachingDatabase();
    const insert = "insert into t (v) values (?)";
    db.prepare(insert).run(["a"]);
    expect(() => db.prepare(insert).run(["a"])).toThrow(/UNIQUE/);
    db.prepare(insert).run(["b"]);
    expect(db.prepare("select count(*) as n from t").all([])).toEqual([{ n: 2 }]);
  });

  it("gives each cursor a statement of its own, so running the same text again does not reset it", () => {
    const { db } = cachingDatabase();
    // More rows than libsql fetches into a cursor at once (100), so the cursor goes back to its statement.
    const all = Array.from({ length: 250 }, (_, i) => ({ v: `v${String(i).padStart(3, "0")}` }));
    for (const { v } of all) db.prepare("insert into t (v) values (?)").run([v]);
    const text = "select v from t order by id";
    const first = db.prepare(text).iterate([]);
    expect(first.next().value).toEqual(all[0]);
    expect(db.prepare(text).all([])).toHaveLength(250);
    const second = db.prepare(text).iterate([]);
    expect(second.next().value).toEqual(all[0]);
    expect([...first]).toEqual(all.slice(1));
  });

  it("holds at most its capacity, dropping the least recently used text", () => {
    const { db, prepared } = cachingDatabase(2);
    const q = (n: number) => `select ${n} as n`;
    db.prepare(q(1));
    db.prepare(q(2));
    db.prepare(q(1));
    db.prepare(q(3)); // drops q(2), used less recently than q(1)
    expect(db.cachedStatements).toBe(2);
    db.prepare(q(1));
    expect(prepared()).toBe(3);
    db.prepare(q(2));
    expect(prepared()).toBe(4);
  });

  it("does not keep one-off long texts", () => {
    const { db } = cachingDatabase();
    const values = Array.from({ length: 1_000 }, (_, i) => `('v${i}')`).join(", ");
    db.prepare(`insert into t (v) values ${values}`).run([]);
    expect(db.cachedStatements).toBe(0);
    expect(db.prepare("select count(*) as n from t").all([])).toEqual([{ n: 1_000 }]);
  });
});
