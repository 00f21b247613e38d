import { getDocumentProxy } from "unpdf";
import { unifyIdeographs } from "./compatibility-characters.js";
import { DocumentError } from "./document-error.js";

/** One line of a page as laid out: its text, where it starts and ends, its baseline and font size. */
export interface LaidOutLine {
  page: number;
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  pageHeight: number;
}

interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === "object" && item !== null && "str" in item && "transform" in item && "width" in item;
}

const LATIN_END = /[A-Za-z0-9]$/u;
const SENTENCE_END = /[。！？；：!?;:]\s*$/u;
const HEADING_START = /^(?:[一二三四五六七八九十百]+[、.，,]|[(（][一二三四五六七八九十百]+[)）]|\d{1,3}[.、．](?!\d)|第[一二三四五六七八九十百\d]+[章节部分条])/u;
const LATIN_START = /^[A-Za-z0-9]/u;

/** Groups a page's text items into lines, left to right; a gap wider than a third of the font size is a space. */
function pageLines(items: readonly TextItem[], page: number, pageHeight: number): LaidOutLine[] {
  const placed = items
    .filter((i) => i.str !== "")
    .map((i) => ({ str: i.str, x: i.transform[4] ?? 0, y: i.transform[5] ?? 0, size: Math.hypot(i.transform[2] ?? 0, i.transform[3] ?? 0) || 1, width: i.width }))
    .sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: typeof placed }[] = [];
  for (const item of placed) {
    const line = lines.find((l) => Math.abs(l.y - item.y) < Math.max(l.size, item.size) * 0.5);
    if (line === undefined) lines.push({ y: item.y, size: item.size, items: [item] });
    else {
      line.items.push(item);
      line.size = Math.max(line.size, item.size);
    }
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((line) => {
      const sorted = line.items.sort((a, b) => a.x - b.x);
      let text = "";
      let end = sorted[0]?.x ?? 0;
      for (const item of sorted) {
        if (text !== "" && item.x - end > line.size / 3 && !text.endsWith(" ") && !item.str.startsWith(" ")) text += " ";
        text += item.str;
        end = Math.max(end, item.x + item.width);
      }
      const first = sorted.find((i) => i.str.trim() !== "");
      return {
        page,
        text: unifyIdeographs(text).trimEnd(),
        x0: first?.x ?? 0,
        x1: end,
        y: line.y,
        size: line.size,
        pageHeight,
      };
    })
    .filter((l) => l.text.trim() !== "");
}

const PAGE_NUMBER = /^(?:[-—–_·•\s]*\d{1,4}[-—–_·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/iu;
const FURNITURE_ZONE = 0.1;

/**
 * Page furniture: in the top or bottom tenth of a page, a page number or a
 * line that (digits aside) comes back on at least half the pages.
 */
function isFurniture(line: LaidOutLine, repeats: Map<string, number>, pages: number): boolean {
  const fromTop = (line.pageHeight - line.y) / line.pageHeight;
  const fromBottom = line.y / line.pageHeight;
  if (fromTop > FURNITURE_ZONE && fromBottom > FURNITURE_ZONE) return false;
  if (PAGE_NUMBER.test(line.text.trim())) return true;
  return pages >= 2 && (repeats.get(furnitureKey(line.text)) ?? 0) >= Math.max(2, pages / 2);
}

const furnitureKey = (text: string): string => text.replace(/\d+/gu, "#").replace(/\s+/gu, "");

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Joins a PDF's lines into paragraphs: a line continues the previous one when
 * the previous runs to the right margin (within about a character and a half),
 * or — where paragraphs open with an indent — stops short without ending a
 * sentence, and this one starts at the left margin, in the same font size, without a
 * paragraph's gap — across a page break too. An indented line starts a
 * paragraph, as does anything after a line that stops short.
 */
export function joinLaidOutLines(lines: readonly LaidOutLine[]): string[] {
  const pages = new Set(lines.map((l) => l.page)).size;
  const repeats = new Map<string, number>();
  const seen = new Set<string>();
  for (const line of lines) {
    const key = `${line.page}:${furnitureKey(line.text)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    repeats.set(furnitureKey(line.text), (repeats.get(furnitureKey(line.text)) ?? 0) + 1);
  }
  const body = lines.filter((l) => !isFurniture(l, repeats, pages));
  if (body.length === 0) return [];
  // The text block's edges: where most lines start, and the furthest any line reaches.
  const left = Math.min(...body.map((l) => l.x0), mostCommon(body.map((l) => l.x0)));
  const right = Math.max(...body.map((l) => l.x1));
  const gap = mostCommon(body.slice(1).flatMap((l, i) => (body[i]?.page === l.page ? [(body[i]?.y ?? 0) - l.y] : [])));
  // Most paragraphs open with a first-line indent: then a line at the margin continues one even when the
  // line above stopped short (an unbreakable "(2015-2020年)" wrapped whole).
  const indented = body.filter((l) => l.x0 - left > l.size * 1.5 && l.x0 - left < l.size * 2.6).length;
  const indentedDocument = indented >= Math.max(2, body.length * 0.05);
  const paragraphs: string[] = [];
  let previous: LaidOutLine | null = null;
  for (const line of body) {
    const fullLine = previous !== null && previous.x1 >= right - previous.size * 1.5;
    const shortButOpen = previous !== null && indentedDocument && !SENTENCE_END.test(previous.text) && !HEADING_START.test(line.text.trimStart());
    const fills = fullLine || shortButOpen;
    const atLeft = Math.abs(line.x0 - left) < line.size * 0.5;
    const sameSize = previous !== null && Math.abs(previous.size - line.size) < line.size * 0.2;
    const close = previous !== null && (previous.page !== line.page || previous.y - line.y <= Math.max(gap, line.size) * 1.3);
    if (previous !== null && fills && atLeft && sameSize && close && paragraphs.length > 0) {
      const last = paragraphs[paragraphs.length - 1] ?? "";
      const space = LATIN_END.test(last) && LATIN_START.test(line.text.trimStart()) ? " " : "";
      paragraphs[paragraphs.length - 1] = last + space + line.text.trimStart();
    } else {
      paragraphs.push(line.text.trim());
    }
    previous = line;
  }
  return paragraphs;
}

/**
 * Reads a PDF's text layer (pdf.js through unpdf) with its layout: lines
 * joined across wraps and page breaks, page numbers and running headers and
 * footers removed. A scan without a text layer, or an encrypted file, is
 * refused with a message saying so.
 */
export async function readPdf(bytes: Uint8Array): Promise<string[]> {
  let document;
  try {
    document = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") throw new DocumentError("encrypted-file", "the PDF is encrypted: open it with its password and save an unprotected copy", { cause: error });
    throw new DocumentError("damaged-file", `the PDF cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    const lines: LaidOutLine[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const { height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items as unknown[]) if (isTextItem(item)) items.push(item);
      lines.push(...pageLines(items, n, height));
    }
    if (!lines.some((l) => /\p{Script=Han}/u.test(l.text))) {
      throw new DocumentError("no-text", "the PDF has no Chinese text layer (a scanned image?): run it through OCR, or import the document's Word or web version");
    }
    return joinLaidOutLines(lines);
  } finally {
    await document.destroy();
  }
}
