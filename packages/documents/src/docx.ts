import type { DocumentBlock, TableCell } from "@taizhang/core";
import type { ChildNode, Element } from "domhandler";
import { unzipSync } from "fflate";
import { parseDocument } from "htmlparser2";
import { DocumentError } from "./document-error.js";
import { ordinalText } from "./numbering-formats.js";

/** Elements whose content is never text: deleted revisions, field codes, references, properties, the fallback copy of a drawing. */
const SKIPPED = new Set([
  "w:del",
  "w:delText",
  "w:instrText",
  "w:fldData",
  "mc:Fallback",
  "w:footnoteReference",
  "w:endnoteReference",
  "w:commentReference",
  "w:rPr",
  "w:pPr",
  "w:tcPr",
  "w:trPr",
  "w:tblPr",
  "w:tblGrid",
  "w:sectPr",
  "w:bookmarkStart",
  "w:bookmarkEnd",
]);

function elements(node: { children?: ChildNode[] }): Element[] {
  return (node.children ?? []).filter((c): c is Element => c.type === "tag");
}
function child(node: Element, name: string): Element | undefined {
  return elements(node).find((e) => e.name === name);
}
function val(node: Element | undefined, attribute = "w:val"): string | undefined {
  return node?.attribs[attribute];
}
function textOf(node: Element): string {
  return (node.children ?? []).map((c) => (c.type === "text" ? c.data : "")).join("");
}

interface Level {
  start: number;
  format: string;
  text: string;
}

/** Word's list numbering (numbering.xml), so that auto-numbered headings and 序号 cells keep their numbers. */
class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>();
  private readonly counters = new Map<string, number[]>();
  private readonly started = new Set<string>();
  private readonly styleNumbering = new Map<string, { numId: string; level: number }>();

  constructor(numberingXml: string | null, stylesXml: string | null) {
    if (numberingXml !== null) {
      const root = parseDocument(numberingXml, { xmlMode: true });
      const numbering = elements(root).find((e) => e.name === "w:numbering");
      for (const node of numbering === undefined ? [] : elements(numbering)) {
        if (node.name === "w:abstractNum") {
          const levels = new Map<number, Level>();
          for (const lvl of elements(node).filter((e) => e.name === "w:lvl")) {
            levels.set(Number(lvl.attribs["w:ilvl"] ?? 0), {
              start: Number(val(child(lvl, "w:start")) ?? 1),
              format: val(child(lvl, "w:numFmt")) ?? "decimal",
              text: val(child(lvl, "w:lvlText")) ?? "",
            });
          }
          this.abstracts.set(node.attribs["w:abstractNumId"] ?? "", levels);
        } else if (node.name === "w:num") {
          const starts = new Map<number, number>();
          for (const override of elements(node).filter((e) => e.name === "w:lvlOverride")) {
            const start = val(child(override, "w:startOverride"));
            if (start !== undefined) starts.set(Number(override.attribs["w:ilvl"] ?? 0), Number(start));
          }
          this.nums.set(node.attribs["w:numId"] ?? "", { abstractId: val(child(node, "w:abstractNumId")) ?? "", starts });
        }
      }
    }
    if (stylesXml !== null) {
      const root = parseDocument(stylesXml, { xmlMode: true });
      const styles = elements(root).find((e) => e.name === "w:styles");
      const based = new Map<string, string>();
      for (const style of styles === undefined ? [] : elements(styles).filter((e) => e.name === "w:style")) {
        const id = style.attribs["w:styleId"] ?? "";
        const numPr = child(child(style, "w:pPr") ?? style, "w:numPr");
        const numId = val(child(numPr ?? style, "w:numId"));
        if (numPr !== undefined && numId !== undefined) this.styleNumbering.set(id, { numId, level: Number(val(child(numPr, "w:ilvl")) ?? 0) });
        const parent = val(child(style, "w:basedOn"));
        if (parent !== undefined) based.set(id, parent);
      }
      // A style numbered through the style it is based on.
      for (const [id, parent] of based) {
        let ancestor: string | undefined = parent;
        for (let depth = 0; ancestor !== undefined && depth < 10 && !this.styleNumbering.has(id); depth += 1) {
          const found = this.styleNumbering.get(ancestor);
          if (found !== undefined) this.styleNumbering.set(id, found);
          ancestor = based.get(ancestor);
        }
      }
    }
  }

  /** The number Word prints before a paragraph ("一、", "(三)", "12."), advancing the list's counters; "" for none. */
  next(paragraph: Element): string {
    const pPr = child(paragraph, "w:pPr");
    const numPr = pPr === undefined ? undefined : child(pPr, "w:numPr");
    const fromStyle = this.styleNumbering.get(val(pPr === undefined ? undefined : child(pPr, "w:pStyle")) ?? "");
    const numId = val(numPr === undefined ? undefined : child(numPr, "w:numId")) ?? fromStyle?.numId;
    if (numId === undefined || numId === "0") return "";
    const level = Number(val(numPr === undefined ? undefined : child(numPr, "w:ilvl")) ?? fromStyle?.level ?? 0);
    const num = this.nums.get(numId);
    const levels = num === undefined ? undefined : this.abstracts.get(num.abstractId);
    const definition = levels?.get(level);
    if (num === undefined || levels === undefined || definition === undefined) return "";
    const key = num.abstractId;
    let counters = this.counters.get(key);
    // A list instance that overrides its start begins again where it is first used.
    if (counters === undefined || (num.starts.size > 0 && !this.started.has(numId))) {
      counters = [];
      this.counters.set(key, counters);
    }
    this.started.add(numId);
    const startOf = (l: number) => num.starts.get(l) ?? levels.get(l)?.start ?? 1;
    counters[level] = counters[level] === undefined ? startOf(level) : (counters[level] ?? 0) + 1;
    counters.length = level + 1;
    if (definition.format === "bullet" || definition.format === "none") return "";
    return definition.text.replace(/%([1-9])/gu, (_, n: string) => {
      const l = Number(n) - 1;
      const value = counters[l] ?? startOf(l);
      return ordinalText(value, levels.get(l)?.format ?? "decimal");
    });
  }
}

