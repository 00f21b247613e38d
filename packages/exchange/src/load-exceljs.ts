import type ExcelJS from "exceljs";

let loading: Promise<typeof ExcelJS> | null = null;

/**
 * exceljs, loaded on first use: it takes about 190 ms to import, which every
 * start of the server, the CLI and the TUI would pay for the few requests that
 * read or write a workbook.
 */
export function loadExcelJs(): Promise<typeof ExcelJS> {
  loading ??= import("exceljs").then((m) => m.default);
  return loading;
}
