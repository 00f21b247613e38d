/*
 * CSV formula injection (OWASP "CSV Injection"): a spreadsheet that opens a
 * CSV runs a cell starting with = + - @ (or a TAB or CR, which some strip
 * before looking) as a formula. Such cells get a leading apostrophe, which
 * makes them text. Cells that already start with apostrophes followed by one
 * of those characters get one more, so reading our own CSV back can strip
 * exactly the apostrophe the export added and nothing else: for every string
 * s, unguardCsvFormula(guardCsvFormula(s)) === s.
 */

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
/** A negative number (剩余天数 of an overdue task) is a number to a spreadsheet, not a formula: left as it is. */
const NEGATIVE_NUMBER = /^-\d+(?:\.\d+)?$/;

const needsGuard = (text: string): boolean => NEEDS_GUARD.test(text) && !NEGATIVE_NUMBER.test(text);

/** A cell's text as written to a CSV export: `'` before text a spreadsheet would run as a formula. */
export function guardCsvFormula(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/** The inverse of {@link guardCsvFormula}, for a CSV read back: strips the one `'` the export added. */
export function unguardCsvFormula(text: string): string {
  return text.startsWith("'") && needsGuard(text.slice(1)) ? text.slice(1) : text;
}