interface Context {
  numbering: Numbering;
  /** Text boxes met inside a paragraph, read as paragraphs of their own. */
  boxes: string[];
}

function runText(node: Element, context: Context, out: string[]): void {
  for (const c of node.children ?? []) {
    if (c.type !== "tag") continue;
    if (SKIPPED.has(c.name)) continue;
    if (c.name === "w:r" && child(c, "w:rPr")?.children?.some((e) => e.type === "tag" && e.name === "w:vanish")) continue;
    switch (c.name) {
      case "w:t":
        out.push(textOf(c));
        break;
      case "w:tab":
      case "w:ptab":
        out.push(" ");
        break;
      case "w:br":
        if (c.attribs["w:type"] !== "page" && c.attribs["w:type"] !== "column") out.push("\n");
        break;
      case "w:cr":
        out.push("\n");
        break;
      case "w:noBreakHyphen":
        out.push("-");
        break;
      case "w:txbxContent":
        for (const p of elements(c).filter((e) => e.name === "w:p")) context.boxes.push(paragraphText(p, context));
        break;
      default:
        runText(c, context, out);
    }
  }
}

function paragraphText(paragraph: Element, context: Context): string {
  const out: string[] = [context.numbering.next(paragraph)];
  runText(paragraph, context, out);
  return out.join("");
}

function cellText(cell: Element, context: Context): string {
  const lines: string[] = [];
  const walk = (node: Element): void => {
    for (const e of elements(node)) {
      if (e.name === "w:p") lines.push(paragraphText(e, context), ...context.boxes.splice(0));
      else if (e.name === "w:tbl") lines.push(...tableRows(e, context).flatMap((row) => row.filter((c) => !c.covered).map((c) => c.text)));
      else if (!SKIPPED.has(e.name)) walk(e);
    }
  };
  walk(cell);
  return lines.join("\n").trim();
}

/** A table's rows with merged cells expanded: gridSpan repeats a cell to the right, vMerge continues the one above. */
function tableRows(table: Element, context: Context): TableCell[][] {
  const rows: TableCell[][] = [];
  for (const tr of elements(table).filter((e) => e.name === "w:tr")) {
    const row: TableCell[] = [];
    const before = Number(val(child(child(tr, "w:trPr") ?? tr, "w:gridBefore")) ?? 0);
    for (let i = 0; i < before; i += 1) row.push({ text: "", covered: false });
    const cells = elements(tr).flatMap((e) => (e.name === "w:tc" ? [e] : e.name === "w:sdt" ? elements(child(e, "w:sdtContent") ?? e).filter((x) => x.name === "w:tc") : []));
    for (const tc of cells) {
      const tcPr = child(tc, "w:tcPr");
      const span = Math.max(1, Math.min(64, Number(val(tcPr === undefined ? undefined : child(tcPr, "w:gridSpan")) ?? 1)));
      const vMerge = tcPr === undefined ? undefined : child(tcPr, "w:vMerge");
      const continues = vMerge !== undefined && val(vMerge) !== "restart";
      const column = row.length;
      const above = rows[rows.length - 1]?.[column];
      const text = continues ? (above?.text ?? "") : cellText(tc, context);
      for (let i = 0; i < span; i += 1) row.push({ text, covered: continues || i > 0 });
    }
    rows.push(row);
  }
  return rows;
}

function bodyBlocks(node: Element, context: Context, out: DocumentBlock[]): void {
  for (const e of elements(node)) {
    if (e.name === "w:p") {
      const text = paragraphText(e, context);
      for (const box of context.boxes.splice(0)) out.push({ kind: "paragraph", text: box });
      out.push({ kind: "paragraph", text });
    } else if (e.name === "w:tbl") {
      out.push({ kind: "table", rows: tableRows(e, context) });
    } else if (!SKIPPED.has(e.name)) {
      bodyBlocks(e, context, out);
    }
  }
}

/**
 * Reads a .docx (Office Open XML) into paragraphs and tables, in reading
 * order: Word's automatic numbering is printed as Word shows it ("一、",
 * "(三)", "12."), merged table cells are expanded, deleted revisions, field
 * codes and hidden text are left out; headers, footers and footnotes live in
 * other parts of the file and are not read.
 */
export function readDocx(bytes: Uint8Array): DocumentBlock[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => ["word/document.xml", "word/numbering.xml", "word/styles.xml"].includes(f.name) });
  } catch (error) {
    throw new DocumentError("damaged-file", "the Word file (.docx) is damaged: its zip cannot be read", { cause: error });
  }
  const xml = (name: string): string | null => {
    const file = files[name];
    return file === undefined ? null : new TextDecoder("utf-8").decode(file);
  };
  const document = xml("word/document.xml");
  if (document === null) throw new DocumentError("damaged-file", "the Word file (.docx) has no word/document.xml");
  const root = parseDocument(document, { xmlMode: true });
  const body = elements(elements(root).find((e) => e.name === "w:document") ?? root).find((e) => e.name === "w:body");
  if (body === undefined) throw new DocumentError("damaged-file", "the Word file (.docx) has no body");
  const out: DocumentBlock[] = [];
  bodyBlocks(body, { numbering: new Numbering(xml("word/numbering.xml"), xml("word/styles.xml")), boxes: [] }, out);
  return out;
}
