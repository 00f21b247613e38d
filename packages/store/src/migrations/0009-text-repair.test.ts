import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EMPTY_PROGRESS, isStorableText, repairStoredText } from "@taizhang/core";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_LEGAL } from "../__fixtures__/fixture-plan.js";
import { openLedger, type OpenLedgerOptions } from "../open-ledger.js";
import { storeInternals } from "../kysely-ledger.js";
import { TEST_DATABASE_URL, testBackends } from "../test-support/backends.js";
import { item, officeOf, unit } from "../test-support/ids.js";
import { listTextRepairs } from "../text-repairs.js";

const LEGAL = unit(UNIT_LEGAL);
const postgresUp = (await testBackends()).some((b) => b.name === "postgresql");

interface Place {
  name: string;
  options: () => OpenLedgerOptions;
  /** Text the backend can hold in a plain column that the policy refuses (PostgreSQL cannot hold NUL). */
  badNote: string;
  cleanup: () => Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), "taizhang-0009-"));
const schema = `taizhang_test_0009_${randomBytes(4).toString("hex")}`;
const places: Place[] = [
  {
    name: "sqlite (file)",
    options: () => ({ dataDir: dir }),
    badNote: "before\u0000after\uFFFF",
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  },
  ...(postgresUp
    ? [
        {
          name: "postgresql",
          options: () => ({ databaseUrl: TEST_DATABASE_URL, schema }),
          badNote: "before\u0001after\uFFFF",
          cleanup: async () => {
            const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
            await client.connect();
            await client.query(`drop schema if exists ${schema} cascade`).finally(() => client.end());
          },
        },
      ]
    : []),
];

describe.each(places)("migration 0009 repairs stored text the policy refuses, on $name", (place) => {
  afterAll(() => place.cleanup());

  it("repairs progress, history and token names, records each repair, and leaves good text alone", async () => {
    // The store as it was before 0009, holding what older versions let in (written raw: today's store refuses it).
    const old = storeInternals(await openLedger({ ...place.options(), migrateTo: "0008-assignment-history" }));
    await old.loadPlan(fixturePlan());
    await old.updateProgress(officeOf(LEGAL), { itemId: item(1, "m2"), unitId: LEGAL, expectedVersion: 0, patch: { note: "good 😀\t\r\n" } });
    const bad = place.badNote;
    await old.db
      .updateTable("progress")
      .set({ note: bad, version: 2, responsible_person_json: JSON.stringify({ name: "张\uD800伟", post: null, contact: null }), responsible_person_name: "张\uFFFD伟" })
      .where("item_id", "=", item(1, "task"))
      .where("unit_id", "=", LEGAL)
      .execute();
    const v1 = { ...EMPTY_PROGRESS, note: bad };
    const v2 = { ...v1, responsiblePerson: { name: "张\uD800伟", post: null, contact: null } };
    for (const [version, before, after] of [
      [1, EMPTY_PROGRESS, v1],
      [2, v1, v2],
    ] as const) {
      await old.db
        .insertInto("history")
        .values({
          plan_id: "testville-2016",
          item_id: item(1, "task"),
          unit_id: LEGAL,
          version,
          actor: "old office",
          source: "api",
          at: `2020-01-0${version}T00:00:00.000Z`,
          before_json: JSON.stringify(before),
          after_json: JSON.stringify(after),
          note: version === 2 ? "comment\u0007" : null,
        })
        .execute();
    }
    const token = await old.createToken({ name: "viewer", role: "viewer", unitId: null });
    await old.db.updateTable("tokens").set({ name: "viewer\u0008x" }).where("id", "=", token.record.id).execute();
    if (old.dialect === "sqlite") {
      // The NUL really is in the file (SQLite hands the text back cut at it, which is what went wrong).
      const { rows } = await sql<{ h: string }>`select hex(note) as h from progress where item_id = ${item(1, "task")} and unit_id = ${LEGAL}`.execute(old.db);
      expect(rows[0]?.h).toContain("00");
    }
    await old.close();

    const ledger = storeInternals(await openLedger(place.options()));
    try {
      const repaired = await ledger.getProgress(item(1, "task"), LEGAL);
      const expectedNote = repairStoredText(bad);
      expect(repaired.note).toBe(expectedNote);
      expect(expectedNote).toBe("beforeafter");
      expect(repaired.responsiblePerson?.name).toBe("张\uFFFD伟");
      expect((await ledger.getProgress(item(1, "m2"), LEGAL)).note).toBe("good 😀\t\r\n");

      const history = (await ledger.history({ itemId: item(1, "task"), unitId: LEGAL })).items;
      expect(history).toHaveLength(2);
      const [second, first] = history;
      // History agrees with itself and with the row again: after(v1) = before(v2), after(v2) = the row.
      expect(first?.after).toEqual(second?.before);
      expect(second?.after.note).toBe(repaired.note);
      expect(second?.after.responsiblePerson).toEqual(repaired.responsiblePerson);
      expect(second?.note).toBe("comment");
      expect(JSON.stringify(history).includes("\\ud800")).toBe(false);
      for (const entry of history) for (const text of [entry.after.note, entry.before.note, entry.note ?? ""]) expect(isStorableText(text)).toBe(true);
      expect((await ledger.listTokens()).find((t) => t.id === token.record.id)?.name).toBe("viewerx");

      const repairs = await listTextRepairs(ledger);
      const fields = repairs.map((r) => `${r.table} ${r.field}`).sort();
      expect(fields).toEqual(
        [
          "history after_json.note",
          "history after_json.note",
          "history before_json.note",
          "history note",
          "progress note",
          "progress responsible_person_json.name",
          "tokens name",
        ].sort(),
      );
      const note = repairs.find((r) => r.table === "progress" && r.field === "note");
      expect(note).toMatchObject({ rowKey: `${item(1, "task")}|${LEGAL}`, after: expectedNote });
      expect(note?.beforeEscaped).toMatch(/\\u\{FFFF\}$/);
      expect(repairs.every((r) => isStorableText(r.beforeEscaped) && isStorableText(r.after))).toBe(true);
    } finally {
      await ledger.close();
    }
  });
});
