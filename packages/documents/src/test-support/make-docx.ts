import { strToU8, zipSync } from "fflate";

/** A paragraph of a generated .docx: text, optionally numbered by Word's list numbering. */
export type DocxParagraph = string | { text: string; numbered?: { numId: number; level: number } };
/** A table cell: text, or a merge (`span` columns to the right, `continue` a vertical merge from above). */
export type DocxCell = string | { text?: string; span?: number; merge?: "restart" | "continue" };
export type DocxBlock = DocxParagraph | { table: DocxCell[][] };

const escape = (s: string): string => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function run(text: string): string {
  // Line breaks inside a paragraph are <w:br/>; a deleted revision and a field code must not be read.
  return text
    .split("\n")
    .map((part) => `<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:t xml:space="preserve">${escape(part)}</w:t></w:r>`)
    .join("<w:r><w:br/></w:r>");
}

function paragraph(p: DocxParagraph): string {
  const text = typeof p === "string" ? p : p.text;
  const numbered = typeof p === "string" ? undefined : p.numbered;
  const numPr = numbered === undefined ? "" : `<w:numPr><w:ilvl w:val="${numbered.level}"/><w:numId w:val="${numbered.numId}"/></w:numPr>`;
  return `<w:p><w:pPr>${numPr}<w:ind w:firstLineChars="200"/></w:pPr>${run(text)}</w:p>`;
}

function cell(c: DocxCell): string {
  const spec = typeof c === "string" ? { text: c } : c;
  const props = `${spec.span === undefined ? "" : `<w:gridSpan w:val="${spec.span}"/>`}${spec.merge === undefined ? "" : spec.merge === "restart" ? '<w:vMerge w:val="restart"/>' : "<w:vMerge/>"}`;
  const paragraphs = (spec.text ?? "").split("\n").map((t) => `<w:p>${run(t)}</w:p>`).join("");
  return `<w:tc><w:tcPr>${props}</w:tcPr>${paragraphs}</w:tc>`;
}

/** Numbering definitions: numId 1 prints 一、 (level 0) and (一) (level 1); numId 2 prints 1. */
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

/**
 * A .docx as Word writes one (document, styles, numbering, a header with the
 * title and a footer with the page number, which are not the document's
 * text), made for tests from paragraphs and tables.
 */
export function makeDocx(blocks: readonly DocxBlock[], options: { header?: string } = {}): Uint8Array {
  const body = blocks
    .map((b) => (typeof b === "object" && "table" in b ? `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${b.table.map((row) => `<w:tr>${row.map(cell).join("")}</w:tr>`).join("")}</w:tbl>` : paragraph(b)))
    .join("");
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>已删除的文字</w:delText></w:r></w:del></w:p><w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/></w:sectPr></w:body></w:document>`;
  return zipSync({
    "[Content_Types].xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>`),
    "_rels/.rels": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
    "word/_rels/document.xml.rels": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`),
    "word/document.xml": strToU8(document),
    "word/numbering.xml": strToU8(NUMBERING),
    "word/styles.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`),
    "word/header1.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W}><w:p><w:r><w:t>${escape(options.header ?? "页眉")}</w:t></w:r></w:p></w:hdr>`),
    "word/footer1.xml": strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr ${W}><w:p><w:r><w:t>- 1 -</w:t></w:r></w:p></w:ftr>`),
  });
}
