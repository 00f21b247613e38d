import { WHITESPACE, trimChars } from "./trim-chars.js";

/** A task's unit annotation, e.g. "[牵头单位:市工商局;责任单位:市政府有关部门,各区(市)县政府]". */
export interface UnitAnnotation {
  /** 牵头单位 as printed, one entry per office. */
  lead: string[];
  /** 责任单位 (also 配合/协办/参与单位) as printed, one entry per office. */
  responsible: string[];
  /** The whole annotation as printed, brackets included. */
  raw: string;
}

/** One office named in an annotation. */
export interface ParsedUnitName {
  /** Canonical name, e.g. 市委编办. */
  name: string;
  /** Other names printed in brackets after it, e.g. [市审改办]. */
  aliases: string[];
  /** True for a collective (市政府各部门, 各区(市)县政府) rather than one office. */
  collective: boolean;
}

const TRAILING = new Set([...WHITESPACE, "。", ".", ";", "；"]);
const NAME_EDGE = new Set([...WHITESPACE, "、", ",", ";", ":", "。"]);
const PAIRS: Readonly<Record<string, string>> = { "]": "[", "】": "【", ")": "(", "）": "（" };

const LEAD_LABEL = "牵头单位|牵头部门|主办单位|主办部门|牵头|主办";
const RESPONSIBLE_LABEL = "责任单位|责任部门|配合单位|配合部门|协办单位|协办部门|参与单位|参与部门|参加单位|协办|配合";
const LABEL = new RegExp(`(?<label>${LEAD_LABEL}|${RESPONSIBLE_LABEL})\\s*[:：]`, "gu");
const IS_LEAD_LABEL = new RegExp(`^(?:${LEAD_LABEL})$`, "u");

/** The last character of an office's name: 局, 办, 委, 厅, 政府, 部门, 中心 … */
const UNIT_SUFFIX = /(?:局|办|委|厅|院|室|部|署|处|科|所|队|站|馆|社|会|组|政府|部门|单位|中心|机关|机构|公司|法院|检察院)$/u;
const JURISDICTION_START = /^(?:市|省|区|县|旗|盟|州|镇|乡|街道|自治区|国家|国务院|中央|各)/u;

/** Full-width punctuation an annotation may still carry if the text was not normalised. */
function foldPunctuation(s: string): string {
  return s.replace(/[（）：；，【】]/gu, (c) => ({ "（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "【": "[", "】": "]" })[c] ?? c);
}

/** Splits a list of names on 、 , ; and on 和 between two complete names, never inside brackets. */
function splitNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = "";
  const flush = () => {
    const name = trimChars(current, NAME_EDGE);
    if (name !== "") names.push(name);
    current = "";
  };
  for (const c of list) {
    if (c === "(" || c === "[" || c === "〔") depth++;
    else if (c === ")" || c === "]" || c === "〕") depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === "、" || c === "," || c === ";" || c === "。")) {
      flush();
      continue;
    }
    current += c;
  }
  flush();
  // "市政府办公厅和市政府法制办" is two offices; "市人力资源和社会保障局" is one.
  return names.flatMap((name) => {
    const parts = name.split("和");
    const out: string[] = [];
    let acc = parts[0] ?? "";
    for (const part of parts.slice(1)) {
      if (UNIT_SUFFIX.test(acc) && JURISDICTION_START.test(part) && UNIT_SUFFIX.test(part)) {
        out.push(acc);
        acc = part;
      } else {
        acc = `${acc}和${part}`;
      }
    }
    out.push(acc);
    return out;
  });
}

const LEAD_VERB = /(?:牵头负责|牵头)$/u;
const RESPONSIBLE_VERB = /(?:按职责分工负责|按照职责分工负责|分工负责|共同负责|具体负责|负责落实|负责|配合|参与|协助|协办|落实|承担)$/u;
const NAMES_FILLER = /^(?:由)|(?:按照职责分工|按职责分工|分工|分别|共同|具体|等)$/gu;

function looksLikeOffice(name: string): boolean {
  return UNIT_SUFFIX.test(name) || isCollective(name);
}

/** "(市政府法制办牵头,市政府各部门配合)": every part is offices followed by what they do. */
function verbRoles(content: string): { lead: string[]; responsible: string[] } | null {
  const parts = content.split(/[;,，；。]/u).map((p) => trimChars(p, NAME_EDGE)).filter((p) => p !== "");
  if (parts.length === 0 || parts.length > 4) return null;
  const lead: string[] = [];
  const responsible: string[] = [];
  for (const part of parts) {
    const verb = LEAD_VERB.exec(part) ?? RESPONSIBLE_VERB.exec(part);
    if (verb === null) return null;
    const names = splitNames(part.slice(0, verb.index).replace(NAMES_FILLER, ""));
    if (names.length === 0 || !names.every(looksLikeOffice)) return null;
    (LEAD_VERB.test(part) ? lead : responsible).push(...names);
  }
  return { lead, responsible };
}

