import ExcelJS from "exceljs";
import fc from "fast-check";
import { builtInPlans, deriveChecklist, EMPTY_PROGRESS, ledgerRows, type LedgerSource } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_READ_LIMITS, LedgerFileError, ledgerCsv, ledgerXlsx, readLedgerFile, type ReadLedgerOptions } from "./index.js";
import { deflateChunks, deflatedZeros, unzipAll, writeZip, type ZipInput } from "./test-support/zip-writer.js";

/*
 * Issue 14: what an upload may cost. Each limit refuses early (while
 * streaming, or from the zip directory before anything is unpacked) and
 * names itself; parser messages stay out of what the uploader is told.
 */

const found = builtInPlans.find((p) => p.id === "chengdu-2015");
if (!found) throw new Error("no 成都 plan");
const chengdu = found;
const asOf = new Date("2021-01-05T04:00:00Z");
const sources: LedgerSource[] = deriveChecklist(chengdu)
  .slice(0, 12)
  .flatMap((item) => item.assignments.map((a) => ({ item, unitId: a.unitId, role: a.role, progress: { ...EMPTY_PROGRESS, itemId: item.id, unitId: a.unitId, version: 0, updatedBy: null, updatedAt: null } })));
const rows = ledgerRows([chengdu], sources, asOf);
const csv = ledgerCsv(rows);
const [headerLine = "", firstRow = ""] = csv.replace(/^\uFEFF/, "").split("\r\n");
const encode = (text: string) => new TextEncoder().encode(text);

async function refusal(bytes: Uint8Array, options: ReadLedgerOptions = {}): Promise<LedgerFileError> {
  try {
    await readLedgerFile(bytes, options);
  } catch (error) {
    if (error instanceof LedgerFileError) return error;
    throw error;
  }
  throw new Error("the file was read");
}

const exported = async () => ledgerXlsx(rows, { title: "成都", asOf: "2021-01-05" });
/** The exported workbook with parts replaced or added. */
async function withParts(parts: ZipInput[]): Promise<Uint8Array> {
  const names = new Set(parts.map((p) => p.name));
  return writeZip([...unzipAll(await exported()).filter((e) => !names.has(e.name)), ...parts]);
}
const sheetPath = async () => {
  const sheet = unzipAll(await exported()).find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  if (!sheet?.data) throw new Error("no sheet in the export");
  return { name: sheet.name, xml: new TextDecoder().decode(sheet.data) };
};

describe("CSV limits (read as a stream)", () => {
  it("blank lines count toward the row limit (before: a header and a million blank lines were read as an empty file, slowly)", async () => {
    const bytes = encode(`${headerLine}\r\n${"\r\n".repeat(25_000)}${firstRow}\r\n`);
    const error = await refusal(bytes);
    expect(error).toMatchObject({ code: "too_large", limit: { name: "maxRows", value: 20_000 } });
    expect(error.message).toBe("the file has more than 20,000 rows below its header (blank rows count): split it");
  });

  it("refuses as soon as the limit is passed: what comes after is never parsed", async () => {
    // Broken CSV (a quote never closed) after row 30: reading it all would fail on that instead.
    const bytes = encode(`${headerLine}\r\n${`${firstRow}\r\n`.repeat(30)}"never closed,${"x".repeat(1000)}`);
    expect(await refusal(bytes, { maxRows: 20 })).toMatchObject({ code: "too_large", limit: { name: "maxRows", value: 20 } });
    expect(await refusal(bytes)).toMatchObject({ code: "unreadable" });
  });

  it("limits the cells in a row", async () => {
    const bytes = encode(`${headerLine}\r\n${firstRow}${",".repeat(300)}\r\n`);
    const error = await refusal(bytes);
    expect(error).toMatchObject({ code: "too_large", limit: { name: "maxCells", value: DEFAULT_READ_LIMITS.maxCells } });
    expect(error.message).toBe("row 2 of the file has more than 200 cells; at most 200 are read in a row");
  });

  it("a CSV parser's complaint is not echoed: the row and the kind of problem are, the parser's words go to `reason`", async () => {
    const error = await refusal(encode(`${headerLine}\r\n${firstRow}\r\n"a "b" c",1\r\n`));
    expect(error.code).toBe("unreadable");
    expect(error.message).toBe('not valid CSV near row 3: a quote inside a cell is not doubled (write "" for a quote in a quoted cell)');
    expect(error.reason).toMatch(/Invalid Closing Quote/i);
    expect((await refusal(encode(`${headerLine}\r\n"open`))).message).toBe("not valid CSV near row 2: a quoted cell is never closed");
  });
});

