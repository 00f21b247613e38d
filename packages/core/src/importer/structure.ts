import type { ImportWarning } from "../model/provenance.js";
import type { PART_KINDS } from "../model/plan.js";
import { parseNumber } from "./chinese-number.js";
import { importWarning } from "./import-warning.js";
import { isNewsPreface, type SourceLine } from "./normalize.js";
import { DEADLINE_FIELD, LABEL_START } from "./units.js";

export type PartKind = (typeof PART_KINDS)[number];

/** A part (一、二、…) as found in the text. */
export interface ParsedPart {
  ordinal: string;
  title: string;
  kind: PartKind;
  /** The part's own text when it holds no tasks; empty otherwise. */
  text: string;
  line: number;
}

/** A section ((一)(二)…) of a part whose tasks are numbered 1. 2. … */
export interface ParsedSection {
  ordinal: string;
  title: string;
  partIndex: number;
  line: number;
}

/** A task: a numbered item, or a (一) subsection in plans without numbered items. */
export interface ParsedTask {
  ordinal: string;
  /** The number the document prints (12 for "12.", 3 for "(三)"). */
  printedNumber: number;
  /** How the document numbers it: "number" for 1. 2. …, "paren" for (一)(二)…. */
  numbering: "number" | "paren";
  title: string;
  /** The whole task without its ordinal: heading phrase and body, paragraphs joined by "\n". */
  text: string;
  partIndex: number;
  sectionIndex: number | null;
  guarantee: boolean;
  /** Index of the heading line in the lines handed to {@link parseStructure}. */
  firstLine: number;
  /** Index of the last line of the task (inclusive). */
  lastLine: number;
  /** Characters of the heading line taken by the ordinal. */
  prefixLength: number;
  /** Source line of the heading. */
  line: number;
}

export interface ParsedStructure {
  /** Lines before the first part (title block, notice, basis), without any news preface. */
  preamble: SourceLine[];
  /** A news preface ("本报…讯 … 全文如下。") removed from the preamble. */
  preface: SourceLine[];
  parts: ParsedPart[];
  sections: ParsedSection[];
  tasks: ParsedTask[];
  guidingIdeology: string | null;
  goals: string | null;
  warnings: ImportWarning[];
}

const PART_HEADING = /^([一二三四五六七八九十百]+)[、.]\s*(.*)$/;
const PAREN_HEADING = /^\(([一二三四五六七八九十百]+)\)\s*(.*)$/;
const NUMBER_HEADING = /^(\d{1,3})[.、](?!\d)\s*(.*)$/;

const GENERAL_TITLE = /总体要求|指导思想|总体目标|基本原则|目标要求|主要目标|工作目标|总体思路|基本要求|指导原则/;
const GUARANTEE_TITLE = /保障措施|保障机制|组织实施|组织保障|组织领导|实施保障/;
// A Q&A about a document ("《…》答记者问") or a headline ending in 答记者问, the first question
// of a Q&A, or a document's tail.
const TRAILING_MATERIAL = /》(?:答记者问|记者问答)|(?:答记者问|记者问答)[^。;]*$|^问[:：]|^[(（]此件.{0,12}[)）]$|^抄送[:：]/;

/** How far ahead of the expected number a heading may jump (a lost line) before it is read as text. */
const MAX_GAP = 3;
const MAX_TITLE_LENGTH = 60;
const MAX_COLON_TITLE = 30;

/** Classifies a part by its title: general parts hold no tasks, guarantee parts hold guarantee measures. */
export function partKind(title: string): PartKind {
  if (GUARANTEE_TITLE.test(title)) return "guarantees";
  if (GENERAL_TITLE.test(title)) return "general";
  return "tasks";
}

/** The heading phrase of a task: up to the first 。, without trailing punctuation, never overly long. */
export function taskTitle(rest: string): string {
  let stop = rest.indexOf("。");
  // "1.推行政府职能法定化:坚持…" — a heading phrase closed by a colon.
  const colon = rest.indexOf(":");
  if (colon > 0 && colon <= MAX_COLON_TITLE && (stop < 0 || colon < stop)) stop = colon;
  let title = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
  if ([...title].length > MAX_TITLE_LENGTH) {
    const clause = title.search(/[;:,]/);
    if (clause > 0) title = title.slice(0, clause);
  }
  if ([...title].length > MAX_TITLE_LENGTH) title = [...title].slice(0, MAX_TITLE_LENGTH).join("");
  return title.replace(/[,;:、。\s]+$/u, "");
}

