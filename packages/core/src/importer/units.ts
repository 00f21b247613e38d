import { stripRuleClauses, type LeadRule } from "./lead-rules.js";
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
const PAIRS: Readonly<Record<string, string>> = { "]": "[", "】": "【", ")": "(", "）": "（", "〕": "〔" };

const LEAD_LABEL = "牵头单位|牵头部门|主办单位|主办部门|牵头|主办";
const RESPONSIBLE_LABEL = "责任单位|责任部门|配合单位|配合部门|协办单位|协办部门|参与单位|参与部门|参加单位|协办|配合";
const LABEL = new RegExp(`(?<label>${LEAD_LABEL}|${RESPONSIBLE_LABEL})\\s*[:：]`, "gu");
const IS_LEAD_LABEL = new RegExp(`^(?:${LEAD_LABEL})$`, "u");

/** The last character of an office's name: 局, 办, 委, 厅, 政府, 部门, 中心 … */
const UNIT_SUFFIX = /(?:局|办|委|厅|院|室|部|署|处|科|所|队|站|馆|社|会|组|联|协|政府|部门|单位|中心|机关|机构|公司|集团|银行|海关|法院|检察院)$/u;
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
const RESPONSIBLE_VERB =
  /(?:按照?职责分工负责|按照?职责分工落实|按照?职责负责|分工负责|共同负责|具体负责|负责落实|负责|配合|参与|协助|协办|落实|承担)$/u;
const NAMES_FILLER = /^(?:由)|(?:按照?职责分工|按照?职责|分工|分别|共同|具体|等)$/gu;

/** What the task's document says about annotations, stated once (lead-rules.ts). */
export interface AnnotationContext {
  /** Which listed unit leads in an annotation that labels no lead. */
  lead: LeadRule | null;
  /** For a `first-group` rule: the separator after the lead group. */
  separator: "," | ";";
  /** Units every annotation implies ("以下均需各区政府落实,不再列出"). */
  implied: readonly string[];
}

/** No document-wide rule. */
export const NO_RULES: AnnotationContext = { lead: null, separator: ",", implied: [] };

/** Whether a name can be an office's: an office suffix or a collective. */
export function looksLikeOffice(name: string): boolean {
  return UNIT_SUFFIX.test(name) || isCollective(name);
}

interface Roles {
  lead: string[];
  responsible: string[];
}

/** Splits on the top-level separators in `separators`, never inside brackets; separators are kept with their piece. */
function splitTopLevel(text: string, separators: string): { text: string; separator: string }[] {
  const pieces: { text: string; separator: string }[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if ("([【〔".includes(c)) depth += 1;
    else if (")]】〕".includes(c)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.includes(c)) {
      pieces.push({ text: current, separator: c });
      current = "";
      continue;
    }
    current += c;
  }
  pieces.push({ text: current, separator: "" });
  return pieces;
}

/** Applies the document's lead rule to a list printed without a lead ("A、B,C" → lead per rule). */
function applyLeadRule(list: string, context: AnnotationContext): Roles {
  if (context.lead === "first-group") {
    const strong = context.separator === "," ? ",;" : ";";
    const pieces = splitTopLevel(list, strong);
    const cut = pieces.findIndex((p) => p.separator !== "");
    if (cut >= 0) {
      const lead = splitNames(pieces.slice(0, cut + 1).map((p) => p.text).join(""));
      const rest = splitNames(pieces.slice(cut + 1).map((p) => p.text + p.separator).join(""));
      return { lead, responsible: rest };
    }
    return { lead: splitNames(list), responsible: [] };
  }
  const names = splitNames(list);
  if (context.lead === "first-unit") return { lead: names.slice(0, 1), responsible: names.slice(1) };
  return { lead: [], responsible: names };
}

type Role = "lead" | "responsible";

/**
 * "(市政府法制办牵头,市政府各部门配合)", "(财政部、税务总局负责)": every part is
 * offices followed by what they do; a part without a verb takes the next one's
 * ("A、B,C按职责分工负责"). "A会同B负责": A leads. A bare list of offices, with
 * no verb at all, is an annotation only under a document's lead rule or when
 * every name ends in an office's suffix.
 */
