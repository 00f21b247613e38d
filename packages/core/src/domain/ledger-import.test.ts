import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChecklistItemIdSchema, UnitIdSchema } from "../model/ids.js";
import { EMPTY_PROGRESS, type Progress, type ProgressFields } from "../model/progress.js";
import {
  diffLedgerRow,
  EDITABLE_LEDGER_COLUMNS,
  ledgerColumnOf,
  progressCellText,
  readEvidenceCell,
  readMeasuredValueCell,
  readPercentCell,
  readResponsiblePersonCell,
  readStatusCell,
  type LedgerFileRow,
} from "./ledger-import.js";
import { LEDGER_COLUMNS } from "./ledger-rows.js";

const current = (fields: Partial<ProgressFields> = {}, version = 0): Progress => ({
  ...EMPTY_PROGRESS,
  ...fields,
  itemId: ChecklistItemIdSchema.parse("chengdu-2015/1#task"),
  unitId: UnitIdSchema.parse("成都市:市司法局"),
  version,
  updatedBy: version > 0 ? "市司法局 office" : null,
  updatedAt: version > 0 ? "2020-05-01T02:00:00.000Z" : null,
});
const row = (cells: LedgerFileRow["cells"]): LedgerFileRow => ({ line: 7, cells });

describe("reading an edited ledger's cells", () => {
  it("knows every export header in both languages, and the field names, whatever the spacing or width", () => {
    for (const c of LEDGER_COLUMNS) {
      expect(ledgerColumnOf(c.zh)).toBe(c.key);
      expect(ledgerColumnOf(c.en.toUpperCase())).toBe(c.key);
      expect(ledgerColumnOf(` ${c.key} `)).toBe(c.key);
    }
    expect(ledgerColumnOf("＊状 态")).toBe("status");
    expect(ledgerColumnOf("备注")).toBeNull();
  });

  it("reads statuses in Chinese, English or as codes, and says what to choose otherwise", () => {
    expect(readStatusCell("已完成")).toEqual({ ok: true, value: "done" });
    expect(readStatusCell(" In progress ")).toEqual({ ok: true, value: "in_progress" });
    expect(readStatusCell("blocked")).toEqual({ ok: true, value: "blocked" });
    expect(readStatusCell("办结")).toEqual({ ok: true, value: "done" });
    expect(readStatusCell("快好了")).toEqual({ ok: false, message: '"快好了" is not a status; choose one of 未开始、进行中、已完成、受阻、不适用' });
    expect(readStatusCell("")).toMatchObject({ ok: false, message: expect.stringMatching(/^状态 is empty/) });
  });

  it("reads percentages with or without %, full-width digits, and refuses the rest", () => {
    expect(readPercentCell("80")).toEqual({ ok: true, value: 80 });
    expect(readPercentCell("８０％")).toEqual({ ok: true, value: 80 });
    expect(readPercentCell("100.0")).toEqual({ ok: true, value: 100 });
    expect(readPercentCell("101")).toMatchObject({ ok: false });
    expect(readPercentCell("八成")).toMatchObject({ ok: false, message: expect.stringContaining("whole number from 0 to 100") });
    expect(readPercentCell("45.5")).toMatchObject({ ok: false });
  });

  it("reads evidence one per line with an optional link, measured values with units, and 责任人 in brackets", () => {
    expect(readEvidenceCell("工作方案\n公示 https://gov.cn/a?b=1\r\n\n")).toEqual({
      ok: true,
      value: [
        { description: "工作方案", url: null },
        { description: "公示", url: "https://gov.cn/a?b=1" },
      ],
    });
    expect(readEvidenceCell("https://gov.cn/only")).toEqual({ ok: true, value: [{ description: "https://gov.cn/only", url: "https://gov.cn/only" }] });
    // An uploaded file's line keeps its file when the cell is edited around it (a spreadsheet cannot hold the file).
    const file = { sha256: "c".repeat(64), name: "扫描件.pdf", mediaType: "application/pdf" as const, size: 9 };
    expect(readEvidenceCell("扫描件\n新增材料", [{ description: "扫描件", url: null, file }])).toEqual({
      ok: true,
      value: [{ description: "扫描件", url: null, file }, { description: "新增材料", url: null }],
    });
    expect(readMeasuredValueCell("93%")).toEqual({ ok: true, value: { value: 93, unit: "%", asOf: null } });
    expect(readMeasuredValueCell("12 件")).toEqual({ ok: true, value: { value: 12, unit: "件", asOf: null } });
    expect(readMeasuredValueCell("93%", { value: 93, unit: "%", asOf: "2020-12-31" })).toEqual({ ok: true, value: { value: 93, unit: "%", asOf: "2020-12-31" } });
    expect(readMeasuredValueCell("")).toEqual({ ok: true, value: null });
    expect(readMeasuredValueCell("很高")).toMatchObject({ ok: false });
    expect(readResponsiblePersonCell("张伟")).toEqual({ ok: true, value: { name: "张伟", post: null, contact: null } });
    expect(readResponsiblePersonCell("张伟（科长，0471-1234567）")).toEqual({ ok: true, value: { name: "张伟", post: "科长", contact: "0471-1234567" } });
    expect(readResponsiblePersonCell("张伟(0471-1234567)")).toEqual({ ok: true, value: { name: "张伟", post: null, contact: "0471-1234567" } });
    expect(readResponsiblePersonCell("")).toEqual({ ok: true, value: null });
  });

  it("reads back every field as the export writes it", () => {
    const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.trim() !== "" && !/[\r\n()（）,，;；]/.test(s));
    const fields = fc.record({
      status: fc.constantFrom(...(["not_started", "in_progress", "done", "blocked", "not_applicable"] as const)),
      percent: fc.integer({ min: 0, max: 100 }),
      note: fc.string({ maxLength: 200 }).map((s) => s.replace(/\r\n?/g, "\n").trim()),
      evidence: fc.array(fc.record({ description: text.filter((s) => !/\s/.test(s)), url: fc.option(fc.webUrl({ validSchemes: ["https"] }).filter((u) => !/\s/.test(u)), { nil: null }) }), { maxLength: 3 }),
      measuredValue: fc.option(fc.record({ value: fc.integer({ min: -1000, max: 1000 }), unit: fc.constantFrom("%", "件", "学时", ""), asOf: fc.constant(null) }), { nil: null }),
      responsiblePerson: fc.option(
        fc.record({ name: text.filter((s) => !/[\d@]/.test(s)), post: fc.option(text.filter((s) => !/[\d@]/.test(s)), { nil: null }), contact: fc.option(fc.stringMatching(/^0\d{3}-\d{7}$/), { nil: null }) }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(fields, (f) => {
        const cells = Object.fromEntries(EDITABLE_LEDGER_COLUMNS.map((k) => [k, progressCellText(f, k)]));
        // Against an empty base every field is an edit, read back exactly.
        const diff = diffLedgerRow(row(cells), EMPTY_PROGRESS, current(), 0);
        if (diff.outcome === "rejected") throw new Error(diff.message);
        const patch = diff.outcome === "change" ? diff.patch : {};
        expect({ ...EMPTY_PROGRESS, ...patch }).toEqual(f);
        // Against itself nothing is.
        expect(diffLedgerRow(row(cells), f, current(f), 0)).toEqual({ outcome: "unchanged" });
      }),
      { numRuns: 300 },
    );
  });
});

describe("what an edited row changes", () => {
  it("counts only the cells that differ from the exported version, and lists before and after", () => {
    const base = { ...EMPTY_PROGRESS, status: "in_progress" as const, percent: 40 };
    const diff = diffLedgerRow(row({ status: "进行中", percent: "60", note: "" }), base, current(base, 3), 3);
    expect(diff).toEqual({ outcome: "change", patch: { percent: 60 }, changes: [{ field: "percent", before: 40, after: 60 }] });
  });

  it("refuses an edited row that someone changed after the export, naming who and when", () => {
    const diff = diffLedgerRow(row({ percent: "60" }), EMPTY_PROGRESS, current({ percent: 20 }, 1), 0);
    expect(diff).toEqual({
      outcome: "rejected",
      reason: "stale",
      message: "changed by 市司法局 office at 2020-05-01T02:00:00.000Z after this file was exported (version 0 → 1); export again and redo the edit",
    });
    // Untouched in the file: not an edit, whatever the store holds now.
    expect(diffLedgerRow(row({ percent: "0" }), EMPTY_PROGRESS, current({ percent: 20 }, 1), 0)).toEqual({ outcome: "unchanged" });
  });

  it("refuses cells holding what cannot be stored (NUL, lone surrogates, XML-illegal characters), naming the column", () => {
    const note = diffLedgerRow(row({ note: "before\u0000after" }), EMPTY_PROGRESS, current(), 0);
    expect(note).toEqual({ outcome: "rejected", reason: "invalid_cell", message: "进展说明 (note): U+0000 at character 6 (NUL) cannot be stored; remove it" });
    const person = diffLedgerRow(row({ responsiblePerson: "张三(\uD800)" }), EMPTY_PROGRESS, current(), 0);
    expect(person.outcome === "rejected" && person.message).toBe("责任人 (responsiblePerson): U+D800 at character 3 (a lone surrogate) cannot be stored; remove it");
    const measured = diffLedgerRow(row({ measuredValue: "93 %\uFFFF" }), EMPTY_PROGRESS, current(), 0);
    expect(measured.outcome === "rejected" && measured.message).toMatch(/^实测值 \(measuredValue\): U\+FFFF at character 4/);
  });

  it("reports every bad cell of a row at once", () => {
    const diff = diffLedgerRow(row({ status: "?", percent: "-5" }), EMPTY_PROGRESS, current(), 0);
    expect(diff).toMatchObject({ outcome: "rejected", reason: "invalid_cell" });
    expect(diff.outcome === "rejected" && diff.message.split(" · ")).toHaveLength(2);
  });
});