/** A heading line short of sentences: "(一)依法全面履行政府职能" rather than "(一)指导思想。高举…". */
function isBareHeading(rest: string): boolean {
  const body = rest.replace(/。$/, "");
  return !/[。;!?]/.test(body) && [...body].length <= MAX_TITLE_LENGTH;
}

interface Heading {
  kind: "part" | "paren" | "number";
  value: number;
  ordinal: string;
  rest: string;
  prefixLength: number;
}

function readHeading(text: string): Heading | null {
  const part = PART_HEADING.exec(text);
  if (part?.[1] !== undefined) {
    const value = parseNumber(part[1]);
    if (value !== null && value > 0) {
      const rest = part[2] ?? "";
      return { kind: "part", value, ordinal: part[1], rest, prefixLength: text.length - rest.length };
    }
  }
  const paren = PAREN_HEADING.exec(text);
  if (paren?.[1] !== undefined) {
    const value = parseNumber(paren[1]);
    if (value !== null && value > 0) {
      const rest = paren[2] ?? "";
      return { kind: "paren", value, ordinal: `(${paren[1]})`, rest, prefixLength: text.length - rest.length };
    }
  }
  const numbered = NUMBER_HEADING.exec(text);
  if (numbered?.[1] !== undefined) {
    const value = Number(numbered[1]);
    const rest = numbered[2] ?? "";
    if (value > 0) return { kind: "number", value, ordinal: numbered[1], rest, prefixLength: text.length - rest.length };
  }
  return null;
}

/**
 * Whether a heading continues a numbering sequence: it must be the next
 * number, or 1 where numbering may restart, or — for a heading-shaped line —
 * a small jump over a lost item. Anything else (a date or a count at the
 * start of a line) is text.
 */
function accepts(
  heading: Heading,
  expected: number,
  restartAllowed: boolean,
  later: () => readonly SourceLine[],
): "next" | "restart" | "gap" | null {
  if (heading.value === expected) return "next";
  if (restartAllowed && heading.value === 1) return "restart";
  const gap = heading.value - expected;
  const headingShaped = heading.rest.includes("。") ? heading.rest.indexOf("。") <= MAX_TITLE_LENGTH : isBareHeading(heading.rest);
  // A jump is only believed when the sequence carries on from it further down.
  const confirmed = gap > 0 && gap <= MAX_GAP && later().some((l) => {
    const next = readHeading(l.text);
    return next?.kind === heading.kind && next.value === heading.value + 1;
  });
  if (gap > 0 && gap <= MAX_GAP && headingShaped && heading.rest.length > 0 && confirmed) return "gap";
  return null;
}

interface PartSpan {
  heading: Heading;
  /** Index of the heading line; for a part without one, the line before its first task. */
  start: number;
  end: number; // exclusive
  /** False for the one implicit part of a plan that prints no part headings. */
  printed: boolean;
}

/**
 * Parses normalised lines into parts, sections and tasks. Never throws; what
 * it drops or finds odd it reports as warnings.
 */
