// Trimming by scanning from the ends. A regex such as /[,、\s]+$/ retries at
// every position of a long inner run and turns quadratic on broken text.

/** `text` without the characters of `chars` at its end. */
export function trimEndChars(text: string, chars: ReadonlySet<string>): string {
  let end = text.length;
  while (end > 0 && chars.has(text[end - 1] ?? "")) end--;
  return text.slice(0, end);
}

/** `text` without the characters of `chars` at either end. */
export function trimChars(text: string, chars: ReadonlySet<string>): string {
  let start = 0;
  while (start < text.length && chars.has(text[start] ?? "")) start++;
  return trimEndChars(text.slice(start), chars);
}

/** Whitespace as the importer meets it: ASCII spaces, tabs, line breaks and the ideographic space. */
export const WHITESPACE = [" ", "\t", "\n", "\r", "\u3000", "\u00a0"] as const;
