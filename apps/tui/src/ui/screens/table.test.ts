import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayWidth } from "../text/index.js";
import { fitColumns, tableRow, type FitColumn } from "./table.js";

const word = fc.array(fc.constantFrom("行", "政", "复", "议", "a", "1", "（", "）"), { minLength: 0, maxLength: 14 }).map((cs) => cs.join(""));
const column = fc.record({
  texts: fc.array(word, { minLength: 1, maxLength: 6 }),
  min: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
  shrink: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  optional: fc.boolean(),
});

const total = (widths: number[]): number => {
  const shown = widths.filter((w) => w > 0);
  return shown.reduce((a, b) => a + b, 0) + Math.max(0, shown.length - 1);
};

describe("fitColumns", () => {
  it("cuts nothing while the columns fit, and leaves the rest of the line at its end", () => {
    const widths = fitColumns(200, [{ texts: ["时限", "2020-12-31"] }, { texts: ["", "逾期2165天"] }, { texts: ["单位", "各区(市)县政府"], shrink: 1 }, { texts: ["事项", "1. 深化行政审批制度改革"], shrink: 2 }]);
    expect(widths).toEqual([10, 10, 14, 23]);
  });

  it("takes room from columns in their shrink order, each down to its min, before any other", () => {
    const columns: FitColumn[] = [{ texts: ["逾期2165天"] }, { texts: ["各区(市)县政府"], min: 8, shrink: 1 }, { texts: ["1. 深化行政审批制度改革"], min: 10, shrink: 2 }];
    expect(fitColumns(40, columns)).toEqual([10, 8, 20]);
    expect(fitColumns(30, columns)).toEqual([10, 8, 10]);
  });

  it("shows an optional column only with room and something to show", () => {
    const note: FitColumn = { texts: ["说明", "已在5个区试点"], min: 6, optional: true };
    expect(fitColumns(40, [{ texts: ["a".repeat(20)] }, note])).toEqual([20, 13]);
    expect(fitColumns(24, [{ texts: ["a".repeat(20)] }, note])).toEqual([20, 0]);
    expect(fitColumns(40, [{ texts: ["a".repeat(20)] }, { ...note, texts: ["说明", ""] }])).toEqual([20, 0]);
  });

  it("never makes a table wider than the width when the columns can shrink that far, and never cuts a column that fits (property)", () => {
    fc.assert(
      fc.property(fc.array(column, { minLength: 1, maxLength: 6 }), fc.integer({ min: 20, max: 200 }), (columns, width) => {
        const widths = fitColumns(width, columns);
        const natural = columns.map((c) => Math.max(c.min ?? 1, ...c.texts.map(displayWidth)));
        const required = columns.map((c, i) => (c.optional ? 0 : (natural[i] ?? 0)));
        if (total(required) <= width) {
          columns.forEach((c, i) => {
            if (!c.optional) expect(widths[i]).toBe(natural[i]);
          });
        }
        const floor = columns.filter((c) => !c.optional).length * 3;
        if (floor <= width) expect(total(widths)).toBeLessThanOrEqual(width);
        const row = tableRow(columns.map((c) => ({ text: c.texts[0] ?? "" })), widths, [], width);
        if (total(widths) <= width) expect(displayWidth(row.map((s) => s.text).join(""))).toBe(width);
      }),
    );
  });
});