export function parseStructure(input: readonly SourceLine[]): ParsedStructure {
  const warnings: ImportWarning[] = [];
  const lines = cutTrailingMaterial(input, warnings);

  const partSpans = findParts(lines, warnings);
  if (partSpans.length === 0) {
    const implicit = implicitPart(lines);
    if (implicit !== null) {
      partSpans.push(implicit);
      warnings.push(
        importWarning("parts-inferred", "no part headings (一、二、…): the tasks are read as one part", lines[implicit.start]?.line ?? null, lines[implicit.start]?.text ?? null),
      );
    }
  }
  const firstSpan = partSpans[0];
  const firstPart = firstSpan === undefined ? lines.length : firstSpan.printed ? firstSpan.start : firstSpan.start + 1;
  const { preamble, preface } = splitPreface(lines.slice(0, firstPart), warnings);

  const parts: ParsedPart[] = [];
  const sections: ParsedSection[] = [];
  const tasks: ParsedTask[] = [];
  let guidingIdeology: string | null = null;
  let goals: string | null = null;

  // Numbered tasks run on across parts (Hohhot 31–34 sit under 三、保障机制).
  let expectedNumber = 1;
  let expectedParen = 1;

  partSpans.forEach((span, partIndex) => {
    const title = taskTitle(span.heading.rest) || span.heading.rest || `第${span.heading.ordinal}部分`;
    let kind = partKind(title);
    const body = lines.slice(span.start + 1, span.end);
    const inline = span.heading.rest.includes("。") ? span.heading.rest.slice(span.heading.rest.indexOf("。") + 1) : "";
    const partLines = inline === "" ? body : [{ text: inline, line: lines[span.start]?.line ?? 0 }, ...body];
    const partLine = lines[span.printed ? span.start : span.start + 1]?.line ?? 1;

    if (kind === "general") {
      // Some plans number on through their general part ("2、指导思想。3、基本要求。4、…"): count those numbers.
      for (const line of partLines) {
        const heading = readHeading(line.text);
        if (heading?.kind === "number" && heading.value === expectedNumber) expectedNumber += 1;
      }
      const text = partLines.map((l) => l.text).join("\n");
      parts.push({ ordinal: span.heading.ordinal, title, kind, text, line: partLine });
      const found = readGeneralPart(title, partLines);
      guidingIdeology ??= found.guidingIdeology;
      goals ??= found.goals;
      return;
    }

    const hasNumbered = partHasNumberedTasks(partLines, expectedNumber);
    const partTasks: ParsedTask[] = [];
    let current: ParsedTask | null = null;
    let currentSection: number | null = null;
    let parenSeen = false;
    let lastWasHeading = true;
    // Reported only if the part turns out to hold tasks; otherwise its text is kept whole.
    const outside: ImportWarning[] = [];

    // A section heading opens a provisional task: if no numbered task follows in
    // the section but text does, the section itself is a task (its text is not lost).
    let provisional = false;
    const close = (): void => {
      if (current !== null && (!provisional || current.lastLine > current.firstLine || sectionBody(current) !== "")) {
        partTasks.push(current);
      }
      current = null;
      provisional = false;
    };
    const open = (heading: Heading, index: number, source: SourceLine): ParsedTask => ({
      ordinal: heading.ordinal,
      printedNumber: heading.value,
      numbering: heading.kind === "paren" ? "paren" : "number",
      title: taskTitle(heading.rest),
      text: heading.rest,
      partIndex,
      sectionIndex: currentSection,
      guarantee: kind === "guarantees",
      firstLine: index,
      lastLine: index,
      prefixLength: heading.prefixLength,
      line: source.line,
    });

    partLines.forEach((source, offset) => {
      // Inline text of the part heading has no line of its own.
      const index = inline === "" ? span.start + 1 + offset : offset === 0 ? span.start : span.start + offset;
      const heading = readHeading(source.text);
      if (heading?.kind === "paren") {
        const verdict = accepts(heading, expectedParen, !parenSeen, () => lines.slice(index + 1));
        if (verdict !== null) {
          if (verdict === "gap") {
            warnings.push(importWarning("numbering-gap", `expected (${expectedParen}) but found ${heading.ordinal}`, source.line, source.text));
          }
          parenSeen = true;
          expectedParen = heading.value + 1;
          if (hasNumbered) {
            close();
            sections.push({ ordinal: heading.ordinal, title: taskTitle(heading.rest) || heading.ordinal, partIndex, line: source.line });
            currentSection = sections.length - 1;
            current = open(heading, index, source);
            provisional = true;
          } else {
            close();
            current = open(heading, index, source);
          }
          lastWasHeading = true;
          return;
        }
      }
      if (heading?.kind === "number" && hasNumbered) {
        const verdict = accepts(heading, expectedNumber, lastWasHeading && (current === null || provisional), () => lines.slice(index + 1));
        if (verdict !== null) {
          if (verdict === "gap") {
            warnings.push(importWarning("numbering-gap", `expected task ${expectedNumber} but found ${heading.value}`, source.line, source.text));
          }
          if (verdict === "restart" && expectedNumber !== 1) {
            warnings.push(importWarning("numbering-restart", `task numbering restarts at 1 after ${expectedNumber - 1}`, source.line, source.text));
          }
          expectedNumber = heading.value + 1;
          if (provisional && current !== null) {
            // The section's own lines before its first task introduce it; they belong to no task.
            const intro = current.text.split("\n").slice(1);
            if (sectionBody(current) !== "") intro.unshift(sectionBody(current));
            for (const text of intro) {
              outside.push(importWarning("trailing-material-removed", "a section's introduction is not part of any task", current.line, text));
            }
            current = null;
            provisional = false;
          }
          close();
          current = open(heading, index, source);
          lastWasHeading = false;
          return;
        }
        if (heading.value === expectedNumber - 1) {
          warnings.push(importWarning("duplicate-number", `task number ${heading.value} appears twice; the second is read as text`, source.line, source.text));
        }
      }
      lastWasHeading = false;
      if (current !== null) {
        current.text = current.text === "" ? source.text : `${current.text}\n${source.text}`;
        current.lastLine = index;
        if (current.title === "") current.title = taskTitle(source.text);
      } else if (source.text !== "") {
        outside.push(importWarning("trailing-material-removed", "text outside any task is not part of the ledger", source.line, source.text));
      }
    });
    close();

    const kept = partTasks.filter((task) => {
      if (task.title !== "" && task.text !== "") return true;
      warnings.push(importWarning("no-tasks", `task ${task.ordinal} has no text and is left out`, task.line, task.ordinal));
      return false;
    });
    if (kept.length === 0) {
      warnings.push(
        importWarning("no-tasks", `part ${span.heading.ordinal}、${title} holds no numbered tasks; its text is kept as the part's text`, partLine, title),
      );
      kind = "general";
    } else {
      warnings.push(...outside);
    }
    parts.push({
      ordinal: span.heading.ordinal,
      title,
      kind,
      text: kind === "general" ? partLines.map((l) => l.text).join("\n") : "",
      line: partLine,
    });
    tasks.push(...kept);
  });

  trimClosingParagraphs(tasks, lines, warnings);

  return { preamble, preface, parts, sections, tasks, guidingIdeology, goals, warnings };
}

