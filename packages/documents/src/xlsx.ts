import type { DocumentBlock, TableCell } from "@taizhang/core";
import type ExcelJS from "exceljs";
import { DocumentError } from "./document-error.js";

let loading: Promise<typeof ExcelJS> | null = null;
// exceljs takes a while to import; only a workbook upload pays for it.
function loadExcelJs(): Promise<typeof ExcelJS> {
  loading ??= import("exceljs").then((m) => m.default);
  return loading;
}

function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return valueText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
    return "";
  }
  return String(value);
}

/**
 * Reads a workbook's sheets as tables, one block per sheet that holds text:
 * merged cells repeat their text in every cell they cover (marked covered),
 * a date cell reads as YYYY年M月D日.
 */
export async function readXlsx(bytes: Uint8Array): Promise<DocumentBlock[]> {
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new DocumentError("damaged-file", `the workbook (.xlsx) cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const blocks: DocumentBlock[] = [];
  workbook.eachSheet((sheet) => {
    if (sheet.state !== "visible") return;
    const rows: TableCell[][] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      const cells: TableCell[] = [];
      for (let c = 1; c <= width; c += 1) {
        const cell = row.getCell(c);
        const master = cell.isMerged ? cell.master : cell;
        cells.push({ text: valueText(master.value).replace(/\r\n?/gu, "\n").trim(), covered: master.address !== cell.address });
      }
      if (cells.some((cell) => cell.text !== "")) rows.push(cells);
    }
    if (rows.length > 0) blocks.push({ kind: "table", rows });
  });
  return blocks;
}
