import { unzipSync } from "fflate";

/** What a file is, read from its bytes (never its name). */
export type FileKind = "pdf" | "docx" | "xlsx" | "html" | "text" | "ole" | "rtf" | "ofd" | "zip";

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b/iu;
const HTML_INSIDE = /<(?:body|p|div|table|br)\b[^>]*>/giu;

/** The names of a zip's entries, or null when the bytes are not a readable zip. */
export function zipEntries(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/**
 * Detects a file's kind from its content: %PDF, a zip holding word/ (docx) or
 * xl/ (xlsx) or OFD.xml, an OLE compound file (legacy .doc/.wps/.xls), RTF,
 * HTML (a doctype or html/head/body tag at the start, or many tags), else text.
 */
export function detectFileKind(bytes: Uint8Array): FileKind {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith("%PDF")) return "pdf";
  if (head.startsWith("PK\u0003\u0004")) {
    const entries = zipEntries(bytes) ?? [];
    if (entries.includes("word/document.xml")) return "docx";
    if (entries.includes("xl/workbook.xml")) return "xlsx";
    if (entries.some((e) => /^ofd\.xml$/iu.test(e))) return "ofd";
    return "zip";
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return "ole";
  if (head.startsWith("{\\rtf")) return "rtf";
  // Markup is ASCII in every encoding a page comes in; the first kilobytes tell.
  const probe = new TextDecoder("latin1").decode(bytes.subarray(bytes[0] === 0xef ? 3 : 0, 4096));
  if (HTML_START.test(probe) || (probe.match(HTML_INSIDE)?.length ?? 0) >= 5) return "html";
  return "text";
}
