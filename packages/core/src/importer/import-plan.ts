import { PlanIdSchema, taskId } from "../model/ids.js";
import { JurisdictionSchema, jurisdictionKey, MODEL_SCHEMA_VERSION, PlanSchema, type Jurisdiction, type Plan } from "../model/plan.js";
import type { ImportWarning } from "../model/provenance.js";
import type { Task } from "../model/task.js";
import { extractCitations } from "./citations.js";
import { ImportError } from "./import-error.js";
import { importWarning } from "./import-warning.js";
import { readMetadata } from "./metadata.js";
import { taskMilestones } from "./deadline-field.js";
import { findRuleStatements, removeRuleBrackets, type RuleStatement } from "./lead-rules.js";
import { isControlCharacter, normalizeText, type NormalizedText, type SourceFormat, type SourceLine } from "./normalize.js";
import { sha256Hex } from "./sha256.js";
import { parseStructure, type ParsedTask } from "./structure.js";
import { extractTargets } from "./targets.js";
import { isNonTaskItem, taskNumbers } from "./task-items.js";
import { NO_RULES, looksLikeOffice, splitUnitAnnotation, type AnnotationContext } from "./units.js";
import { UnitRegistry } from "./unit-registry.js";
import { withThemes } from "../themes/classify-plan.js";

/** Bumped whenever the importer's output for the same text changes. */
export const IMPORTER_VERSION = "1.3.0";

export interface ImportOptions {
  /** Plan id to use instead of `<jurisdiction slug>-<start year>`. */
  id?: string;
  /**
   * The jurisdiction whose plan it is, as an admin set or confirmed it, instead of the one the
   * text names; it scopes the unit ids and, without `id`, gives the plan id. A county-level
   * jurisdiction needs its parent (锦江区 under 成都市).
   */
  jurisdiction?: Jurisdiction;
  /** Source file name recorded in the provenance. */
  sourceName?: string;
  /** sha256 (hex) of the raw source bytes; computed from the text when absent. */
  sha256?: string;
  /** The container the text was read from (docx, pdf, html, xlsx), recorded instead of the layout the text suggests. */
  format?: SourceFormat;
}

export interface ImportResult {
  plan: Plan;
  warnings: ImportWarning[];
}

const VERY_LONG_TASK = 4000;
const MAX_BINARY_SHARE = 0.01;

/**
 * Imports a plan from its raw text: normalises it, finds its parts, sections
 * and tasks, reads its metadata and extracts each task's units, milestones,
 * targets and citations. Returns a plan validated by PlanSchema, with the
 * warnings the importer noticed; throws an {@link ImportError} — and nothing
 * else — when the text cannot be a plan.
 */
export function importPlan(text: string, options: ImportOptions = {}): ImportResult {
  try {
    return importUnchecked(text, options);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportError("internal-error", `the importer failed on this text: ${reason}`, { cause: error });
  }
}

/** Rejects what is not text at all: empty input, binary data. */
export function checkInput(text: unknown): string {
  if (typeof text !== "string") throw new ImportError("empty-input", "the input is not text");
  if (text.trim() === "") throw new ImportError("empty-input", "the input is empty");
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new ImportError("binary-input", `the input is binary, not text (a NUL byte on line ${line})`, { line });
  }
  let odd = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // Carriage returns, tabs and form feeds turn up in real texts; other controls and U+FFFD do not.
    if ((isControlCharacter(code) && code !== 0x0d && code !== 0x0c) || code === 0xfffd) odd += 1;
  }
  if (odd / text.length > MAX_BINARY_SHARE) {
    throw new ImportError("binary-input", `the input looks binary: ${odd} control or undecodable characters`);
  }
  if (!/\p{Script=Han}/u.test(text)) throw new ImportError("not-a-plan", "the input has no Chinese text, so it is not a plan");
  return text;
}

