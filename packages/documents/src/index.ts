export { readPlanFile, type PlanFile, type ReadOptions } from "./read-plan-file.js";
export { DocumentError, isDocumentError, DOCUMENT_ERROR_CODES, type DocumentErrorCode } from "./document-error.js";
export { detectFileKind, type FileKind } from "./detect-format.js";
export { decodeText } from "./decode-text.js";
export { readDocx } from "./docx.js";
export { readHtml } from "./html.js";
export { readPdf, joinLaidOutLines, type LaidOutLine } from "./pdf.js";
export { readXlsx } from "./xlsx.js";
export { convertLegacyDocument, findLibreOffice } from "./legacy.js";
