import type { ImportWarning, WARNING_CODES } from "../model/provenance.js";

export type WarningCode = (typeof WARNING_CODES)[number];

const EXCERPT_LENGTH = 40;

/** Builds an importer warning with a short excerpt of the text concerned. */
export function importWarning(
  code: WarningCode,
  message: string,
  line: number | null = null,
  excerpt: string | null = null,
): ImportWarning {
  return {
    code,
    message,
    line: line !== null && Number.isInteger(line) && line >= 1 ? line : null,
    excerpt: excerpt === null ? null : shortExcerpt(excerpt),
  };
}

/** The first characters of a text on one line, with an ellipsis when cut. */
export function shortExcerpt(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length <= length ? flat : `${chars.slice(0, length).join("")}…`;
}
