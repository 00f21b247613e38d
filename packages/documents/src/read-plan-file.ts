import { documentText, type DocumentBlock, type SourceFormat } from "@taizhang/core";
import { decodeText } from "./decode-text.js";
import { detectFileKind, type FileKind } from "./detect-format.js";
import { DocumentError } from "./document-error.js";
import { readDocx } from "./docx.js";
import { readHtml } from "./html.js";
import { convertLegacyDocument, findLibreOffice, LEGACY_HINT } from "./legacy.js";
import { readPdf } from "./pdf.js";
import { readXlsx } from "./xlsx.js";

/** A plan file read for the importer. */
export interface PlanFile {
  /** The text core's importPlan reads: one paragraph per line, tables as task lists. */
  text: string;
  /** What the file was, from its content. */
  kind: Exclude<FileKind, "ole" | "rtf" | "ofd" | "zip"> | "doc";
  /** The provenance format to record: the container for files, null for plain text (the importer detects its layout). */
  format: SourceFormat | null;
}

export interface ReadOptions {
  /** LibreOffice's soffice for legacy .doc/.wps files; found on the machine when absent, never used when null. */
  soffice?: string | null;
}

/**
 * Reads a plan file of any kind governments publish — .docx, .pdf,
 * .html/.htm, .xlsx task tables, plain text (UTF-8, UTF-16, GB18030), legacy
 * .doc/.wps through LibreOffice — detected from its content, not its name,
 * into the text the importer reads. Throws DocumentError with a message that
 * says what the file is and what to do for what cannot be read.
 */
export async function readPlanFile(bytes: Uint8Array, options: ReadOptions = {}): Promise<PlanFile> {
  if (bytes.length === 0) throw new DocumentError("empty-file", "the file is empty");
  const kind = detectFileKind(bytes);
  const blocksText = (blocks: DocumentBlock[]): string => documentText(blocks);
  switch (kind) {
    case "pdf":
      return { text: (await readPdf(bytes)).join("\n"), kind, format: "pdf" };
    case "docx":
      return { text: blocksText(readDocx(bytes)), kind, format: "docx" };
    case "xlsx":
      return { text: blocksText(await readXlsx(bytes)), kind, format: "xlsx" };
    case "html":
      return { text: blocksText(readHtml(bytes)), kind, format: "html" };
    case "ole": {
      const soffice = options.soffice === undefined ? findLibreOffice() : options.soffice;
      const docx = await convertLegacyDocument(bytes, soffice);
      return { text: blocksText(readDocx(docx)), kind: "doc", format: "docx" };
    }
    case "rtf":
      throw new DocumentError("unsupported-format", `this is an RTF file: ${LEGACY_HINT.replace("FILE", "FILE.rtf")}`);
    case "ofd":
      throw new DocumentError("unsupported-format", "this is an OFD file (版式文档): export it as PDF or Word from the OFD reader and import that");
    case "zip":
      throw new DocumentError("unsupported-format", "this is a zip archive but neither a Word (.docx) nor an Excel (.xlsx) file: unpack it and import the plan's file");
    case "text":
      return { text: decodeText(bytes), kind, format: null };
  }
}