describe("xlsx: the zip directory is checked before anything is unpacked", () => {
  it("refuses a part that declares more than the per-entry limit, without inflating it", async () => {
    // The bytes are not deflate data at all: inflating them would fail differently.
    const bytes = await withParts([{ name: "xl/media/image1.png", deflated: new Uint8Array(200).fill(7), size: 200, declaredSize: 2 ** 31 }]);
    const error = await refusal(bytes);
    expect(error).toMatchObject({ code: "too_large", limit: { name: "maxEntryBytes", value: DEFAULT_READ_LIMITS.maxEntryBytes } });
    expect(error.message).toBe("the workbook's part xl/media/image1.png unpacks to 2,147,483,648 bytes; at most 67,108,864 are accepted");
  });

  it("refuses a workbook whose parts together unpack to more than the total limit", async () => {
    const parts = Array.from({ length: 3 }, (_, i) => ({ name: `xl/media/image${i}.png`, deflated: new Uint8Array(600 * 1024), size: 600 * 1024, declaredSize: 50 * 1024 * 1024 }));
    expect(await refusal(await withParts(parts))).toMatchObject({ code: "too_large", limit: { name: "maxUnzippedBytes", value: DEFAULT_READ_LIMITS.maxUnzippedBytes } });
  });

  it("refuses a high compression ratio (a zip bomb: 20 MiB of zeros in ~20 KiB)", async () => {
    const zeros = await deflatedZeros(20 * 1024 * 1024);
    const error = await refusal(await withParts([{ name: "xl/media/image1.png", ...zeros }]));
    expect(error).toMatchObject({ code: "too_large", limit: { name: "maxRatio", value: 100 } });
    expect(error.message).toMatch(/^the workbook's part xl\/media\/image1\.png is compressed [\d,]+:1; at most 100:1 is accepted$/);
  });

  it("refuses too many entries", async () => {
    const parts = Array.from({ length: DEFAULT_READ_LIMITS.maxEntries }, (_, i) => ({ name: `xl/media/image${i}.png`, data: new Uint8Array([i % 256]) }));
    expect(await refusal(await withParts(parts))).toMatchObject({ code: "too_large", limit: { name: "maxEntries", value: DEFAULT_READ_LIMITS.maxEntries } });
  });

  it("refuses a sheet that unpacks to more than its directory declares (sizes can lie), inflating no more than that", async () => {
    const spaces = new TextEncoder().encode(" ".repeat(1024 * 1024));
    const xml = deflateChunks((function* () {
      yield new TextEncoder().encode('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
      for (let i = 0; i < 30; i++) yield spaces;
    })());
    const { name } = await sheetPath();
    const error = await refusal(await withParts([{ name, ...(await xml), declaredSize: 100_000 }]));
    expect(error).toMatchObject({ code: "unreadable", message: "not a readable .xlsx workbook: its zip structure is damaged" });
    expect(error.reason).toBe(`entry ${name} unpacks to more than the 100000 bytes its directory declares`);
  });

  it("a part of one endless text (which the XML parser would hold whole) is refused after 1 MiB of it", async () => {
    const spaces = new TextEncoder().encode(" ".repeat(1024 * 1024));
    const xml = await deflateChunks((function* () {
      yield new TextEncoder().encode('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
      for (let i = 0; i < 40; i++) yield spaces;
    })());
    const { name } = await sheetPath();
    const error = await refusal(await withParts([{ name, ...xml }]), { maxRatio: 1e6 });
    expect(error).toMatchObject({ code: "unreadable", message: "not a readable .xlsx workbook: sheet 台账 holds a text longer than any cell can" });
  });

  it("never unpacks pictures and other parts a ledger does not need: a media bomb with a lying size is not even opened", async () => {
    const zeros = await deflatedZeros(64 * 1024 * 1024);
    const file = await readLedgerFile(await withParts([{ name: "xl/media/image1.png", ...zeros, declaredSize: 1000 }]));
    expect(file.rows).toHaveLength(rows.length);
  });

  it("zip damage is told in general words; zlib's words go to `reason`", async () => {
    const { name } = await sheetPath();
    const error = await refusal(await withParts([{ name, deflated: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]), size: 5000 }]));
    expect(error).toMatchObject({ code: "unreadable", message: "not a readable .xlsx workbook: its compressed data is damaged" });
    expect(error.reason).toMatch(new RegExp(`^entry ${name}: .*invalid`, "i"));
  });
});

describe("xlsx: the sheet is read as a stream", () => {
  it("refuses as soon as the row limit is passed: what comes after is never parsed", async () => {
    const { name, xml } = await sheetPath();
    const row = /<row r="2"[\s\S]*?<\/row>/.exec(xml)?.[0];
    if (!row) throw new Error("no row 2");
    const many = Array.from({ length: 40 }, (_, i) => row.replaceAll(/r="([A-Z]+)?2"/g, (_m, col: string | undefined) => `r="${col ?? ""}${i + 2}"`)).join("");
    const broken = xml.replace(/<row r="2"[\s\S]*<\/sheetData>/, `${many}<row><c><v>not closed</sheetData>`);
    const bytes = await withParts([{ name, data: encode(broken) }]);
    expect(await refusal(bytes, { maxRows: 20 })).toMatchObject({ code: "too_large", limit: { name: "maxRows", value: 20 } });
    const damaged = await refusal(bytes);
    expect(damaged).toMatchObject({ code: "unreadable", message: expect.stringMatching(/^not a readable \.xlsx workbook: sheet 台账 \(near row 42\) is damaged \(not well-formed XML\)$/) });
    expect(damaged.reason).toBeDefined();
  });

  it("empty <row> elements count toward the row limit too", async () => {
    const { name, xml } = await sheetPath();
    const padded = xml.replace("</sheetData>", `${Array.from({ length: 50 }, (_, i) => `<row r="${1000 + i}"/>`).join("")}</sheetData>`);
    expect(await refusal(await withParts([{ name, data: encode(padded) }]), { maxRows: rows.length + 10 })).toMatchObject({ limit: { name: "maxRows" } });
  });

  it("limits the cells in a row", async () => {
    const { name, xml } = await sheetPath();
    const wide = xml.replace(/(<row r="3"[^>]*>)/, `$1${Array.from({ length: 250 }, () => "<c/>").join("")}`);
    expect(await refusal(await withParts([{ name, data: encode(wide) }]))).toMatchObject({ code: "too_large", limit: { name: "maxCells", value: 200 }, message: "row 3 of sheet 台账 has more than 200 cells; at most 200 are read in a row" });
  });

  it("reads what Excel may store: dates, booleans, inline and rich text without phonetic guides, shared formulas refused by cell", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await exported()) as never);
    const sheet = book.getWorksheet("台账");
    if (!sheet) throw new Error("no sheet");
    sheet.getCell("N2").value = new Date(Date.UTC(2021, 2, 1));
    sheet.getCell("N2").numFmt = "yyyy/m/d";
    sheet.getCell("N3").value = true;
    sheet.getCell("N4").value = { richText: [{ text: "甲" }, { text: "乙", font: { bold: true } }] };
    const file = await readLedgerFile(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(file.rows.slice(0, 3).map((r) => r.cells.note)).toEqual(["2021-03-01", "TRUE", "甲乙"]);

    const { name, xml } = await sheetPath();
    const edited = xml
      .replace(/<c r="N2"[\s\S]*?<\/c>/, '<c r="N2" t="inlineStr"><is><r><t>行内</t></r><r><t>文本</t></r><rPh sb="0" eb="1"><t>ぎょう</t></rPh></is></c>')
      .replace(/<c r="M3"[^>]*\/>|<c r="M3"[\s\S]*?<\/c>/, '<c r="M3"><f t="shared" ref="M3:M4" si="0">40+2</f><v>42</v></c>')
      .replace(/<c r="M4"[^>]*\/>|<c r="M4"[\s\S]*?<\/c>/, '<c r="M4"><f t="shared" si="0"/><v>42</v></c>');
    const inline = edited.replace(/<f t="shared"[^>]*>40\+2<\/f>|<f t="shared" si="0"\/>/g, "");
    expect((await readLedgerFile(await withParts([{ name, data: encode(inline) }]))).rows[0]?.cells.note).toBe("行内文本");
    const error = await refusal(await withParts([{ name, data: encode(edited) }]));
    expect(error).toMatchObject({ code: "formula", cells: ["台账!M3", "台账!M4"] });
    expect(error.message).toContain("台账!M4 (完成百分比) holds a formula (=40+2)");
  });
});

describe("a damaged zip directory (fast-check)", () => {
  it("bytes set in the directory and local headers are refused with a LedgerFileError or read, never anything else", async () => {
    const base = await exported();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 1, max: 1200 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.boolean(), async (edits, atStart) => {
        const bytes = new Uint8Array(base);
        for (const [back, value] of edits) bytes[atStart ? back % 200 : bytes.length - back] = value;
        try {
          await readLedgerFile(bytes);
        } catch (error) {
          if (!(error instanceof LedgerFileError)) throw error;
        }
      }),
      { numRuns: process.env.TAIZHANG_HEAVY === "1" ? 2_000 : 150 },
    );
  }, 120_000);
});