function verbRoles(content: string, context: AnnotationContext, strict: boolean): Roles | null {
  const pieces = splitTopLevel(content, ",;，；。").filter((p) => trimChars(p.text, NAME_EDGE) !== "");
  if (pieces.length === 0 || pieces.length > 8) return null;
  const parts = pieces.map((p) => {
    const text = trimChars(p.text, NAME_EDGE);
    const verb = LEAD_VERB.exec(text) ?? RESPONSIBLE_VERB.exec(text);
    const role: Role | null = verb === null ? null : LEAD_VERB.test(text) ? "lead" : "responsible";
    const namesText = (verb === null ? text : text.slice(0, verb.index)).replace(NAMES_FILLER, "");
    return { role, namesText, separator: p.separator };
  });
  const anyVerb = parts.some((p) => p.role !== null);
  if (!anyVerb && (strict || !bareListAllowed(parts.map((p) => p.namesText).join("、"), context))) return null;
  // A part without a verb does what the next part with one does; trailing ones are responsible.
  let next: Role = "responsible";
  for (let i = parts.length - 1; i >= 0; i -= 1) {
    const part = parts[i];
    if (part === undefined) continue;
    if (part.role === null) part.role = next;
    else next = part.role;
  }
  const lead: string[] = [];
  const responsible: string[] = [];
  for (const part of parts) {
    const [before, ...after] = part.namesText.split("会同");
    const ahead = splitNames(before ?? "");
    const others = after.length > 0 ? splitNames(after.join("会同")) : [];
    const names = [...ahead, ...others];
    if (names.length === 0 || !names.every(looksLikeOffice)) return null;
    if (others.length > 0) {
      lead.push(...ahead);
      responsible.push(...others);
    } else {
      (part.role === "lead" ? lead : responsible).push(...names);
    }
  }
  if (lead.length === 0 && context.lead !== null) {
    const listed = parts.map((p, i) => (i === parts.length - 1 ? p.namesText : p.namesText + p.separator)).join("");
    return applyLeadRule(listed.replace(/会同/gu, "、"), context);
  }
  return { lead, responsible };
}

/** A list of names with no label and no verb: only under a lead rule, or when every name is plainly an office. */
function bareListAllowed(list: string, context: AnnotationContext): boolean {
  const names = splitNames(list);
  if (names.length === 0) return false;
  if (context.lead !== null) return names.every(looksLikeOffice);
  return names.every((n) => [...n].length >= 3 && UNIT_SUFFIX.test(n) && !/^(?:含|包括|不含|即|如)/u.test(n));
}

/** The result of reading an annotation's content: roles, a bracket holding only a rule, or not an annotation. */
type ParsedRoles = Roles | "rule-only" | null;

function parseRoles(raw: string, bracketed: boolean, context: AnnotationContext): ParsedRoles {
  const { content, hadRule } = stripRuleClauses(foldPunctuation(raw));
  if (trimChars(content, NAME_EDGE) === "") return hadRule ? "rule-only" : null;
  const labels = [...content.matchAll(LABEL)];
  const first = labels[0];
  // Only a bracket makes "市政府各部门负责" an annotation rather than a sentence.
  if (first === undefined) return bracketed ? verbRoles(content, context, false) : null;
  // The annotation must open with a role label; "[市政府法制办;责任单位:…]" is not one.
  if (content.slice(0, first.index).trim() !== "") return null;
  const lead: string[] = [];
  const responsible: string[] = [];
  const responsibleLists: string[] = [];
  labels.forEach((m, i) => {
    const next = labels[i + 1];
    const list = content.slice(m.index + m[0].length, next === undefined ? content.length : next.index);
    const label = m.groups?.["label"] ?? "";
    if (IS_LEAD_LABEL.test(label)) lead.push(...splitNames(list));
    else responsibleLists.push(list);
  });
  if (lead.length === 0 && context.lead !== null && responsibleLists.length > 0) {
    // "责任单位:A、B、C" under "列第一位者为牵头单位": A leads.
    const [firstList = "", ...rest] = responsibleLists;
    const ruled = applyLeadRule(firstList, context);
    return { lead: ruled.lead, responsible: [...ruled.responsible, ...rest.flatMap(splitNames)] };
  }
  for (const list of responsibleLists) responsible.push(...splitNames(list));
  return { lead, responsible };
}