function importUnchecked(raw: string, options: ImportOptions): ImportResult {
  const text = checkInput(raw);
  const { normalized, statements } = withoutRuleBrackets(normalizeText(text));
  const lines: SourceLine[] = normalized.text
    .split("\n")
    .map((line, i) => ({ text: line, line: normalized.lineNumbers[i] ?? 1 }));
  const structure = parseStructure(lines);
  const warnings: ImportWarning[] = [...normalized.warnings, ...structure.warnings];
  const items = structure.tasks.filter((parsed) => {
    if (parsed.guarantee || !isNonTaskItem(parsed.title)) return true;
    warnings.push(importWarning("not-a-task", `item ${parsed.ordinal} (${parsed.title}) frames the plan; it is not a task`, parsed.line, parsed.title));
    return false;
  });
  if (items.length === 0) {
    throw new ImportError(
      "not-a-plan",
      `no tasks found in ${lines.length} lines: expected parts (一、二、…) holding numbered tasks (1. 2. …) or subsections ((一)(二)…)` +
        (structure.parts.length === 0
          ? "; no part headings either"
          : structure.tasks.length > 0
            ? `; the ${structure.tasks.length} numbered item(s) only frame the plan (总体要求, 基本原则, …)`
            : `; found ${structure.parts.length} part(s) but no tasks in them`),
    );
  }
  const framing = structure.tasks.filter((t) => !items.includes(t));

  const firstTaskLine = structure.tasks[0]?.firstLine ?? 0;
  const jurisdiction = options.jurisdiction === undefined ? undefined : checkJurisdiction(options.jurisdiction);
  const metadata = readMetadata({
    ...(jurisdiction === undefined ? {} : { jurisdiction }),
    preamble: structure.preamble,
    preface: structure.preface,
    body: lines.slice(firstTaskLine).map((l) => l.text).join("\n"),
    goals: structure.goals,
  });
  if (metadata.period === null) {
    throw new ImportError("period-unknown", "the text names no year at all, so the plan's period and deadlines cannot be read");
  }
  const idCandidate = options.id ?? `${metadata.jurisdictionSlug}-${metadata.period.startYear}`;
  const idResult = PlanIdSchema.safeParse(idCandidate);
  if (!idResult.success) {
    throw new ImportError("invalid-id", `"${idCandidate}" is not a plan id: use a lower-case slug such as chengdu-2015`);
  }
  const planId = idResult.data;

  warnings.push(...metadata.warnings);
  for (const { index, statement } of statements) {
    warnings.push(importWarning("unit-rule", ruleMessage(statement), normalized.lineNumbers[index] ?? null, statement.phrase));
  }
  const units = new UnitRegistry(jurisdictionKey(metadata.jurisdiction));
  const numbers = taskNumbers(items);
  const tasks: Task[] = items.map((parsed, i) => {
    const number = numbers[i] ?? i + 1;
    const { body, annotation } = splitUnitAnnotation(parsed.text, annotationContext(statements, parsed.lastLine));
    const taskText = body.trim() === "" ? parsed.text : body;
    if (annotation === null && /牵头单位|责任单位/.test(parsed.text)) {
      warnings.push(importWarning("unit-annotation-unparsed", `task ${parsed.ordinal} names units that could not be read`, parsed.line, parsed.text.slice(-40)));
    }
    if (taskText.length > VERY_LONG_TASK) {
      warnings.push(importWarning("very-long-task", `task ${parsed.ordinal} is ${taskText.length} characters long; a heading may have been missed`, parsed.line, parsed.title));
    }
    const milestones = taskMilestones(taskText, parsed.title);
    const targets = extractTargets(taskText, milestones);
    const { citations, repairs } = extractCitations(taskText);
    for (const repair of repairs) {
      warnings.push(importWarning("citation-repaired", `task ${parsed.ordinal}: ${repair}`, parsed.line, null));
    }
    return {
      id: taskId(planId, number),
      planId,
      number,
      ordinal: parsed.ordinal,
      partNumber: parsed.partIndex + 1,
      sectionNumber: parsed.sectionIndex === null ? null : parsed.sectionIndex + 1,
      guarantee: parsed.guarantee,
      title: parsed.title,
      text: taskText,
      originalText: originalTextOf(parsed, normalized, taskText),
      lead: units.addAll(annotation?.lead ?? []),
      responsible: units.addAll(annotation?.responsible ?? []),
      milestones,
      targets,
      citations,
      themes: [],
    };
  });

  const candidate: Plan = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    id: planId,
    title: metadata.title,
    issuer: metadata.issuer,
    documentNumber: metadata.documentNumber,
    jurisdiction: metadata.jurisdiction,
    period: metadata.period,
    basis: metadata.basis,
    guidingIdeology: structure.guidingIdeology ?? framingText(framing, /指导思想/u),
    goals: structure.goals ?? framingText(framing, /目标/u),
    parts: structure.parts.map((part, partIndex) => ({
      number: partIndex + 1,
      ordinal: part.ordinal,
      title: part.title,
      kind: part.kind,
      text: part.text,
      sections: structure.sections
        .map((section, sectionIndex) => ({ section, sectionIndex }))
        .filter(({ section }) => section.partIndex === partIndex)
        .map(({ section, sectionIndex }) => ({ number: sectionIndex + 1, ordinal: section.ordinal, title: section.title })),
    })),
    tasks,
    units: units.list(),
    provenance: {
      sourceFiles: [
        {
          name: options.sourceName ?? "input.txt",
          sha256: options.sha256 ?? sha256Hex(raw),
          script: normalized.script,
          format: options.format ?? normalized.format,
        },
      ],
      importerVersion: IMPORTER_VERSION,
      warnings,
    },
  };

  // Every task carries its themes from the classifier (docs/search.md, Themes).
  const parsed = PlanSchema.safeParse(withThemes(candidate));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "" : ` at ${issue.path.join(".")}: ${issue.message}`;
    throw new ImportError("invalid-plan", `the imported plan is not valid${where}`);
  }
  return { plan: parsed.data, warnings };
}

