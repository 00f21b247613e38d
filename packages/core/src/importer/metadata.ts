import type { Citation } from "../model/citation.js";
import type { Jurisdiction, JurisdictionLevel } from "../model/plan.js";
import type { ImportWarning } from "../model/provenance.js";
import { parseNumber } from "./chinese-number.js";
import { extractCitations } from "./citations.js";
import { detectPlanJurisdiction, entryOf, fiveYearPlanPeriod, romanise, toJurisdiction } from "./gazetteer.js";
import { importWarning } from "./import-warning.js";
import type { SourceLine } from "./normalize.js";

/** What the importer reads about a plan from its title block, notice, preface and preamble. */
export interface PlanMetadata {
  title: string;
  issuer: string | null;
  documentNumber: string | null;
  jurisdiction: Jurisdiction;
  /** Romanised name used in plan ids, e.g. hohhot; a county's names its city too: chengdu-jinjiang. */
  jurisdictionSlug: string;
  period: { startYear: number; endYear: number } | null;
  basis: Citation[];
  /** Document numbers of the basis that were repaired (e.g. 〔201416号 → 〔2014〕16号). */
  repairedNumbers: string[];
  warnings: ImportWarning[];
}

export interface MetadataInput {
  preamble: readonly SourceLine[];
  preface: readonly SourceLine[];
  /** The plan text after the preamble, for the jurisdiction and the period. */
  body: string;
  goals: string | null;
  /** The jurisdiction an admin set or confirmed, instead of the one the text names. */
  jurisdiction?: Jurisdiction;
}

const ORGAN = "(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府|委员会|党委|办公厅|办公室|司法厅|司法局|法制办)";
const ISSUER_OF_TITLE = new RegExp(`^(\\p{Script=Han}{2,30}?${ORGAN})关于`, "u");
const NOTICE = new RegExp(`《?(\\p{Script=Han}{2,30}?${ORGAN})?关于印发(.+?)的通知》?`, "u");
const SIGNATURE = new RegExp(`^\\p{Script=Han}{2,30}${ORGAN}$`, "u");
const PREFACE_ISSUER = /(?:^|[,。:])(?:近日|日前|近期|今年\d{1,2}月)?,?([^,。:《》]{2,30}?)(?:联合)?印发了?《/u;
const DOCUMENT_NUMBER = /^(\p{Script=Han}{1,12}[〔[(]\d{4}[〕\])]\d{1,5}号)/u;
const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
// A signature date written in characters: 二〇一五年七月六日.
const CHINESE_DATE_LINE = /^([〇零一二三四五六七八九]{4})年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$/;

/** The year of a signature date line, in digits or in characters; undefined for any other line. */
function dateLineYear(text: string): number | undefined {
  if (DATE_LINE.test(text)) return yearsIn(text)[0];
  const chinese = CHINESE_DATE_LINE.exec(text)?.[1];
  const year = chinese === undefined ? null : parseNumber(chinese);
  return year === null ? undefined : year;
}
const YEAR_RANGE = /(\d{4})\s*[-—–~至到]\s*(\d{4})/;
const FIVE_YEAR = /十[一二三四五六七八九]五/;
const BY_YEAR = /到(\d{4})年/;
const BASIS_LINE = /^为|根据|依据|按照|贯彻/;
const MAX_TITLE_LINE = 80;

function isDocumentNumberLine(text: string): boolean {
  const match = DOCUMENT_NUMBER.exec(text);
  return match?.[1] !== undefined && match[1].length === text.length;
}

function isTitleLike(text: string): boolean {
  return (
    !text.includes("。") &&
    [...text].length <= MAX_TITLE_LINE &&
    !isDocumentNumberLine(text) &&
    dateLineYear(text) === undefined &&
    !/[:]$/.test(text) &&
    !NOTICE.test(text) &&
    !/^为/.test(text) &&
    !/^[(（]此件.{0,12}[)）]$/.test(text)
  );
}

function unwrapBookTitle(title: string): string {
  const match = /^《(.+)》$/.exec(title);
  return match?.[1] ?? title;
}

/** Blocks of consecutive title-like lines; a block that is only an organ's name is a signature, not a title. */
function titleBlocks(lines: readonly SourceLine[]): string[] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (isTitleLike(line.text)) {
      current.push(line.text);
    } else {
      if (current.length > 0) blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  // A page header that repeats the title sits right above it: drop a line that repeats the one before.
  return blocks.map((b) => b.filter((line, i) => line !== b[i - 1]).join("")).filter((b) => !SIGNATURE.test(b));
}

