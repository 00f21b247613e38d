import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guardCsvFormula } from "./csv-formula.js";
import { csvLines } from "./csv.js";

/** RFC 4180 as the exports wrote it before csv-stringify: a field with a comma, a quote, CR or LF quoted, quotes doubled. */
function rfc4180(raw: string): string {
  const text = guardCsvFormula(raw);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

describe("csvLines (csv-stringify)", () => {
  it("writes the bytes of RFC 4180 after the formula guard, CRLF after every line", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", ",", '"', "\r", "\n", " ", "=", "+", "@", "\t", "-", "'", "进", ";") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 4 }), (lines) => {
        expect(csvLines(lines)).toBe(lines.map((l) => `${l.map(rfc4180).join(",")}\r\n`).join(""));
      }),
      { numRuns: 2000 },
    );
    expect(csvLines([["a\nb", "=1+1", ""]])).toBe('"a\nb",\'=1+1,\r\n');
  });
});