/** An admin's jurisdiction: of the model's shape, and a county with the city (or province) it belongs to. */
function checkJurisdiction(input: Jurisdiction): Jurisdiction {
  const parsed = JurisdictionSchema.safeParse({ ...input, name: input.name.trim(), parent: input.parent?.trim() || null });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError("invalid-jurisdiction", `the jurisdiction is not valid${issue === undefined ? "" : ` at ${issue.path.join(".")}: ${issue.message}`}`);
  }
  const j = parsed.data;
  if (/[:\s]/u.test(j.name) || /[:\s]/u.test(j.parent ?? "")) {
    throw new ImportError("invalid-jurisdiction", `a jurisdiction's name and parent hold no colon or space: ${j.name}`);
  }
  if (j.level === "county" && j.parent === null) {
    throw new ImportError("invalid-jurisdiction", `${j.name} is county-level: name the city (or province) it belongs to as its parent, e.g. 成都市 for 锦江区`);
  }
  return j;
}

/** The text of a framing item ("1.指导思想。以…为指导…") without its title, for the plan's ideology or goals. */
function framingText(framing: readonly ParsedTask[], title: RegExp): string | null {
  const item = framing.find((t) => title.test(t.title));
  if (item === undefined) return null;
  const rest = item.text.slice(item.title.length).replace(/^[。:,;\s]+/u, "");
  return rest === "" ? null : rest;
}

interface PlacedStatement {
  /** Index of the (normalised) line the rule is stated on. */
  index: number;
  statement: RuleStatement;
}

/**
 * Finds the document's rule statements and removes the brackets that hold
 * nothing else ("(以下均需各区政府落实,不再列出)"), line by line; a line left
 * empty goes, so line indices stay those the structure parser sees.
 */
function withoutRuleBrackets(normalized: NormalizedText): { normalized: NormalizedText; statements: PlacedStatement[] } {
  const textLines = normalized.text.split("\n");
  const originalLines = normalized.original.split("\n");
  const text: string[] = [];
  const original: string[] = [];
  const lineNumbers: number[] = [];
  const statements: PlacedStatement[] = [];
  textLines.forEach((line, i) => {
    for (const statement of findRuleStatements(line)) statements.push({ index: text.length, statement });
    const cleaned = removeRuleBrackets(line);
    if (cleaned.removed.length > 0 && cleaned.text.trim() === "") return;
    text.push(cleaned.text);
    // The unconverted line no longer lines up once a bracket went: the converted one stands in.
    original.push(cleaned.removed.length > 0 ? cleaned.text : (originalLines[i] ?? line));
    lineNumbers.push(normalized.lineNumbers[i] ?? 1);
  });
  if (statements.length === 0) return { normalized, statements };
  return { normalized: { ...normalized, text: text.join("\n"), original: original.join("\n"), lineNumbers }, statements };
}

/**
 * The rules in force for a task's annotations: which listed unit leads is
 * the document's rule wherever it is stated (often in the notice, or in a
 * note after the table); implied units ("以下均需…落实") from the statement on.
 */
function annotationContext(statements: readonly PlacedStatement[], lastLine: number): AnnotationContext {
  if (statements.length === 0) return NO_RULES;
  const leadRule = statements.find((s) => s.statement.lead === "first-group") ?? statements.find((s) => s.statement.lead !== null);
  const implied = statements
    .filter((s) => s.index <= lastLine)
    .flatMap((s) => s.statement.implied)
    .filter((name) => looksLikeOffice(name.replace(/[、,].*$/u, "")));
  return { lead: leadRule?.statement.lead ?? null, separator: leadRule?.statement.separator ?? ",", implied };
}

function ruleMessage(statement: RuleStatement): string {
  const parts: string[] = [];
  if (statement.lead === "first-unit") parts.push("the first unit listed in an annotation without a lead is read as its lead");
  if (statement.lead === "first-group") {
    parts.push(`the units before the first ${statement.separator === ";" ? "semicolon" : "comma"} of an annotation without a lead are read as its leads`);
  }
  if (statement.implied.length > 0) parts.push(`every later annotation also names ${statement.implied.join("、")}`);
  return `a rule for unit annotations: ${parts.join("; ")}`;
}

/**
 * The task's text as it stood before script conversion. Conversion keeps lines
 * and (in practice) lengths, so the task's span of lines is cut the same way
 * from the unconverted text; when that does not line up, there is no original.
 */
function originalTextOf(parsed: ParsedTask, normalized: NormalizedText, taskText: string): string | null {
  if (normalized.script === "simplified") return null;
  const span = (all: string): string => {
    const lines = all.split("\n").slice(parsed.firstLine, parsed.lastLine + 1);
    const [first = "", ...rest] = lines;
    return [first.slice(parsed.prefixLength), ...rest].join("\n");
  };
  const converted = span(normalized.text);
  const original = span(normalized.original);
  if (converted !== parsed.text || original.length !== converted.length || !converted.startsWith(taskText)) return null;
  const originalTask = original.slice(0, taskText.length);
  return originalTask === taskText ? null : originalTask;
}

