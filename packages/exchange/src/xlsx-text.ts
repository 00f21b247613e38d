/**
 * Cell text as OOXML holds it (ST_Xstring, ECMA-376 22.9.2.19): a character
 * XML would not keep — a carriage return, which every XML parser turns into a
 * line feed — is written `_x000D_`, and text that already looks like such an
 * escape (`_x` and four hex digits) gets its underscore escaped (`_x005F_`), so Excel and our reader both
 * give back exactly the text that was written. exceljs does neither.
 */
const ESCAPE = /_x[0-9A-Fa-f]{4}_/g;

/** Text for a cell of a workbook we write. */
export function encodeXlsxText(text: string): string {
  if (!text.includes("_x") && !text.includes("\r")) return text;
  // Every underscore that starts `x` and four hex digits is escaped, whatever follows: a `_x000D` before a
  // carriage return would otherwise become `_x000D_x000D_` and read back as CR followed by `x000D_`.
  return text.replace(/_(?=x[0-9A-Fa-f]{4})/g, "_x005F_").replace(/\r/g, "_x000D_");
}

/** A cell's text as read from a workbook's XML: the escapes undone. */
export function decodeXlsxText(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(ESCAPE, (m) => String.fromCharCode(Number.parseInt(m.slice(2, 6), 16)));
}
