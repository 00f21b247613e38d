import { z } from "zod";

/**
 * The one text policy for every string the ledger stores (a progress note,
 * a 责任人, a measured value's unit, a token's name, a reason…): a string is
 * storable when the store, the history and every export (CSV, JSON, .xlsx)
 * can hold it exactly as it was accepted. That rules out three kinds of
 * character, each of which some layer would drop, replace or choke on:
 *
 * - U+0000 (NUL): PostgreSQL refuses it in text, SQLite's C strings end at it;
 * - lone surrogates (an unpaired U+D800–U+DFFF): not a character at all, so
 *   UTF-8 encoders replace them with U+FFFD — in the row but not in history;
 * - characters XML 1.0 forbids (C0 controls other than TAB, LF and CR;
 *   U+FFFE, U+FFFF): an .xlsx holding one cannot be opened;
 * - U+007F (DEL): allowed by XML but dropped by the .xlsx writer (exceljs).
 *
 * Everything else XML 1.0 allows (its `Char` production) is storable.
 */

export type UnstorableKind = "nul" | "lone-surrogate" | "xml-illegal" | "del";

/** Why a string cannot be stored: the first offending character and where it is. */
export interface UnstorableText {
  kind: UnstorableKind;
  /** The code point (for a lone surrogate, the surrogate's own code unit). */
  codePoint: number;
  /** 0-based index in characters (code points), as a person counts them. */
  index: number;
  /** E.g. "U+0000 at character 6 (NUL)". */
  message: string;
}

const KIND_LABELS: Record<UnstorableKind, string> = {
  nul: "NUL",
  "lone-surrogate": "a lone surrogate",
  "xml-illegal": "a character XML 1.0 does not allow",
  del: "DEL, which the .xlsx export cannot hold",
};

/** "U+0000", "U+D800", "U+1F600". */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function kindOf(codePoint: number): UnstorableKind | null {
  if (codePoint === 0) return "nul";
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d ? null : "xml-illegal";
  if (codePoint === 0x7f) return "del";
  if (codePoint === 0xfffe || codePoint === 0xffff) return "xml-illegal";
  return null;
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Walks a string by code point, calling `visit` with each one and whether it is a lone surrogate; stops when it returns true. */
function scan(text: string, visit: (codePoint: number, lone: boolean, unitIndex: number, width: number) => boolean | void): void {
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    if (isHigh(unit) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00);
      if (visit(codePoint, false, i, 2) === true) return;
      i += 2;
    } else {
      if (visit(unit, isHigh(unit) || isLow(unit), i, 1) === true) return;
      i += 1;
    }
  }
}

/** The first character of `text` that cannot be stored and exported faithfully, or null when it all can. */
export function unstorableText(text: string): UnstorableText | null {
  let found: UnstorableText | null = null;
  let index = 0;
  scan(text, (codePoint, lone) => {
    const kind: UnstorableKind | null = lone ? "lone-surrogate" : kindOf(codePoint);
    if (kind !== null) {
      found = { kind, codePoint, index, message: `${codePointLabel(codePoint)} at character ${index} (${KIND_LABELS[kind]})` };
      return true;
    }
    index += 1;
    return false;
  });
  return found;
}

/** Whether `text` can be stored and exported faithfully. */
export const isStorableText = (text: string): boolean => unstorableText(text) === null;

/**
 * `text` made storable: NUL and the characters XML 1.0 forbids removed, lone
 * surrogates replaced by U+FFFD (what a UTF-8 encoder would have made of
 * them anyway). Storable text comes back unchanged.
 */
export function repairStoredText(text: string): string {
  if (isStorableText(text)) return text;
  let out = "";
  scan(text, (codePoint, lone, unitIndex, width) => {
    if (lone) out += "\uFFFD";
    else if (kindOf(codePoint) === null) out += text.slice(unitIndex, unitIndex + width);
  });
  return out;
}

/**
 * `text` with its unstorable characters written as `\u{…}` escapes (and
 * backslashes doubled), so a report can show what was there without holding
 * it: storable, and reversible by a person.
 */
export function escapeUnstorableText(text: string): string {
  let out = "";
  scan(text, (codePoint, lone, unitIndex, width) => {
    if (lone || kindOf(codePoint) !== null) out += `\\u{${codePoint.toString(16).toUpperCase().padStart(4, "0")}}`;
    else if (codePoint === 0x5c) out += "\\\\";
    else out += text.slice(unitIndex, unitIndex + width);
  });
  return out;
}

/** A string somewhere in a value that cannot be stored: where (a dotted path) and why. */
export interface UnstorableField extends UnstorableText {
  /** E.g. "note", "responsiblePerson.name", "evidence.0.description". */
  field: string;
  /** E.g. "note: U+0000 at character 6 (NUL)". */
  detail: string;
}

/**
 * The first string in `value` (a string, or the strings anywhere in an object
 * or array) that cannot be stored, with its path below `field`; null when
 * every string can.
 */
export function findUnstorableText(value: unknown, field = ""): UnstorableField | null {
  if (typeof value === "string") {
    const problem = unstorableText(value);
    if (problem === null) return null;
    const name = field === "" ? "text" : field;
    return { ...problem, field: name, detail: `${name}: ${problem.message}` };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, field === "" ? String(i) : `${field}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      // Keys are stored too (JSON columns), so they are held to the same policy.
      const keyProblem = findUnstorableText(key, field === "" ? "key" : `${field}.key`);
      if (keyProblem) return keyProblem;
      const found = findUnstorableText(item, field === "" ? key : `${field}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A zod refinement holding a string to the policy, for schemas:
 * `z.string().superRefine(refineStorableText)`. The issue names the
 * character and where it is.
 */
export function refineStorableText(value: string, ctx: z.RefinementCtx): void {
  const problem = unstorableText(value);
  if (problem) ctx.addIssue({ code: "custom", message: `cannot be stored: ${problem.message}` });
}

/** A string schema held to the policy: `storableString().max(4000)` is not possible (refinements end a chain), so put limits first: `storableString(z.string().max(4000))`. */
export function storableString<S extends z.ZodType<string>>(schema?: S): z.ZodType<string> {
  return (schema ?? z.string()).superRefine(refineStorableText);
}