function parseRoles(content: string, bracketed: boolean): { lead: string[]; responsible: string[] } | null {
  const labels = [...content.matchAll(LABEL)];
  const first = labels[0];
  // Only a bracket makes "市政府各部门负责" an annotation rather than a sentence.
  if (first === undefined) return bracketed ? verbRoles(content) : null;
  // The annotation must open with a role label; "[市政府法制办;责任单位:…]" is not one.
  if (content.slice(0, first.index).trim() !== "") return null;
  const lead: string[] = [];
  const responsible: string[] = [];
  labels.forEach((m, i) => {
    const next = labels[i + 1];
    const names = splitNames(content.slice(m.index + m[0].length, next === undefined ? content.length : next.index));
    const label = m.groups?.["label"] ?? "";
    (IS_LEAD_LABEL.test(label) ? lead : responsible).push(...names);
  });
  return { lead, responsible };
}

/**
 * Finds the unit annotation at the end of a task's text — "[牵头单位:…;责任单位:…]"
 * or "(牵头单位:…;责任单位:…)", also with 责任部门/配合单位/主办/协办 labels,
 * with or without a lead, or unbracketed on the task's last lines — and returns
 * the text before it as `body`. Names are
 * split on 、 , ; and on 和 between two complete office names. When the text
 * has no trailing annotation, `annotation` is null and `body` is the text.
 * Never throws.
 */
export function splitUnitAnnotation(text: string): { body: string; annotation: UnitAnnotation | null } {
  let last = text.length - 1;
  while (last >= 0 && TRAILING.has(text[last] ?? "")) last--;
  return bracketedAnnotation(text, last) ?? lineAnnotation(text, last) ?? { body: text, annotation: null };
}

/** "…。[牵头单位:…;责任单位:…]" ending at `closeAt`. */
function bracketedAnnotation(text: string, closeAt: number): { body: string; annotation: UnitAnnotation } | null {
  const closer = text[closeAt] ?? "";
  const opener = PAIRS[closer];
  if (opener === undefined) return null;
  // Walk back to the matching opener: names may hold brackets of their own ("各区(市)县政府").
  let depth = 0;
  let openAt = -1;
  for (let i = closeAt; i >= 0; i--) {
    const c = text[i];
    if (c === closer) depth++;
    else if (c === opener && --depth === 0) {
      openAt = i;
      break;
    }
  }
  if (openAt < 0) return null;
  const raw = text.slice(openAt, closeAt + 1);
  const roles = parseRoles(foldPunctuation(raw.slice(1, -1)), true);
  if (roles === null) return null;
  return { body: text.slice(0, openAt).trimEnd(), annotation: { ...roles, raw } };
}

const MAX_ANNOTATION_LINES = 4;

/** Unbracketed annotation lines after the body: "…。\n牵头单位:市司法局\n责任单位:各区县政府". */
function lineAnnotation(text: string, lastAt: number): { body: string; annotation: UnitAnnotation } | null {
  let start = lastAt + 1;
  let roles: { lead: string[]; responsible: string[] } | null = null;
  // An annotation takes a line or two per role; more label lines are text.
  for (let lines = 0; lines < MAX_ANNOTATION_LINES; lines++) {
    const lineStart = text.lastIndexOf("\n", start - 2) + 1;
    // The first line is the task's heading and body, never an annotation.
    if (lineStart <= 0 || start <= 0) break;
    const parsed = parseRoles(foldPunctuation(text.slice(lineStart, lastAt + 1)), false);
    if (parsed === null) break;
    roles = parsed;
    start = lineStart;
  }
  if (roles === null) return null;
  return { body: text.slice(0, start).trimEnd(), annotation: { ...roles, raw: text.slice(start, lastAt + 1) } };
}

function isCollective(name: string): boolean {
  if (name.startsWith("各")) return true; // 各区(市)县政府, 各旗县区
  if (/各(?:级|类|部门|单位|有关|相关|成员)/u.test(name)) return true; // 市政府各部门, 各级政府
  if (/(?:成员单位|等部门|等单位)$/u.test(name)) return true;
  // 市政府有关部门, 市级相关行政执法部门
  return /(?:有关|相关)/u.test(name) && /(?:部门|单位|机构|机关)$/u.test(name);
}

/**
 * Reads one office's name as printed: "市委编办(市审改办)" → name 市委编办 with
 * alias 市审改办. A bracket inside a name ("各区(市)县政府") or one that does not
 * hold an office's name ("旗县(市、区)") is part of the name, not an alias.
 * Collectives (各…, …各部门, …有关部门, 相关…部门, 各级…) are flagged. Never throws.
 */
export function parseUnitName(raw: string): ParsedUnitName {
  const text = trimChars(foldPunctuation(raw), NAME_EDGE);
  let name = text;
  let aliases: string[] = [];
  const open = text.lastIndexOf("(");
  if (open > 0 && text.endsWith(")")) {
    const outer = text.slice(0, open).trim();
    const inner = text.slice(open + 1, -1);
    const candidates = inner.includes(")") || outer.includes("(") ? [] : splitNames(inner);
    if (candidates.length > 0 && candidates.every((c) => c.length >= 3 && UNIT_SUFFIX.test(c) && !/^(?:含|包括|不含)/u.test(c))) {
      name = outer;
      aliases = candidates;
    }
  }
  return { name, aliases, collective: isCollective(name) };
}
