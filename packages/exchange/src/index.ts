export { cellText, type ExportLanguage } from "./cells.js";
export { historyCsv, ledgerCsv } from "./csv.js";
export { guardCsvFormula, unguardCsvFormula } from "./csv-formula.js";
export { ledgerXlsx, type XlsxOptions } from "./xlsx.js";
export { ledgerIcs, type IcsOptions } from "./ics.js";
export { ledgerCsvChunks, ledgerIcsChunks, ledgerJsonChunks } from "./stream.js";
export { ledgerXlsxStream } from "./xlsx-stream.js";
export {
  DEFAULT_READ_LIMITS,
  LedgerFileError,
  readLedgerFile,
  type LedgerFile,
  type LedgerFileErrorDetails,
  type LedgerFileProblem,
  type ReadLedgerOptions,
  type ReadLimit,
  type ReadLimits,
} from "./read.js";
