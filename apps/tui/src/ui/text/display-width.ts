import stringWidth from "string-width";

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The number of terminal cells a string takes: full-width characters (汉字,
 * full-width punctuation) take two, combining marks none. Ambiguous-width
 * characters such as "…" count as one, as most terminals draw them.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The user-perceived characters of a string, so that no cut ever splits one (or a surrogate pair). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** One line of plain text: tabs, line breaks and control characters become single spaces. */
export function singleLine(text: string): string {
  // Control characters would move the terminal's cursor and break every column after them.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ");
}
