import { posix } from "node:path";
import { SaxesParser } from "saxes";
import { decodeXlsxText } from "./xlsx-text.js";
import { LedgerFileError, type ReadLimits } from "./read-error.js";
import { columnLetter, LedgerGrid, type Cell, type LedgerFile } from "./read-grid.js";
import { readZipDirectory, type ZipEntry } from "./zip-directory.js";
import { InflateBudget, inflateEntry } from "./zip-inflate.js";

/*
 * An .xlsx read as a stream, without a workbook model in memory: the zip's
 * directory is checked first (readZipDirectory), then only the parts a ledger
 * needs are inflated — the package and workbook relationships, the workbook,
 * the shared strings, the styles (to tell dates from numbers) and one sheet at
 * a time — each parsed as XML while it is inflated. Pictures, charts and every
 * other part are never unpacked. Rows go to the grid as they are parsed, so
 * the row and cell limits refuse a sheet as soon as they are passed.
 */

type Attributes = Record<string, string>;
interface XmlHandlers {
  open(name: string, attributes: Attributes): void;
  text?(text: string): void;
  close?(name: string): void;
}

/** `x:row` and `row` alike: some writers prefix SpreadsheetML's elements. */
const local = (name: string): string => name.slice(name.indexOf(":") + 1);
/** An attribute by local name (`r:id` is `id`). */
function attribute(attributes: Attributes, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const [key, value] of Object.entries(attributes)) if (local(key) === name) return value;
  return undefined;
}

/**
 * The most characters an XML part may hold between two `<`: a cell holds at
 * most 32,767 characters in Excel, and the XML parser keeps a text node whole
 * until it ends, so a part of nothing but one long text is refused here, not
 * held in memory.
 */
const MAX_TEXT_RUN = 1024 * 1024;

const notWorkbook = (reason: string) => new LedgerFileError("unreadable", "not a readable .xlsx workbook: a part it needs is missing", [], { reason });

