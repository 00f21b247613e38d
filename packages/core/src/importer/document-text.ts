import { parseNumber } from "./chinese-number.js";

/**
 * A document read from a file (docx, html, xlsx, pdf) as the importer sees
 * it: paragraphs and tables in reading order. The file readers (package
 * @taizhang/documents) make it; {@link documentText} turns it into the text
 * {@link importPlan} reads, so every rule of the importer applies to files too.
 */
export type DocumentBlock = { kind: "paragraph"; text: string } | { kind: "table"; rows: TableCell[][] };

/** One cell of a table; a merged cell repeats its text in every cell it covers. */
export interface TableCell {
  /** The cell's text, its paragraphs joined by "\n". */
  text: string;
  /** True where a merged cell (rowspan/colspan, vMerge/gridSpan) covers this position: the text is the merge's. */
  covered: boolean;
}

type Column = "number" | "task" | "lead" | "responsible" | "deadline" | "other";

const HEADER = {
  number: /^(?:序号|编号|序|项次|顺序号|no\.?)$/iu,
  task: /^(?:(?:主要|重点|具体|工作|改革|重要)?任务(?:内容|名称|事项|要求)?|工作(?:内容|措施|事项|要点|举措)|具体(?:措施|内容|工作|举措)|重点工作(?:任务|内容)?|主要(?:内容|措施|举措)|措施|内容|事项|任务分工|改革举措|工作安排)$/u,
  lead: /^(?:牵头(?:单位|部门)?|主办(?:单位|部门)|主责(?:单位|部门)|牵头责任单位)$/u,
  responsible: /^(?:责任(?:单位|部门|主体|处室)|配合(?:单位|部门)|参与(?:单位|部门)|协办(?:单位|部门)|协同(?:单位|部门)|参加(?:单位|部门)|责任单位及分工)$/u,
  deadline: /^(?:完成(?:时限|时间|期限|时间节点)|时间(?:要求|节点|安排|进度)|时限(?:要求)?|进度(?:安排|要求)|工作时限)$/u,
} as const;
const RESPONSIBLE_LABEL_OF_HEADER = /^(?:配合|参与|协办)(?:单位|部门)$/u;
const MAX_HEADER_CELL = 20;
const HEADING_START = /^(?:[一二三四五六七八九十百]+[、.]|\([一二三四五六七八九十百]+\)|（[一二三四五六七八九十百]+）|第[一二三四五六七八九十百\d]+[章节部分])/u;
const NOTE_START = /^(?:注|说明|备注)\s*[:：]/u;
const OWN_ORDINAL = /^(?:(?<n>\d{1,3})[.、．](?!\d)|[(（][一二三四五六七八九十百]+[)）])/u;

function headerKey(text: string): string {
  return text.replace(/[\s\u3000]/gu, "").replace(/[（(][^）)]*[）)]/gu, "");
}

function classify(text: string): Column | null {
  const key = headerKey(text);
  if (key === "" || [...key].length > MAX_HEADER_CELL) return null;
  for (const column of ["number", "lead", "responsible", "deadline", "task"] as const) {
    if (HEADER[column].test(key)) return column;
  }
  return null;
}

interface Header {
  /** Index of the first header row. */
  first: number;
  /** Index of the last header row. */
  row: number;
  columns: (Column | null)[];
  labels: string[];
}

/** The header of a task table: a row (or a run of rows, for a merged 责任单位 over 牵头|配合) naming a task column and a unit or deadline column. */
function findHeader(rows: readonly TableCell[][]): Header | null {
  for (let r = 0; r < Math.min(rows.length, 6); r += 1) {
    const row = rows[r] ?? [];
    const columns = row.map((c) => classify(c.text));
    if (!columns.includes("task") || !columns.some((c) => c === "lead" || c === "responsible" || c === "deadline")) continue;
    const labels = row.map((c) => headerKey(c.text));
    let last = r;
    // A second header row refines the first (责任单位 → 牵头单位 | 配合单位).
    for (let next = r + 1; next < rows.length; next += 1) {
      const sub = rows[next] ?? [];
      const subColumns = sub.map((c) => classify(c.text));
      if (!sub.every((c, i) => c.text.trim() === "" || subColumns[i] !== null || c.covered)) break;
      if (!subColumns.some((c, i) => c !== null && !(sub[i]?.covered ?? false))) break;
      subColumns.forEach((c, i) => {
        if (c !== null && !(sub[i]?.covered ?? false)) {
          columns[i] = c;
          labels[i] = headerKey(sub[i]?.text ?? "");
        }
      });
      last = next;
    }
    return { first: r, row: last, columns, labels };
  }
  return null;
}

/** Sub-items inside a cell ("…。1.推行…") would read as tasks: they are printed as (1). */
function escapeInnerOrdinals(text: string): string {
  return text.replace(/(^|[。;；!?！？\n])(\s*)(\d{1,2})[.、．](?!\d)/gu, "$1$2($3)");
}

const CN_DIGITS = "零一二三四五六七八九";