/** The romanised name of a jurisdiction an admin gave: the gazetteer's slug, else its pinyin. */
function slugOf(jurisdiction: Jurisdiction): string {
  const known = entryOf(jurisdiction);
  if (known !== null) return known.slug;
  const own = romanise(jurisdiction.name.replace(/(?:自治区|省|市|盟|地区|自治州|州|新区|区|县|旗)$/u, ""));
  if (jurisdiction.level !== "county" || jurisdiction.parent === null) return own;
  const parent = entryOf({ name: jurisdiction.parent, level: "city", parent: null }) ?? entryOf({ name: jurisdiction.parent, level: "region", parent: null });
  return `${parent?.slug ?? romanise(jurisdiction.parent.replace(/(?:自治区|省|市|盟|地区|自治州|州)$/u, ""))}-${own}`;
}

function qualify(issuer: string, jurisdiction: Jurisdiction): string {
  for (const level of ["自治区", "省", "市", "盟", "州", "区", "县", "旗"]) {
    if (issuer.startsWith(level) && jurisdiction.name.endsWith(level) && !issuer.startsWith(jurisdiction.name)) {
      return jurisdiction.name + issuer.slice(level.length);
    }
  }
  return issuer;
}

/** The level a place name's suffix implies, for places the gazetteer does not know. */
function levelOf(name: string): JurisdictionLevel {
  if (/省|自治区$/.test(name)) return "region";
  if (/县|旗|区$/.test(name)) return "county";
  return "city";
}

function guessJurisdiction(title: string): Jurisdiction | null {
  if (title.startsWith("关于")) return null;
  const match = /^(\p{Script=Han}{1,10}?(?:自治区|省|自治州|市|盟|地区|州|县|旗))/u.exec(title);
  if (match?.[1] === undefined) return null;
  return { name: match[1], level: levelOf(match[1]), parent: null };
}

function yearsIn(text: string): number[] {
  return [...text.matchAll(/(?<!\d)(\d{4})(?=年|〕|\]|\)|-|—)/g)]
    .map((m) => Number(m[1]))
    .filter((y) => y >= 1949 && y <= 2200);
}

/**
 * Reads the title, issuer, document number, jurisdiction, period and basis of
 * a plan. Never throws; a period it cannot find is null, with a warning.
 */
export function readMetadata(input: MetadataInput): PlanMetadata {
  const warnings: ImportWarning[] = [];
  const lines = input.preamble;
  const prefaceText = input.preface.map((l) => l.text).join("\n");

  // The notice that wraps the plan: 《X关于印发Y的通知》.
  let noticeIssuer: string | null = null;
  let noticeTitle: string | null = null;
  for (const line of lines) {
    const match = NOTICE.exec(line.text);
    if (match !== null) {
      noticeIssuer ??= match[1] ?? null;
      noticeTitle ??= match[2] === undefined ? null : unwrapBookTitle(match[2]);
    }
  }

  const blocks = titleBlocks(lines);
  let title = blocks[blocks.length - 1] ?? noticeTitle;
  if (title === null || title === undefined) {
    const printed = /印发了?《([^》]+)》/.exec(prefaceText);
    title = printed?.[1] ?? null;
  }
  let issuer: string | null = null;
  if (title === null) {
    warnings.push(importWarning("no-title", "no title found before the first part", lines[0]?.line ?? null, lines[0]?.text ?? null));
    title = "未命名规划";
  } else {
    title = unwrapBookTitle(title);
    const wrapped = NOTICE.exec(title);
    if (wrapped?.[2] !== undefined) {
      issuer = wrapped[1] ?? null;
      title = unwrapBookTitle(wrapped[2]);
    }
  }
  issuer ??= ISSUER_OF_TITLE.exec(title)?.[1] ?? noticeIssuer;

  const documentNumber =
    lines.map((l) => DOCUMENT_NUMBER.exec(l.text)).find((m) => m?.[1] !== undefined && (m.input.length === m[1].length || m.input.slice(m[1].length).startsWith("《")))?.[1] ?? null;

  const preambleText = lines.map((l) => l.text).join("\n");
  const headings = [title, issuer ?? noticeIssuer ?? ""].filter((h) => h !== "");
  let jurisdiction: Jurisdiction;
  let jurisdictionSlug: string;
  if (input.jurisdiction !== undefined) {
    jurisdiction = input.jurisdiction;
    jurisdictionSlug = slugOf(input.jurisdiction);
  } else {
    const detected = detectPlanJurisdiction(headings, `${preambleText}\n${input.body}`);
    const entry = detected.entry;
    if (entry !== null) {
      jurisdiction = toJurisdiction(entry);
      jurisdictionSlug = entry.slug;
      if (detected.guessed) {
        warnings.push(
          importWarning("jurisdiction-guessed", `${entry.name} is not in the gazetteer; read as a county-level place of ${entry.parent ?? "?"} from the title`, null, title),
        );
      }
      if (detected.alternatives.length > 0) {
        const others = detected.alternatives.map((a) => `${a.parent ?? ""}${a.name}`).join(", ");
        warnings.push(
          importWarning("jurisdiction-ambiguous", `${entry.name} could be ${entry.parent ?? ""}${entry.name} or ${others}; confirm the jurisdiction before storing`, null, title),
        );
      }
    } else {
      jurisdiction = guessJurisdiction(title) ?? { name: "未知", level: "city", parent: null };
      jurisdictionSlug = "plan";
      warnings.push(importWarning("jurisdiction-unknown", `no known jurisdiction in the title or text; using ${jurisdiction.name}`, null, title));
    }
  }

  if (issuer === null) {
    const fromPreface = PREFACE_ISSUER.exec(prefaceText)?.[1];
    const signature = lines.find((l) => SIGNATURE.test(l.text))?.text;
    issuer = fromPreface ?? signature ?? null;
  }
  if (issuer !== null) issuer = qualify(issuer, jurisdiction);

  const period = readPeriod(title, documentNumber, lines, input, warnings);

  const basisLines = lines.filter((l) => BASIS_LINE.test(l.text) && l.text.includes("《"));
  const basis: Citation[] = [];
  const repairedNumbers: string[] = [];
  for (const line of basisLines) {
    const { citations, repairs } = extractCitations(line.text);
    for (const citation of citations) {
      if (!basis.some((b) => b.title === citation.title && b.documentNumber === citation.documentNumber)) basis.push(citation);
    }
    for (const repair of repairs) {
      repairedNumbers.push(repair);
      warnings.push(importWarning("citation-repaired", repair, line.line, line.text));
    }
  }

  return { title, issuer, documentNumber, jurisdiction, jurisdictionSlug, period, basis, repairedNumbers, warnings };
}

