import ExcelJS from "exceljs";
import fc from "fast-check";
import { builtInPlans, deriveChecklist, EMPTY_PROGRESS, ledgerRows, type LedgerSource } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { LedgerFileError, ledgerCsv, ledgerXlsx, readLedgerFile } from "./index.js";

const found = builtInPlans.find((p) => p.id === "chengdu-2015");
if (!found) throw new Error("no 成都 plan");
const chengdu = found;
const asOf = new Date("2021-01-05T04:00:00Z");
const sources: LedgerSource[] = deriveChecklist(chengdu).flatMap((item) =>
  item.assignments.map((a) => ({
    item,
    unitId: a.unitId,
    role: a.role,
    progress: { ...EMPTY_PROGRESS, itemId: item.id, unitId: a.unitId, version: item.taskId === "chengdu-2015/2" ? 3 : 0, updatedBy: null, updatedAt: null, note: item.taskId === "chengdu-2015/1" ? "第一行\n第二行, 有逗号" : "" },
  })),
);
const rows = ledgerRows([chengdu], sources, asOf);

async function problem(bytes: Uint8Array): Promise<LedgerFileError> {
  try {
    await readLedgerFile(bytes);
  } catch (error) {
    if (error instanceof LedgerFileError) return error;
    throw error;
  }
  throw new Error("the file was read");
}

async function workbook(edit: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await ledgerXlsx(rows, { title: "成都", asOf: "2021-01-05" })) as never);
  const sheet = book.getWorksheet("台账");
  if (!sheet) throw new Error("no 台账 sheet");
  edit(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("reading an edited ledger back", () => {
  it("reads the exported xlsx: every row with its ids, version and cells, edits included", async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell("L2").value = "已完成";
      sheet.getCell("M2").value = 100;
      sheet.getCell("N3").value = { richText: [{ text: "部分" }, { text: "加粗", font: { bold: true } }] };
    });
    const file = await readLedgerFile(bytes);
    expect(file).toMatchObject({ format: "xlsx", sheet: "台账", ignoredHeaders: [] });
    expect(file.rows).toHaveLength(rows.length);
    expect(file.rows[0]).toMatchObject({ line: 2, cells: { itemId: rows[0]?.itemId, unitId: rows[0]?.unitId, version: String(rows[0]?.version), status: "已完成", percent: "100", note: "第一行\n第二行, 有逗号" } });
    expect(file.rows[1]?.cells.note).toBe("部分加粗");
    expect(file.rows.find((r) => r.cells.itemId === "chengdu-2015/2#task")?.cells.version).toBe("3");
  });

  it("reads the exported CSV (BOM, quoted line breaks), an English one, a tab-separated one and a GB18030 one", async () => {
    const csv = await readLedgerFile(new TextEncoder().encode(ledgerCsv(rows)));
    expect(csv.format).toBe("csv");
    expect(csv.rows).toHaveLength(rows.length);
    expect(csv.rows[0]?.cells).toMatchObject({ itemId: rows[0]?.itemId, status: "未开始", note: "第一行\n第二行, 有逗号" });
    expect((await readLedgerFile(new TextEncoder().encode(ledgerCsv(rows, "en")))).rows[0]?.cells.status).toBe("Not started");
    const tsv = ledgerCsv(rows.slice(5, 8))
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .map((l) => l.replaceAll(",", "\t"))
      .join("\n");
    expect((await readLedgerFile(new TextEncoder().encode(tsv))).rows.map((r) => r.cells.itemId)).toEqual(rows.slice(5, 8).map((r) => r.itemId));
    // What Excel on Chinese Windows saves as "CSV": GB18030, no BOM. Node's TextEncoder only writes UTF-8, so the bytes are given in hex.
    const gbk = Buffer.from("cac2cfeeb1e0bac52cb5a5cebbb1e0bac52cb0e6b1be2cd7b4ccac0d0a6368656e6764752d323031352f31237461736b2cb3c9b6bccad03acad0ceafb1e0b0ec2c302cd2d1cdeab3c90d0a", "hex");
    const gb = await readLedgerFile(gbk);
    expect(gb.rows[0]?.cells).toEqual({ itemId: "chengdu-2015/1#task", unitId: "成都市:市委编办", version: "0", status: "已完成" });
  });

  it("refuses what is not a spreadsheet, an old .xls, an empty or oversized file, with a reason", async () => {
    expect(await problem(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x00, 0x01]))).toMatchObject({ code: "not_spreadsheet", message: "not a spreadsheet: upload the ledger as .xlsx or CSV" });
    expect(await problem(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatchObject({ code: "not_spreadsheet", message: expect.stringContaining("Excel 97–2003 .xls") });
    expect(await problem(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ code: "unreadable", message: expect.stringMatching(/^not a readable .xlsx workbook/) });
    expect(await problem(new Uint8Array())).toMatchObject({ code: "empty" });
    await expect(readLedgerFile(new Uint8Array(2000), { maxBytes: 1000 })).rejects.toMatchObject({ code: "too_large", message: "the file is 2,000 bytes; at most 1,000 are accepted" });
    await expect(readLedgerFile(new TextEncoder().encode(ledgerCsv(rows)), { maxRows: 10 })).rejects.toMatchObject({ code: "too_large" });
    expect(await problem(new TextEncoder().encode("姓名,电话\n张三,123\n"))).toMatchObject({ code: "no_header", message: expect.stringContaining("no header row naming the ledger's columns") });
    expect(await problem(new TextEncoder().encode("事项编号,单位编号,版本\n"))).toMatchObject({ code: "missing_columns" });
  });

  it("names the missing columns when the hidden id or version columns were deleted", async () => {
    const bytes = await workbook((sheet) => {
      sheet.spliceColumns(20, 3);
    });
    const error = await problem(bytes);
    expect(error.code).toBe("missing_columns");
    expect(error.message).toBe("sheet 台账 lacks the column 版本: keep the columns of the exported ledger, including the hidden ones");
    // Without the ids, 规划 + 任务序号 + 事项 + 单位 still find the row; only 版本 is missing.
  });

  it("refuses formulas and error values in the columns it reads, naming the cells, and ignores them elsewhere", async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell("M2").value = { formula: "50+50", result: 100 } as ExcelJS.CellFormulaValue;
      sheet.getCell("L4").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      sheet.getCell("A3").value = { formula: "ROW()-1", result: 2 } as ExcelJS.CellFormulaValue;
    });
    const error = await problem(bytes);
    expect(error).toMatchObject({ code: "formula", cells: ["台账!M2", "台账!L4"] });
    expect(error.message).toBe("cells where values belong hold formulas or errors: 台账!M2 (完成百分比) holds a formula (=50+50); 台账!L4 (状态) holds an error value (#N/A). Paste them as values and upload again");
  });
});