function cutTrailingMaterial(lines: readonly SourceLine[], warnings: ImportWarning[]): readonly SourceLine[] {
  // Trailing material can only follow the plan's first heading (a part, or a task when there are no parts).
  const firstHeading = lines.findIndex((l) => readHeading(l.text) !== null);
  const cut = lines.findIndex(
    (l, i) => firstHeading >= 0 && i > firstHeading && [...l.text].length <= 120 && readHeading(l.text) === null && TRAILING_MATERIAL.test(l.text),
  );
  if (cut < 0) return lines;
  const removed = lines.slice(cut);
  const first = removed[0];
  warnings.push(
    importWarning(
      "trailing-material-removed",
      `removed ${removed.length} trailing lines that are not part of the plan`,
      first?.line ?? null,
      first?.text ?? null,
    ),
  );
  return lines.slice(0, cut);
}

function findParts(lines: readonly SourceLine[], warnings: ImportWarning[]): PartSpan[] {
  const spans: PartSpan[] = [];
  let expected = 1;
  lines.forEach((line, index) => {
    const heading = readHeading(line.text);
    if (heading?.kind !== "part") return;
    const verdict = accepts(heading, expected, false, () => lines.slice(index + 1));
    if (verdict === null) return;
    if (verdict === "gap") {
      warnings.push(importWarning("numbering-gap", `expected part ${expected} but found ${heading.ordinal}、`, line.line, line.text));
    }
    const previous = spans[spans.length - 1];
    if (previous !== undefined) previous.end = index;
    spans.push({ heading, start: index, end: lines.length, printed: true });
    expected = heading.value + 1;
  });
  return spans;
}

/**
 * A plan without 一、二、 parts: its tasks start at the first (一) or 1. line
 * and run to the end, as one part that has no heading line of its own.
 */
function implicitPart(lines: readonly SourceLine[]): PartSpan | null {
  const first = lines.findIndex((line) => {
    const heading = readHeading(line.text);
    return (heading?.kind === "paren" || heading?.kind === "number") && heading.value === 1;
  });
  if (first < 0) return null;
  return { heading: { kind: "part", value: 1, ordinal: "一", rest: "主要任务", prefixLength: 0 }, start: first - 1, end: lines.length, printed: false };
}

function splitPreface(lines: readonly SourceLine[], warnings: ImportWarning[]): { preamble: SourceLine[]; preface: SourceLine[] } {
  const preamble: SourceLine[] = [];
  const preface: SourceLine[] = [];
  for (const line of lines) {
    if (isNewsPreface(line.text)) {
      preface.push(line);
      warnings.push(importWarning("preface-removed", "removed a news preface that is not part of the plan", line.line, line.text));
    } else {
      preamble.push(line);
    }
  }
  return { preamble, preface };
}