class XlsxPackage {
  private readonly budget: InflateBudget;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    limits: ReadLimits,
  ) {
    this.budget = new InflateBudget(limits.maxUnzippedBytes);
  }

  entry(path: string): ZipEntry | undefined {
    return this.entries.get(path.toLowerCase());
  }

  /** Parses one part as XML while it is inflated; a handler that throws stops both. */
  async parse(path: string, handlers: XmlHandlers, describe: () => string = () => path): Promise<void> {
    const entry = this.entry(path);
    if (!entry) throw notWorkbook(`no part ${path}`);
    const parser = new SaxesParser({ xmlns: false });
    parser.on("opentag", (tag) => handlers.open(local(tag.name), tag.attributes as Attributes));
    if (handlers.text) {
      const text = handlers.text;
      parser.on("text", text);
      parser.on("cdata", text);
    }
    if (handlers.close) {
      const close = handlers.close;
      parser.on("closetag", (tag) => close(local(tag.name)));
    }
    const decoder = new TextDecoder("utf-8");
    const xml = (write: () => void) => {
      try {
        write();
      } catch (error) {
        if (error instanceof LedgerFileError) throw error;
        throw new LedgerFileError("unreadable", `not a readable .xlsx workbook: ${describe()} is damaged (not well-formed XML)`, [], {
          reason: `${path}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    };
    let run = 0;
    for await (const chunk of inflateEntry(this.bytes, entry, this.budget)) {
      const text = decoder.decode(chunk, { stream: true });
      const lastTag = text.lastIndexOf("<");
      run = lastTag < 0 ? run + text.length : text.length - lastTag - 1;
      if (run > MAX_TEXT_RUN) {
        throw new LedgerFileError("unreadable", `not a readable .xlsx workbook: ${describe()} holds a text longer than any cell can`, [], { reason: `${path}: more than ${MAX_TEXT_RUN} characters without markup` });
      }
      xml(() => parser.write(text));
    }
    xml(() => parser.write(decoder.decode()).close());
  }

  /** A part's relationships: id → { type, resolved target path }. */
  async relationships(of: string): Promise<Map<string, { type: string; target: string }>> {
    const dir = posix.dirname(of);
    const path = posix.join(dir === "." ? "" : dir, "_rels", `${posix.basename(of)}.rels`);
    const found = new Map<string, { type: string; target: string }>();
    if (!this.entry(path)) return found;
    await this.parse(path, {
      open(name, attributes) {
        const id = attribute(attributes, "Id");
        const target = attribute(attributes, "Target");
        if (name !== "Relationship" || !id || !target || attribute(attributes, "TargetMode") === "External") return;
        const resolved = target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(dir === "." ? "" : dir, target));
        found.set(id, { type: attribute(attributes, "Type") ?? "", target: resolved });
      },
    });
    return found;
  }
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, and the CJK ones of zh-CN Excel). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** A custom format shows a date when it has date or time letters outside quotes and brackets (as exceljs decides). */
const isDateFormat = (code: string): boolean => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));

/** The date of an Excel serial day number, as exceljs reads it. */
const excelDate = (serial: number, date1904: boolean): Date => new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

function columnOf(reference: string | undefined): number | null {
  const letters = /^([A-Z]{1,3})\d*$/i.exec(reference ?? "")?.[1];
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

interface Sheet {
  name: string;
  path: string;
}

interface Book {
  sheets: Sheet[];
  sharedStrings: string[];
  /** Per style index (a cell's `s`): whether it shows a date. */
  dateStyles: boolean[];
  date1904: boolean;
}

async function readBook(pkg: XlsxPackage): Promise<Book> {
  const root = await pkg.relationships("");
  const office = [...root.values()].find((r) => r.type.endsWith("/officeDocument"));
  const workbookPath = office?.target ?? "xl/workbook.xml";
  if (!pkg.entry(workbookPath)) throw notWorkbook(`no workbook part ${workbookPath}`);
  const rels = await pkg.relationships(workbookPath);

  const listed: Array<{ name: string; id: string }> = [];
  let date1904 = false;
  await pkg.parse(workbookPath, {
    open(name, attributes) {
      if (name === "workbookPr") date1904 = ["1", "true"].includes(attribute(attributes, "date1904") ?? "");
      if (name !== "sheet") return;
      const sheetName = attribute(attributes, "name");
      const id = attribute(attributes, "id");
      if (sheetName !== undefined && id !== undefined) listed.push({ name: sheetName, id });
    },
  });
  const sheets = listed.flatMap(({ name, id }) => {
    const rel = rels.get(id);
    return rel && rel.type.endsWith("/worksheet") && pkg.entry(rel.target) ? [{ name, path: rel.target }] : [];
  });

  const sharedStrings: string[] = [];
  const strings = [...rels.values()].find((r) => r.type.endsWith("/sharedStrings"));
  if (strings && pkg.entry(strings.target)) {
    // An <si> is plain (<t>) or rich text (runs of <r><t>); phonetic guides (<rPh>) are not part of the text.
    let inItem = false;
    let inPhonetic = 0;
    let inText = false;
    let text = "";
    await pkg.parse(strings.target, {
      open(name) {
        if (name === "si") {
          inItem = true;
          text = "";
        } else if (name === "rPh") inPhonetic += 1;
        else if (name === "t" && inItem && inPhonetic === 0) inText = true;
      },
      text(t) {
        if (inText) text += t;
      },
      close(name) {
        if (name === "t") inText = false;
        else if (name === "rPh") inPhonetic -= 1;
        else if (name === "si") {
          sharedStrings.push(decodeXlsxText(text));
          inItem = false;
        }
      },
    });
  }

  const dateStyles: boolean[] = [];
  const styles = [...rels.values()].find((r) => r.type.endsWith("/styles"));
  if (styles && pkg.entry(styles.target)) {
    const customFormats = new Map<number, string>();
    const formatOfStyle: number[] = [];
    let inCellXfs = false;
    await pkg.parse(styles.target, {
      open(name, attributes) {
        if (name === "numFmt") customFormats.set(Number(attribute(attributes, "numFmtId")), attribute(attributes, "formatCode") ?? "");
        else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) formatOfStyle.push(Number(attribute(attributes, "numFmtId") ?? 0));
      },
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    });
    for (const id of formatOfStyle) {
      const custom = customFormats.get(id);
      dateStyles.push(custom !== undefined ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id));
    }
  }
  return { sheets, sharedStrings, dateStyles, date1904 };
}

/** Streams one sheet's rows into a grid. */
async function readSheet(pkg: XlsxPackage, book: Book, sheet: Sheet, limits: ReadLimits): Promise<LedgerFile> {
  const where = (line: number, column: number) => `${sheet.name}!${columnLetter(column)}${line}`;
  const grid = new LedgerGrid("xlsx", sheet.name, limits, where);
  let line = 0;
  let cells: Cell[] = [];
  let cellCount = 0;
  let column = 0;
  // The cell being read.
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let formula: string | null = null;
  let sharedFormula: string | null = null;
  let inline = "";
  let reading: "v" | "f" | "t" | null = null;
  let inPhonetic = 0;
  let inRow = false;
  const sharedFormulas = new Map<string, string>();

  const finishCell = (): Cell => {
    if (formula !== null && (formula !== "" || sharedFormula !== null)) {
      return { formula: formula !== "" ? formula : (sharedFormulas.get(sharedFormula ?? "") ?? "") };
    }
    if (type === "inlineStr") return decodeXlsxText(inline);
    if (value === null) return null;
    switch (type) {
      case "s": {
        const text = book.sharedStrings[Number.parseInt(value, 10)];
        if (text === undefined) {
          throw new LedgerFileError("unreadable", `not a readable .xlsx workbook: ${where(line, column)} refers to text the workbook does not hold`, [where(line, column)]);
        }
        return text;
      }
      case "str":
        // A formula's cached text, and what exceljs's streaming writer writes for every string: <v> is ST_Xstring too.
        return decodeXlsxText(value);
      case "b":
        return Number.parseInt(value, 10) !== 0;
      case "e":
        return { error: value };
      case "d": {
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? value : date;
      }
      default: {
        const number = Number.parseFloat(value);
        if (Number.isNaN(number)) return value;
        return book.dateStyles[style] ? excelDate(number, book.date1904) : number;
      }
    }
  };

  await pkg.parse(
    sheet.path,
    {
      open(name, attributes) {
        switch (name) {
          case "row": {
            const r = Number.parseInt(attribute(attributes, "r") ?? "", 10);
            line = Number.isSafeInteger(r) && r > line ? r : line + 1;
            cells = [];
            cellCount = 0;
            column = 0;
            inRow = true;
            return;
          }
          case "c": {
            if (!inRow) return;
            column = columnOf(attribute(attributes, "r")) ?? column + 1;
            type = attribute(attributes, "t") ?? "n";
            style = Number.parseInt(attribute(attributes, "s") ?? "0", 10);
            value = null;
            formula = null;
            sharedFormula = null;
            inline = "";
            return;
          }
          case "v":
            value = "";
            reading = "v";
            return;
          case "f":
            formula = "";
            reading = "f";
            if (attribute(attributes, "t") === "shared") sharedFormula = attribute(attributes, "si") ?? "";
            return;
          case "rPh":
            inPhonetic += 1;
            return;
          case "t":
            if (inPhonetic === 0) reading = "t";
            return;
          default:
            return;
        }
      },
      text(t) {
        if (reading === "v") value += t;
        else if (reading === "f") formula += t;
        else if (reading === "t") inline += t;
      },
      close(name) {
        switch (name) {
          case "v":
          case "t":
            reading = null;
            return;
          case "f":
            reading = null;
            if (sharedFormula !== null && formula) sharedFormulas.set(sharedFormula, formula);
            return;
          case "rPh":
            inPhonetic -= 1;
            return;
          case "c":
            if (!inRow) return;
            cellCount += 1;
            // Only the count of cells past the limit matters; their values are not kept.
            if (cellCount <= limits.maxCells) cells[column - 1] = finishCell();
            else grid.push(line, cells, cellCount);
            return;
          case "row":
            inRow = false;
            grid.push(line, cells, cellCount);
            return;
          default:
            return;
        }
      },
    },
    () => `sheet ${sheet.name}${line > 0 ? ` (near row ${line})` : ""}`,
  );
  return grid.finish();
}

/**
 * Reads an edited ledger from an .xlsx: the exported ledger sheet by name
 * (台账 / Ledger), else the first sheet whose header row names the columns rows
 * are matched by.
 */
export async function readXlsx(bytes: Uint8Array, limits: ReadLimits): Promise<LedgerFile> {
  const pkg = new XlsxPackage(bytes, readZipDirectory(bytes, limits), limits);
  const book = await readBook(pkg);
  const candidates = [...new Set([...book.sheets.filter((s) => s.name === "台账" || s.name === "Ledger"), ...book.sheets])];
  let lastError: LedgerFileError | null = null;
  for (const sheet of candidates) {
    try {
      return await readSheet(pkg, book, sheet, limits);
    } catch (error) {
      if (!(error instanceof LedgerFileError) || (error.code !== "no_header" && error.code !== "missing_columns")) throw error;
      lastError ??= error;
    }
  }
  throw lastError ?? new LedgerFileError("empty", "the workbook has no sheets");
}