/** 1 → 一, 12 → 十二, 21 → 二十一 (enough for sections). */
function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 === 0 ? "" : (CN_DIGITS[n % 10] ?? "")}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)] ?? ""}十${n % 10 === 0 ? "" : (CN_DIGITS[n % 10] ?? "")}`;
  return String(n);
}

function joinLines(text: string, separator: string): string {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(separator);
}

/**
 * The lines of a task table (序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 …), as the
 * importer reads a task list: "N.任务" then "牵头单位:…", "责任单位:…",
 * "完成时限:…". Rows that span the table, or a category column, become
 * section headings; notes ("注:…") come first. Null when the table has no
 * such header (a layout table).
 */
export function taskTableLines(rows: readonly TableCell[][]): string[] | null {
  const header = findHeader(rows);
  if (header === null) return null;
  const taskColumns = header.columns.flatMap((c, i) => (c === "task" ? [i] : []));
  // Two task columns (重点任务 | 具体措施): the first groups, the second is the task.
  const taskAt = taskColumns[taskColumns.length - 1] ?? -1;
  const categoryAt = taskColumns.length > 1 ? (taskColumns[0] ?? -1) : -1;
  const numberAt = header.columns.indexOf("number");
  const lines: string[] = [];
  const notes: string[] = [];
  // Rows above the header: the table's title.
  for (const row of rows.slice(0, header.first)) lines.push(...uniqueTexts(row));
  const body: string[] = [];
  let lastCategory = "";
  let sections = 0;
  let lastNumber = 0;
  for (const row of rows.slice(header.row + 1)) {
    const texts = uniqueTexts(row);
    if (texts.length === 0) continue;
    const task = joinLines(row[taskAt]?.text ?? "", "\n");
    const filled = row.filter((c) => c.text.trim() !== "");
    const across = texts.length === 1 && (filled.length > 1 || filled[0] !== row[taskAt]);
    if (across) {
      // A row across the table (or one cell of it outside the task column): a heading, or a note.
      const only = (texts[0] ?? "").replace(/\n/gu, "");
      if (NOTE_START.test(only)) {
        notes.push(only);
      } else {
        sections += 1;
        body.push(HEADING_START.test(only) ? only : `(${chineseNumeral(sections)})${only}`);
      }
      continue;
    }
    if (categoryAt >= 0) {
      const category = joinLines(row[categoryAt]?.text ?? "", "");
      if (category !== "" && category !== lastCategory) {
        sections += 1;
        body.push(HEADING_START.test(category) ? category : `(${chineseNumeral(sections)})${category}`);
      }
      lastCategory = category;
    }
    if (task === "") continue;
    const printed = numberAt >= 0 ? (row[numberAt]?.text ?? "").trim() : "";
    const arabic = /^(\d{1,3})[.、．]?$/u.exec(printed);
    const chinese = /^[(（]?([一二三四五六七八九十百]+)[)）、]?$/u.exec(printed);
    const own = OWN_ORDINAL.exec(task);
    if (own !== null) {
      // The cell prints its own number ("3.完善…"): it stands.
      body.push(own[0] + escapeInnerOrdinals(task.slice(own[0].length)));
      if (own.groups?.["n"] !== undefined) lastNumber = Number(own.groups["n"]);
    } else if (arabic?.[1] !== undefined) {
      lastNumber = Number(arabic[1]);
      body.push(`${lastNumber}.${escapeInnerOrdinals(task)}`);
    } else if (chinese?.[1] !== undefined && parseNumber(chinese[1]) !== null) {
      body.push(`(${chinese[1]})${escapeInnerOrdinals(task)}`);
    } else {
      lastNumber += 1;
      body.push(`${lastNumber}.${escapeInnerOrdinals(task)}`);
    }
    header.columns.forEach((column, i) => {
      const value = row[i]?.text ?? "";
      if (i === taskAt || i === categoryAt || i === numberAt || column === "lead" || column === "responsible" || column === "deadline") return;
      const text = joinLines(value, "");
      const label = header.labels[i] ?? "";
      if (text !== "" && label !== "" && text !== label) body.push(`${label}:${escapeInnerOrdinals(text)}`);
    });
    header.columns.forEach((column, i) => {
      const value = joinLines(row[i]?.text ?? "", "、");
      if (value === "") return;
      const label = header.labels[i] ?? "";
      if (column === "lead") body.push(`牵头单位:${value}`);
      if (column === "responsible") body.push(`${RESPONSIBLE_LABEL_OF_HEADER.test(label) ? label : "责任单位"}:${value}`);
    });
    header.columns.forEach((column, i) => {
      const value = joinLines(row[i]?.text ?? "", ",");
      if (column === "deadline" && value !== "") body.push(`完成时限:${value}`);
    });
  }
  return [...lines, ...notes, ...body];
}

/** A row's texts, each merged cell once. */
function uniqueTexts(row: readonly TableCell[]): string[] {
  const out: string[] = [];
  for (const cell of row) {
    const text = cell.text.trim();
    if (text === "" || cell.covered || out.includes(text)) continue;
    out.push(text);
  }
  return out;
}

/** A table that lists no tasks (a layout table): its cells' paragraphs as lines, each merged cell once. */
function layoutLines(rows: readonly TableCell[][]): string[] {
  return rows.flatMap((row) => uniqueTexts(row).flatMap((text) => text.split("\n").map((l) => l.trim()).filter((l) => l !== "")));
}

/**
 * The text of a document's blocks, one paragraph per line: task tables as
 * task lists ({@link taskTableLines}), other tables cell by cell. Never throws.
 */
export function documentText(blocks: readonly DocumentBlock[]): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === "paragraph") lines.push(...block.text.split("\n"));
    else lines.push(...(taskTableLines(block.rows) ?? layoutLines(block.rows)));
  }
  return lines.join("\n");
}
