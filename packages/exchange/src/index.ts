export { cellText, type ExportLanguage } from "./cells.js";
export { historyCsv, ledgerCsv } from "./csv.js";
export { ledgerXlsx, type XlsxOptions } from "./xlsx.js";
export { ledgerIcs, type IcsOptions } from "./ics.js";
export { LedgerFileError, readLedgerFile, type LedgerFile, type LedgerFileProblem, type ReadLedgerOptions } from "./read.js";
