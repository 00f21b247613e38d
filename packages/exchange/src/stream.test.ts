import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { builtInPlans, deriveChecklist, EMPTY_PROGRESS, LEDGER_COLUMNS, ledgerRows, type LedgerRow, type LedgerSource, type Plan, type Progress } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { ledgerCsv, ledgerCsvChunks, ledgerIcs, ledgerIcsChunks, ledgerJsonChunks, ledgerXlsx, ledgerXlsxStream, readLedgerFile } from "./index.js";

const asOf = new Date("2021-01-05T04:00:00Z");

function rowsOf(plan: Plan): LedgerRow[] {
  const sources: LedgerSource[] = deriveChecklist(plan).flatMap((item) =>
    item.assignments.map((a, i) => ({
      item,
      unitId: a.unitId,
      role: a.role,
      // A formula-like note, to hold the CSV formula guard to the same bytes.
      progress: { ...EMPTY_PROGRESS, itemId: item.id, unitId: a.unitId, note: i === 0 ? "=SUM(A1:A2)" : "" } as Progress,
    })),
  );
  return ledgerRows([plan], sources, asOf);
}

async function* pagesOf(rows: readonly LedgerRow[], size: number): AsyncGenerator<LedgerRow[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function streamedXlsx(rows: readonly LedgerRow[], options: Parameters<typeof ledgerXlsxStream>[1]): Promise<Uint8Array> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on("data", (b: Buffer) => parts.push(b));
  await ledgerXlsxStream(pagesOf(rows, 50), options, out);
  return new Uint8Array(Buffer.concat(parts));
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const chunk of chunks) out += chunk;
  return out;
}

describe.each(builtInPlans.filter((plan) => deriveChecklist(plan).some((i) => i.assignments.length > 0)).map((plan) => ({ id: plan.id, plan })))("streamed exports of $id", ({ plan }) => {
  const rows = rowsOf(plan);

  it("CSV, iCalendar and JSON page by page are the bytes of the whole-file exports", async () => {
    expect(rows.length).toBeGreaterThan(10);
    for (const size of [1, 7, 500]) {
      for (const lang of ["zh", "en"] as const) expect(await text(ledgerCsvChunks(pagesOf(rows, size), lang))).toBe(ledgerCsv(rows, lang));
      const options = { name: `${plan.title} · 台账`, now: asOf };
      expect(await text(ledgerIcsChunks(pagesOf(rows, size), options))).toBe(ledgerIcs(rows, options));
      expect(await text(ledgerJsonChunks(asOf.toISOString(), pagesOf(rows, size), null))).toBe(JSON.stringify({ asOf: asOf.toISOString(), rows }));
    }
    expect(ledgerCsv(rows)).toContain("'=SUM(A1:A2)");
    expect(await text(ledgerJsonChunks(asOf.toISOString(), null, [{ a: 1 }]))).toBe(JSON.stringify({ asOf: asOf.toISOString(), history: [{ a: 1 }] }));
    expect(await text(ledgerJsonChunks(asOf.toISOString(), pagesOf([], 5), null))).toBe(JSON.stringify({ asOf: asOf.toISOString(), rows: [] }));
  });

  it("the streamed workbook holds every row, the summary counts and the drop-down", async () => {
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on("data", (b: Buffer) => parts.push(b));
    await ledgerXlsxStream(pagesOf(rows, 50), { title: plan.title, asOf: "2021-01-05" }, out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("台账");
    expect(sheet?.rowCount).toBe(rows.length + 1);
    expect(sheet?.getRow(2).getCell(1).value).toBe(1);
    expect(String(sheet?.getRow(rows.length + 1).getCell("A").value)).toBe(String(rows.length));
    // The status drop-down on every row, written once over the column's range.
    const status = LEDGER_COLUMNS.findIndex((c) => c.key === "status") + 1;
    for (const r of [2, rows.length + 1]) expect(sheet?.getRow(r).getCell(status).dataValidation).toMatchObject({ type: "list", formulae: ['"未开始,进行中,已完成,受阻,不适用"'] });
    expect(sheet?.getRow(rows.length + 2).getCell(status).dataValidation).toBeUndefined();
    const summary = book.getWorksheet("汇总");
    const totals = summary?.getRow(summary.rowCount).values as unknown[];
    expect(totals.slice(1)).toEqual(["合计", rows.length]);
  });
});

describe("text a streamed workbook must keep", () => {
  // XML turns CR LF into LF and `_x000D_` into CR: both writers escape (ST_Xstring), so the reader gives back what was written.
  const notes = ["\r\n", "a\rb", "_x000D_", "_x005F_x000D_", "前\r\n后_x0041_"];
  const plan = builtInPlans.find((p) => deriveChecklist(p).some((i) => i.assignments.length > 0)) ?? builtInPlans[0];
  if (!plan) throw new Error("no built-in plan");
  const rows = rowsOf(plan)
    .slice(0, notes.length)
    .map((row, i) => ({ ...row, note: notes[i] ?? "" }));
  const history = rows.map((row) => ({ at: "2021-01-01T00:00:00.000Z", itemId: row.itemId, unitId: row.unitId, actor: "a\r\nb", note: row.note }));

  it("notes and history text read back as written, from the streamed and the whole-file writer alike", async () => {
    for (const bytes of [await streamedXlsx(rows, { title: plan.title, asOf: "2021-01-05" }), await ledgerXlsx(rows, { title: plan.title, asOf: "2021-01-05" })]) {
      const file = await readLedgerFile(bytes);
      expect(file.rows.map((r) => r.cells.note)).toEqual(notes);
    }
    const streamed = new ExcelJS.Workbook();
    await streamed.xlsx.load((await streamedXlsx(rows, { title: plan.title, asOf: "2021-01-05", history: history as never })) as unknown as ArrayBuffer);
    const sheet = streamed.getWorksheet("变更记录");
    expect(sheet?.getRow(2).values).toContain("a_x000D_\nb");
  });
});