function readPeriod(
  title: string,
  documentNumber: string | null,
  lines: readonly SourceLine[],
  input: MetadataInput,
  warnings: ImportWarning[],
): { startYear: number; endYear: number } | null {
  const range = YEAR_RANGE.exec(title);
  if (range?.[1] !== undefined && range[2] !== undefined) {
    const startYear = Number(range[1]);
    const endYear = Number(range[2]);
    if (endYear >= startYear) return { startYear, endYear };
  }
  // An annual plan: "某县2020年度法治政府建设工作安排", "2016年工作要点".
  const annual = /(?<!\d)(\d{4})年度?(?!\d|—|-)/.exec(title);
  if (annual?.[1] !== undefined && !/[(（]\d{4}/.test(title)) {
    const year = Number(annual[1]);
    if (year >= 1949 && year <= 2200) return { startYear: year, endYear: year };
  }
  const fiveYear = FIVE_YEAR.exec(title)?.[0];
  if (fiveYear !== undefined) {
    const period = fiveYearPlanPeriod(fiveYear);
    if (period !== null) return { startYear: period.startYear, endYear: period.endYear };
  }

  const issueYear =
    (documentNumber === null ? undefined : yearsIn(documentNumber)[0]) ??
    lines.map((l) => dateLineYear(l.text)).find((y) => y !== undefined);
  const byYearText = BY_YEAR.exec(input.goals ?? "") ?? BY_YEAR.exec(input.body);
  const endYear = byYearText?.[1] === undefined ? undefined : Number(byYearText[1]);
  if (issueYear !== undefined && endYear !== undefined && endYear >= issueYear) return { startYear: issueYear, endYear };

  const preambleYears = yearsIn(lines.map((l) => l.text).join("\n"));
  if (endYear !== undefined) {
    const earlier = preambleYears.filter((y) => y <= endYear);
    const startYear = issueYear ?? (earlier.length > 0 ? Math.max(...earlier) : endYear);
    warnings.push(
      importWarning("period-unknown", `no issue year stated; the period is read as ${startYear}–${endYear} from the text`, null, byYearText?.[0] ?? null),
    );
    return { startYear: Math.min(startYear, endYear), endYear };
  }
  const years = yearsIn(input.body).concat(preambleYears);
  if (years.length === 0) return null;
  const startYear = issueYear ?? Math.min(...years);
  const last = Math.max(...years, startYear);
  warnings.push(importWarning("period-unknown", `no period stated; read as ${startYear}–${last} from the years the text mentions`));
  return { startYear, endYear: last };
}
