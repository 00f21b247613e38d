import { rawDatabase } from "@taizhang/store/testing";
import { isStorableText } from "@taizhang/core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readLedgerFile } from "@taizhang/exchange";
import { listTextRepairs, loadBuiltInPlans, openLedger } from "@taizhang/store";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectProblem } from "../test-support/responses.js";
import { createApp } from "../app.js";
import { asCaller, captureLog, createTestApp, progressPath, testConfig, UNIT_A, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ITEM = "chengdu-2015/1#task";
const unit = encodeURIComponent(UNIT_A);

async function current(): Promise<{ version: number; note: string }> {
  const res = await t.app.request(progressPath(UNIT_A));
  expect(res.status).toBe(200);
  return (await res.json()) as { version: number; note: string };
}

const patch = (version: number, body: unknown) =>
  t.app.request(progressPath(UNIT_A), {
    method: "PATCH",
    headers: asCaller(t.tokens.officeA, { "If-Match": `"${version}"` }),
    body: JSON.stringify(body),
  });

async function exportedNotes(format: "csv" | "xlsx"): Promise<string | undefined> {
  const res = await t.app.request(`/api/exports/ledger?unitId=${unit}&format=${format}`);
  expect(res.status).toBe(200);
  const file = await readLedgerFile(new Uint8Array(await res.arrayBuffer()));
  return file.rows.find((r) => r.cells.itemId === ITEM)?.cells.note;
}

describe("text that cannot be stored faithfully is refused (422 text-not-storable, naming the field)", () => {
  test.each([
    ["U+0000", "before\u0000after", "U+0000 at character 6"],
    ["a lone surrogate", "before\uD800after", "U+D800 at character 6"],
    ["U+FFFF", "before\uFFFFafter", "U+FFFF at character 6"],
  ])("a note with %s: refused, and the row, its history and the exports are unchanged", async (_, note, where) => {
    const before = await current();
    const historyBefore = await t.ledger.history({ itemId: ITEM as never });
    const csvBefore = await exportedNotes("csv");
    const problem = await expectProblem(await patch(before.version, { note }), "text-not-storable");
    expect(problem.field).toBe("note");
    expect(problem.detail).toContain(where);
    expect(await current()).toEqual(before);
    expect((await t.ledger.history({ itemId: ITEM as never })).items).toEqual(historyBefore.items);
    expect(await exportedNotes("csv")).toBe(csvBefore);
  });

  test("the 责任人, a measured value's unit, evidence and a bulk change are held to the same policy", async () => {
    const { version } = await current();
    const person = await expectProblem(await patch(version, { responsiblePerson: { name: "张\u0000伟", post: null, contact: null } }), "text-not-storable");
    expect(person.field).toBe("responsiblePerson.name");
    const measured = await expectProblem(await patch(version, { measuredValue: { value: 1, unit: "%\uFFFE", asOf: null } }), "text-not-storable");
    expect(measured.field).toBe("measuredValue.unit");
    const evidence = await expectProblem(await patch(version, { evidence: [{ description: "会议\u0007纪要", url: null }] }), "text-not-storable");
    expect(evidence.field).toBe("evidence.0.description");
    expect((await current()).version).toBe(version);
  });

  test("a token's name and an assignment's reason", async () => {
    const token = await t.app.request("/api/tokens", {
      method: "POST",
      headers: asCaller(t.tokens.admin),
      body: JSON.stringify({ role: "viewer", name: "viewer\u0000x" }),
    });
    expect((await expectProblem(token, "text-not-storable")).field).toBe("name");
    const units = await t.app.request("/api/tasks/chengdu-2015/1/units", {
      method: "PUT",
      headers: asCaller(t.tokens.admin),
      body: JSON.stringify({ lead: ["市委编办"], responsible: ["市政府法制办"], replace: true, reason: "调整\uDC00" }),
    });
    expect((await expectProblem(units, "text-not-storable")).field).toBe("reason");
  });

  test("property: any note accepted reads back identically from the row, history before/after, CSV and xlsx", async () => {
    // Strings with the characters most likely to be mangled: controls, CR/LF/TAB, surrogates, noncharacters,
    // formula starters (the CSV guard's prefix must come off on the way back) and spaces at the ends.
    const tricky = fc.constantFrom("\u0000", "\u0001", "\t", "\n", "\r", "\r\n", " ", "\uD800", "\uDFFF", "\uFFFE", "\uFFFF", "\uFFFD", "=", "+", "-", "@", "'", '"', ",", "😀", "进展", "_x000D_", "_x005F_", "\u007F", "\u0085");
    const note = fc.string({ unit: fc.oneof(tricky, fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength: 24 });
    await fc.assert(
      fc.asyncProperty(note, async (text) => {
        const before = await current();
        const res = await patch(before.version, { note: text });
        if (!isStorableText(text)) {
          expect(res.status).toBe(422);
          return;
        }
        expect(res.status, await res.clone().text()).toBe(200);
        const after = await current();
        expect(after.note).toBe(text);
        const [entry] = (await t.ledger.history({ itemId: ITEM as never, unitId: UNIT_A as never, limit: 1 })).items;
        expect(entry?.after.note).toBe(text);
        expect(entry?.before.note).toBe(before.note);
        // The CSV and xlsx readers tidy nothing: cells come back as exported (the importer trims, not the reader).
        expect(await exportedNotes("csv")).toBe(text);
        expect(await exportedNotes("xlsx")).toBe(text);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe("a store that already holds such text (migration 0009)", () => {
  test("a plan whose history held U+FFFF exports as a readable .xlsx with history=include again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-text-repair-"));
    try {
      const old = await openLedger({ dataDir: dir, migrateTo: "0008-assignment-history" });
      await loadBuiltInPlans(old);
      await rawDatabase(old).updateTable("progress").set({ note: "坏\uFFFF", version: 1 }).where("item_id", "=", ITEM).where("unit_id", "=", UNIT_A).execute();
      await rawDatabase(old)
        .insertInto("history")
        .values({
          plan_id: "chengdu-2015",
          item_id: ITEM,
          unit_id: UNIT_A,
          version: 1,
          actor: "old",
          source: "api",
          at: "2020-01-01T00:00:00.000Z",
          before_json: JSON.stringify({ status: "not_started", percent: 0, note: "", evidence: [], measuredValue: null, responsiblePerson: null }),
          after_json: JSON.stringify({ status: "not_started", percent: 0, note: "坏\uFFFF", evidence: [], measuredValue: null, responsiblePerson: null }),
          note: null,
        })
        .execute();
      const exportOf = async (ledger: Awaited<ReturnType<typeof openLedger>>) => {
        const app = createApp({ ledger, config: testConfig(), logger: captureLog().logger });
        const res = await app.request(`/api/exports/ledger?unitId=${unit}&history=include`);
        expect(res.status).toBe(200);
        return new Uint8Array(await res.arrayBuffer());
      };
      // Before the repair: the workbook holds U+FFFF, which no XML reader accepts.
      await expect(readLedgerFile(await exportOf(old))).rejects.toThrow();
      await old.close();

      const ledger = await openLedger({ dataDir: dir });
      try {
        const file = await readLedgerFile(await exportOf(ledger));
        expect(file.rows.find((r) => r.cells.itemId === ITEM)?.cells.note).toBe("坏");
        expect((await listTextRepairs(ledger)).map((r) => `${r.table} ${r.field}`).sort()).toEqual(["history after_json.note", "progress note"]);
      } finally {
        await ledger.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
