import { normalizeText, type DocumentBlock, type TableCell } from "@taizhang/core";
import type { ChildNode, Document, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { decodeText, encodingOf } from "./decode-text.js";

const DROPPED = new Set(["script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form", "select", "button", "input", "textarea", "object", "embed", "svg", "canvas", "template", "head", "map", "audio", "video"]);
const BLOCK = new Set([
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main", "blockquote", "center", "dd", "dt", "dl", "pre", "address", "figure", "figcaption", "tr", "td", "th", "caption", "hr", "body", "font-block",
]);
/** Class or id words of site furniture, and of article bodies (as government CMSs name them). */
const FURNITURE = /nav|menu|foot|header|top-?bar|sidebar|side|crumb|position|location|share|copyright|related|relevant|link|comment|toolbar|banner|search|login|logo|friend|qrcode|ewm|print|bottom|tab-?head/iu;
const ARTICLE = /content|article|zoom|detail|main|trs_?editor|pages?_content|view|xxgk|zwgk|wenzhang|text|body|zw|nr|fontzoom|custom_unionstyle/iu;

function elements(node: { children?: ChildNode[] }): Element[] {
  return (node.children ?? []).filter((c): c is Element => c.type === "tag" || c.type === "script" || c.type === "style");
}

function classWords(e: Element): string {
  return `${e.attribs["class"] ?? ""} ${e.attribs["id"] ?? ""}`;
}

function allText(node: ChildNode): string {
  if (node.type === "text") return node.data;
  if (node.type !== "tag") return "";
  if (DROPPED.has(node.name)) return "";
  return (node.children ?? []).map(allText).join("");
}

function hanCount(text: string): number {
  return text.match(/\p{Script=Han}/gu)?.length ?? 0;
}

function linkText(node: ChildNode): number {
  if (node.type !== "tag" || DROPPED.has(node.name)) return 0;
  if (node.name === "a") return hanCount(allText(node));
  return (node.children ?? []).reduce((n, c) => n + linkText(c), 0);
}

/** The page's charset: a BOM, else <meta charset> or http-equiv Content-Type, else detection (UTF-8, then GB18030). */
function decodePage(bytes: Uint8Array): string {
  const probe = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/iu.exec(probe)?.[1] ?? null;
  return decodeText(bytes, declared !== null && encodingOf(declared) !== null ? declared : null);
}

/**
 * Scores each element as the article body: the Chinese text of its own
 * paragraphs (a readability-style score), less what is in links, more for
 * class or id words CMSs give article bodies, less for site furniture.
 */
function articleBody(document: Document): Element | null {
  const scores = new Map<Element, number>();
  const visit = (node: Element, furniture: boolean): void => {
    const words = classWords(node);
    const inFurniture = furniture || (FURNITURE.test(words) && !ARTICLE.test(words));
    for (const c of elements(node)) {
      if (DROPPED.has(c.name)) continue;
      visit(c, inFurniture);
    }
    if (inFurniture) return;
    // A paragraph-like element gives its Chinese text to its parent and, halved, to its grandparent.
    if (node.name === "p" || node.name === "td" || node.name === "pre" || node.name === "div" || node.name === "li") {
      const own = (node.children ?? []).filter((c) => c.type === "text" || (c.type === "tag" && !BLOCK.has(c.name))).map(allText).join("");
      const han = hanCount(own);
      if (han < 10) return;
      const parent = node.parent?.type === "tag" ? node.parent : null;
      const grandparent = parent?.parent?.type === "tag" ? parent.parent : null;
      if (node.name === "div" || node.name === "td") scores.set(node, (scores.get(node) ?? 0) + han);
      if (parent !== null) scores.set(parent, (scores.get(parent) ?? 0) + han);
      if (grandparent !== null) scores.set(grandparent, (scores.get(grandparent) ?? 0) + han / 2);
    }
  };
  for (const e of elements(document)) visit(e, false);
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, raw] of scores) {
    const total = hanCount(allText(element));
    const links = total === 0 ? 1 : linkText(element) / total;
    const words = classWords(element);
    const score = raw * (1 - links) * (ARTICLE.test(words) ? 1.25 : 1) * (FURNITURE.test(words) && !ARTICLE.test(words) ? 0.2 : 1);
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}

function contains(ancestor: Element, node: ChildNode): boolean {
  for (let p: ChildNode | null = node; p !== null; p = p.parent as ChildNode | null) if (p === ancestor) return true;
  return false;
}

/** The page's title when the body does not print it: meta ArticleTitle, else the last heading before the body, else <title>. */
function pageTitle(document: Document, body: Element): string | null {
  const metas: Element[] = [];
  const headings: Element[] = [];
  let title: string | null = null;
  let passed = false;
  const walk = (node: ChildNode): void => {
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") return;
    if (node === body) {
      passed = true;
      return;
    }
    if (node.name === "meta") metas.push(node);
    if (node.name === "title") title = allText({ ...node, name: "span" } as Element).trim();
    if (!passed && /^h[1-3]$/u.test(node.name) && hanCount(allText(node)) >= 4) headings.push(node);
    if (node.name !== "script" && node.name !== "style") for (const c of node.children ?? []) walk(c);
  };
  for (const c of document.children) walk(c);
  const meta = metas.find((m) => /^(?:articletitle|title|dc\.title)$/iu.test(m.attribs["name"] ?? ""))?.attribs["content"]?.trim();
  if (meta !== undefined && hanCount(meta) >= 4) return meta;
  const heading = headings[headings.length - 1];
  if (heading !== undefined && !contains(body, heading)) return allText(heading).replace(/\s+/gu, " ").trim();
  const fromTitle = (title as string | null)?.split(/\s*[-_|—]{1,2}\s*/u).sort((a, b) => hanCount(b) - hanCount(a))[0];
  return fromTitle !== undefined && hanCount(fromTitle) >= 4 ? fromTitle : null;
}