/**
 * Finds a task's unit annotations and returns the text without them as
 * `body`. Read are: a bracket — [] () 【】 〔〕 or full-width — at the end of a
 * paragraph or right after a sentence ("[牵头单位:…;责任单位:…]",
 * "(市司法局牵头,市政府各部门配合)", "(财政部、税务总局负责)"); label lines after
 * the task ("牵头单位:…", "责任单位:…", a 完成时限 line among them stays in the
 * body); a paragraph's last sentence that assigns offices by duty
 * ("各有关部门和单位按职责分工负责。"). Several annotations of one task (one per
 * paragraph, State Council style) are merged. `context` carries the
 * document's rules (which listed unit leads, units implied everywhere).
 * Names are split on 、 , ; and on 和 between two complete office names.
 * Without any annotation, `annotation` is null and `body` is the text.
 * Never throws.
 */
export function splitUnitAnnotation(
  text: string,
  context: AnnotationContext = NO_RULES,
): { body: string; annotation: UnitAnnotation | null } {
  const found: UnitAnnotation[] = [];
  const lines = text.split("\n");
  const trailing = labelLines(lines, context);
  const bodyLines = trailing === null ? lines : trailing.body;
  const kept: string[] = [];
  bodyLines.forEach((line) => {
    const { text: rest, annotations } = bracketedAnnotations(line, context);
    found.push(...annotations);
    const sentence = dutySentence(rest, context, kept.length > 0 || rest !== line);
    if (sentence !== null) found.push(sentence.annotation);
    const cleaned = sentence === null ? rest : sentence.body;
    if (cleaned.trim() !== "" || cleaned === line) kept.push(cleaned);
  });
  if (trailing !== null) found.push(trailing.annotation);
  if (found.length === 0) return { body: text, annotation: null };
  const body = kept.join("\n").trimEnd();
  const only = found[0];
  if (found.length === 1 && only !== undefined && context.implied.length === 0) return { body, annotation: only };
  const lead = unique(found.flatMap((a) => a.lead));
  // Within one annotation a unit may be printed in both roles; across several, a lead stays a lead.
  const printed = found.length === 1 ? (found[0]?.responsible ?? []) : found.flatMap((a) => a.responsible).filter((n) => !lead.includes(n));
  const implied = context.implied.flatMap(splitNames).filter((n) => !lead.includes(n) && !printed.includes(n));
  const responsible = unique([...printed, ...implied]);
  return { body, annotation: { lead, responsible, raw: found.map((a) => a.raw).join(" ") } };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

const SENTENCE_END_CHARS = new Set(["。", ";", "!", "?", "；", "！", "？"]);

/** Pairs of matching brackets of one kind ("(…)", "[…]"), found in one pass; nested pairs included. */
function bracketPairs(text: string): { open: number; close: number }[] {
  const stacks = new Map<string, number[]>();
  const pairs: { open: number; close: number }[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? "";
    const opener = PAIRS[c];
    if (opener !== undefined) {
      const open = stacks.get(opener)?.pop();
      if (open !== undefined) pairs.push({ open, close: i });
    } else if (OPENER_SET.has(c)) {
      const stack = stacks.get(c) ?? [];
      stack.push(i);
      stacks.set(c, stack);
    }
  }
  return pairs.sort((x, y) => y.close - x.close);
}

const OPENER_SET = new Set(Object.values(PAIRS));

/** Every bracketed annotation of one paragraph: at its end, or right after (or before) a sentence end. */
function bracketedAnnotations(line: string, context: AnnotationContext): { text: string; annotations: UnitAnnotation[] } {
  const annotations: UnitAnnotation[] = [];
  let text = line;
  let last = text.length - 1;
  while (last >= 0 && TRAILING.has(text[last] ?? "")) last--;
  // Right to left, so the text left of a removed bracket keeps its indices.
  let limit = text.length;
  for (const { open, close } of bracketPairs(line)) {
    if (close >= limit) continue;
    const atEnd = close === last;
    const before = text[open - 1] ?? "";
    const after = text[close + 1] ?? "";
    if (!atEnd && !SENTENCE_END_CHARS.has(before) && !SENTENCE_END_CHARS.has(after)) continue;
    const raw = text.slice(open, close + 1);
    const roles = parseRoles(raw.slice(1, -1), true, context);
    if (roles === null) continue;
    if (roles !== "rule-only") annotations.unshift({ ...roles, raw });
    // "…。[牵头单位:…]。": what trails the paragraph's last annotation goes with it.
    text = atEnd ? text.slice(0, open).trimEnd() : text.slice(0, open) + text.slice(close + 1);
    limit = open;
  }
  return { text, annotations };
}

const DUTY_SENTENCE = /(?:按照?职责(?:分工)?(?:负责|落实)|牵头(?:负责)?)$/u;
const MAX_DUTY_SENTENCE = 80;

/**
 * A paragraph's last sentence that only assigns offices ("各有关部门和单位按职责分工
 * 负责。", "责任单位:市司法局、市财政局"), when text comes before it in the task.
 */
function dutySentence(line: string, context: AnnotationContext, textBefore: boolean): { body: string; annotation: UnitAnnotation } | null {
  const trimmed = line.replace(/[。;\s]+$/u, "");
  const cut = lastTopLevelSentenceEnd(trimmed);
  if (cut < 0 && !textBefore) return null;
  const sentence = trimmed.slice(cut + 1);
  if (sentence === "" || [...sentence].length > MAX_DUTY_SENTENCE) return null;
  const labelled = LABEL_START.test(foldPunctuation(sentence));
  if (!labelled && !DUTY_SENTENCE.test(sentence)) return null;
  const roles = labelled ? parseRoles(sentence, false, context) : verbRoles(foldPunctuation(sentence), context, true);
  if (roles === null || roles === "rule-only") return null;
  return { body: trimmed.slice(0, cut + 1), annotation: { ...roles, raw: line.slice(cut + 1).trim() } };
}

/** The last 。 or ; outside brackets; -1 when none. */
function lastTopLevelSentenceEnd(text: string): number {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? "";
    if (OPENER_SET.has(c)) depth += 1;
    else if (PAIRS[c] !== undefined) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === "。" || c === ";")) found = i;
  }
  return depth === 0 ? found : -1;
}