/** The text on a section's heading line after its title ("(一)指导思想。高举…" → "高举…"). */
function sectionBody(task: ParsedTask): string {
  const first = task.text.split("\n")[0] ?? "";
  const stop = first.indexOf("。");
  return stop >= 0 ? first.slice(stop + 1) : "";
}

/** Whether a part numbers its tasks 1. 2. 3. (then its (一)(二) are sections). */
function partHasNumberedTasks(lines: readonly SourceLine[], expected: number): boolean {
  return lines.some((line, i) => {
    const heading = readHeading(line.text);
    return heading?.kind === "number" && accepts(heading, expected, true, () => lines.slice(i + 1)) !== null;
  });
}

/** The 指导思想 and 目标 texts of a general part: from its (一)指导思想。… paragraphs, or from its own title. */
function readGeneralPart(title: string, lines: readonly SourceLine[]): { guidingIdeology: string | null; goals: string | null } {
  let guidingIdeology: string | null = null;
  let goals: string | null = null;
  let currentKey: "ideology" | "goals" | null = null;
  const chunks: { ideology: string[]; goals: string[] } = { ideology: [], goals: [] };
  let labelled = false;
  for (const line of lines) {
    const heading = readHeading(line.text);
    if (heading?.kind === "paren" || heading?.kind === "number") {
      labelled = true;
      const label = taskTitle(heading.rest);
      currentKey = /指导思想/.test(label) ? "ideology" : /目标/.test(label) ? "goals" : null;
      const stop = heading.rest.indexOf("。");
      const rest = stop >= 0 ? heading.rest.slice(stop + 1) : "";
      if (currentKey !== null && rest !== "") chunks[currentKey].push(rest);
      continue;
    }
    if (currentKey !== null) chunks[currentKey].push(line.text);
  }
  if (labelled) {
    if (chunks.ideology.length > 0) guidingIdeology = chunks.ideology.join("\n");
    if (chunks.goals.length > 0) goals = chunks.goals.join("\n");
  } else {
    const text = lines.map((l) => l.text).join("\n");
    if (text !== "" && /指导思想/.test(title)) guidingIdeology = text;
    if (text !== "" && /目标/.test(title)) goals = text;
    // A 总体要求 written as one passage: the ideology ("以…为指导"), and the goals from "到2025年" on.
    if (text !== "" && guidingIdeology === null && goals === null) {
      if (/为指导|指导思想/.test(text)) guidingIdeology = text;
      const by = text.search(/到\d{4}年/);
      if (by >= 0) goals = text.slice(by);
    }
  }
  return { guidingIdeology, goals };
}

/**
 * A closing exhortation after the last task ("深入推进依法行政…是一场自我革命…")
 * is not part of that task: the last task keeps no more paragraphs than the
 * longest of the other tasks.
 */
function trimClosingParagraphs(tasks: ParsedTask[], lines: readonly SourceLine[], warnings: ImportWarning[]): void {
  const last = tasks[tasks.length - 1];
  if (last === undefined || tasks.length < 2) return;
  // Label lines ("责任单位:…", "完成时限:…") are the task's annotation, not paragraphs.
  const isLabel = (line: string): boolean => LABEL_START.test(line) || DEADLINE_FIELD.test(line);
  const paragraphs = (task: ParsedTask): number => task.text.split("\n").filter((l) => !isLabel(l)).length;
  const allowed = Math.max(...tasks.slice(0, -1).map(paragraphs));
  const own = last.text.split("\n");
  let seen = 0;
  let keep = own.length;
  for (let i = 0; i < own.length; i += 1) {
    if (isLabel(own[i] ?? "")) continue;
    seen += 1;
    if (seen > allowed) {
      keep = i;
      break;
    }
  }
  if (keep === own.length) return;
  const removed = own.slice(keep);
  last.text = own.slice(0, keep).join("\n");
  last.lastLine -= removed.length;
  const firstRemoved = lines[last.lastLine + 1];
  warnings.push(
    importWarning(
      "trailing-material-removed",
      `removed ${removed.length} closing paragraph(s) after the last task`,
      firstRemoved?.line ?? null,
      removed[0] ?? null,
    ),
  );
}