function spanOf(e: Element, attribute: string): number {
  const n = Number(e.attribs[attribute] ?? 1);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 64) : 1;
}

/** A table's rows with rowspan/colspan expanded (a merged cell repeats its text, marked covered). */
function tableRows(table: Element, lines: (node: Element) => string[]): TableCell[][] {
  const rows: TableCell[][] = [];
  const pending: (TableCell & { left: number })[] = [];
  const trs: Element[] = [];
  const collect = (node: Element): void => {
    for (const c of elements(node)) {
      if (c.name === "tr") trs.push(c);
      else if (c.name === "thead" || c.name === "tbody" || c.name === "tfoot") collect(c);
    }
  };
  collect(table);
  for (const tr of trs) {
    const row: TableCell[] = [];
    const cells = elements(tr).filter((c) => c.name === "td" || c.name === "th");
    let next = 0;
    const fillPending = (): void => {
      let carried = pending[row.length];
      while (carried !== undefined && carried.left > 0) {
        row.push({ text: carried.text, covered: true });
        carried.left -= 1;
        carried = pending[row.length];
      }
    };
    fillPending();
    while (next < cells.length) {
      const cell = cells[next];
      next += 1;
      if (cell === undefined) continue;
      const text = lines(cell).join("\n").trim();
      const colspan = spanOf(cell, "colspan");
      const rowspan = spanOf(cell, "rowspan");
      for (let i = 0; i < colspan; i += 1) {
        pending[row.length] = { text, covered: true, left: rowspan - 1 };
        row.push({ text, covered: i > 0 });
      }
      fillPending();
    }
    rows.push(row);
  }
  return rows;
}

/** The body's paragraphs and tables: block elements and <br> break lines, whitespace collapses. */
function blocksOf(root: Element): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let line = "";
  const flush = (): void => {
    const text = line.replace(/[ \t\r\n\f]+/gu, " ").trim();
    if (text !== "") blocks.push({ kind: "paragraph", text });
    line = "";
  };
  const cellLines = (cell: Element): string[] => {
    const inner = blocksOf(cell);
    return inner.flatMap((b) => (b.kind === "paragraph" ? [b.text] : b.rows.flatMap((r) => r.filter((c) => !c.covered).map((c) => c.text))));
  };
  const walk = (node: ChildNode, pre: boolean): void => {
    if (node.type === "text") {
      line += pre ? node.data.replace(/\n/gu, "\u0000") : node.data;
      return;
    }
    if (node.type !== "tag" || DROPPED.has(node.name)) return;
    if (node.name === "br") {
      flush();
      return;
    }
    if (node.name === "table") {
      flush();
      const rows = tableRows(node, cellLines);
      if (rows.length >= 2 && rows.some((r) => r.length >= 2)) blocks.push({ kind: "table", rows });
      else for (const row of rows) for (const cell of row) if (!cell.covered && cell.text !== "") blocks.push(...cell.text.split("\n").map((text) => ({ kind: "paragraph" as const, text })));
      return;
    }
    const block = BLOCK.has(node.name);
    if (block) flush();
    for (const c of node.children ?? []) walk(c, pre || node.name === "pre");
    if (block) flush();
  };
  walk(root, false);
  flush();
  return blocks.flatMap((b): DocumentBlock[] => (b.kind === "paragraph" ? b.text.split("\u0000").map((text) => ({ kind: "paragraph" as const, text: text.trim() })).filter((p) => p.text !== "") : [b]));
}

/**
 * Reads a web page saved from a government site: decodes it (meta charset,
 * GB2312/GBK read as GB18030, or detected), finds the article body (site
 * navigation, headers, footers, link lists and scripts dropped) and returns
 * its paragraphs and tables, the page's title first when the body does not
 * print it.
 */
export function readHtml(bytes: Uint8Array): DocumentBlock[] {
  const document = parseDocument(decodePage(bytes), { decodeEntities: true });
  const body = articleBody(document);
  if (body === null) {
    const root = elements(document).find((e) => e.name === "html") ?? (document as unknown as Element);
    return blocksOf(root);
  }
  const blocks = blocksOf(body);
  const title = pageTitle(document, body);
  // Compared as the importer reads them: a traditional page may carry a simplified <title>.
  const squeeze = (text: string): string => normalizeText(text).text.replace(/[\s\u00a0\u3000]/gu, "");
  const printed = squeeze(blocks.map((b) => (b.kind === "paragraph" ? b.text : "")).join(""));
  if (title !== null && !printed.includes(squeeze(title))) {
    blocks.unshift({ kind: "paragraph", text: title });
  }
  return blocks;
}