const MAX_ANNOTATION_LINES = 4;
/** A line (or sentence) that opens with a role label: "责任单位:…". */
export const LABEL_START = new RegExp(`^\\s*(?:${LEAD_LABEL}|${RESPONSIBLE_LABEL})\\s*[:：]`, "u");
/** A 完成时限 line among the label lines (a task table's row): it stays in the task's text. */
export const DEADLINE_FIELD = /^\s*(?:完成时限|完成时间|完成期限|时间要求|时限要求|时间节点|进度要求|进度安排|工作时限|时限)\s*[:：]\s*(?<value>.*)$/u;

/** Label lines after the body: "…。\n牵头单位:市司法局\n责任单位:各区县政府\n完成时限:2022年底前". */
function labelLines(lines: readonly string[], context: AnnotationContext): { body: string[]; annotation: UnitAnnotation } | null {
  const deadlines: string[] = [];
  let start = lines.length;
  let roleLines = 0;
  // The first line is the task's heading and body, never an annotation.
  for (let i = lines.length - 1; i >= 1; i -= 1) {
    const line = lines[i] ?? "";
    if (DEADLINE_FIELD.test(line)) {
      deadlines.unshift(line);
    } else if (LABEL_START.test(line) && roleLines < MAX_ANNOTATION_LINES) {
      roleLines += 1;
    } else if (line.trim() === "") {
      // blank lines inside the block are nothing
    } else {
      break;
    }
    start = i;
  }
  if (roleLines === 0) return null;
  const block = lines.slice(start).filter((l) => !DEADLINE_FIELD.test(l) && l.trim() !== "");
  const roles = parseRoles(block.join(";"), false, context);
  if (roles === null || roles === "rule-only") return null;
  return { body: [...lines.slice(0, start), ...deadlines], annotation: { ...roles, raw: block.join("\n") } };
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
  // Inside a name, 〔〕 are brackets like () (各县〔市、区〕政府 is 各县(市、区)政府): one office, one name.
  const text = trimChars(foldPunctuation(raw).replace(/〔/gu, "(").replace(/〕/gu, ")"), NAME_EDGE);
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
