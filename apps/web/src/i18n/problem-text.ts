import type { FieldError } from "@taizhang/contract";
import { isApiError } from "../api/api-error.js";
import type { Messages } from "./messages-zh.js";

/** The words for a failed request, and whether signing in again is the way out (a 401: the session ended). */
export interface ProblemWords {
  text: string;
  signIn: boolean;
}

// The problem `type` is `<base>/problems/<code>` (contract's PROBLEMS); read here without the contract's
// runtime, so the entry chunk stays small.
function codeOf(type: string, m: Messages): keyof Messages["problems"]["codes"] | null {
  const slug = type.slice(type.lastIndexOf("/") + 1);
  return Object.hasOwn(m.problems.codes, slug) ? (slug as keyof Messages["problems"]["codes"]) : null;
}

/**
 * A field path of the contract (`body.evidence.0.url`) in words: 佐证材料第1项的链接.
 * The first segment says where the field was (body, query, path, header) and is left out.
 */
export function fieldWords(m: Messages, path: string): string {
  const [, ...segments] = path.split(".");
  let words: string | null = null;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      words = m.problems.entry(words ?? m.problems.someField, Number(segment) + 1);
      continue;
    }
    const name = m.problems.fields[segment] ?? m.problems.someField;
    words = words === null ? name : m.problems.inside(words, name);
  }
  return words ?? m.problems.someField;
}

/** What is wrong with one field, from the issue's code (never from its English message). */
function complaint(m: Messages, e: FieldError): string {
  const i = m.problems.issues;
  switch (e.issue) {
    case "invalid_format":
      return e.format === "url" ? i.url : i.format;
    case "too_big":
      if (e.maximum === undefined) return i.other;
      return e.origin === "string" ? i.tooLong(e.maximum) : e.origin === "array" ? i.tooMany(e.maximum) : i.tooBig(e.maximum);
    case "too_small":
      if (e.minimum === undefined) return i.other;
      return e.origin === "string" || e.origin === "array" ? i.tooShort(e.minimum) : i.tooSmall(e.minimum);
    case "invalid_type":
      return e.expected === "number" ? i.number : i.type;
    case "invalid_value":
      return i.value;
    case "unrecognized_keys":
      return i.unknownField;
    default:
      return i.other;
  }
}

/** One field error as a sentence: 佐证材料第1项的链接不是有效网址. */
export function fieldErrorText(m: Messages, e: FieldError): string {
  return m.problems.sentence(fieldWords(m, e.path), complaint(m, e));
}

/**
 * The one catalogue of what the web says when a request fails: the API's problem by its code, field by field for a
 * validation failure, in the page's language. The API's `detail` (English, technical) is never shown.
 */
export function problemWords(m: Messages, error: unknown): ProblemWords {
  if (isApiError(error)) {
    const code = codeOf(error.problem.type, m);
    const signIn = error.status === 401;
    const fields = (error.problem.errors ?? []) as FieldError[];
    if (code === "validation-failed" && fields.length > 0) return { text: fields.map((e) => fieldErrorText(m, e)).join(m.problems.join), signIn };
    if (code !== null) return { text: m.problems.codes[code], signIn };
    return { text: m.problems.status(error.status), signIn };
  }
  // fetch() rejects with a TypeError when the server cannot be reached.
  if (error instanceof TypeError) return { text: m.problems.network, signIn: false };
  return { text: m.problems.unexpected, signIn: false };
}

/** The words alone, for places that show a line of text. */
export function problemText(m: Messages, error: unknown): string {
  return problemWords(m, error).text;
}