/** `TAIZHANG_HEAVY=1` (.ci/run): more mutated files. */
const HEAVY = process.env.TAIZHANG_HEAVY === "1";

describe("reading damaged ledgers (fast-check)", () => {
  const refusedOrRead = async (bytes: Uint8Array): Promise<boolean> => {
    try {
      const file = await readLedgerFile(bytes);
      return file.rows.every((r) => r.line >= 2);
    } catch (error) {
      if (error instanceof LedgerFileError) return error.message.length > 0;
      throw error;
    }
  };
  const mutations = (base: Uint8Array) =>
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "cut", "insert")), { minLength: 1, maxLength: 8 }).map((edits) => {
      let bytes = [...base];
      for (const [at, value, how] of edits) {
        const i = at % Math.max(1, bytes.length);
        if (how === "set") bytes[i] = value;
        else if (how === "cut") bytes = bytes.slice(0, i);
        else bytes.splice(i, 0, value);
      }
      return new Uint8Array(bytes);
    });

  it("a mutated CSV is read or refused with a LedgerFileError, never anything else", async () => {
    const csv = new TextEncoder().encode(ledgerCsv(rows.slice(0, 30)));
    await fc.assert(fc.asyncProperty(mutations(csv), refusedOrRead), { numRuns: HEAVY ? 3_000 : 150 });
  });

  it("a mutated or truncated xlsx is read or refused with a LedgerFileError, never anything else", async () => {
    const xlsx = await ledgerXlsx(rows.slice(0, 30), { title: "成都", asOf: "2021-01-05" });
    await fc.assert(fc.asyncProperty(mutations(xlsx), refusedOrRead), { numRuns: HEAVY ? 1_000 : 60 });
  }, 60_000);
});
