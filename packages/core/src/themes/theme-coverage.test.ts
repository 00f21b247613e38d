import { describe, expect, it } from "vitest";
import { builtInPlans } from "../plans/index.js";
import { coverageMatrix, themeCoverage, ThemeCoverageSchema, type CoverageProgressRow } from "./coverage-matrix.js";

const asOf = new Date("2021-01-05T00:00:00Z");

describe("themeCoverage", () => {
  it("rolls up each cell's rows with core's rule, and counts a task in every theme it has", () => {
    const chengdu = builtInPlans.find((p) => p.id === "chengdu-2015");
    const [task1, task2] = chengdu?.tasks ?? [];
    if (!chengdu || !task1 || !task2) throw new Error("no 成都 plan with two tasks");
    const rows: CoverageProgressRow[] = [
      { taskId: task1.id, status: "done", percent: 0, due: "2020-12-31" },
      { taskId: task1.id, status: "in_progress", percent: 50, due: "2020-12-31" },
      { taskId: task2.id, status: "not_applicable", percent: 0, due: "2020-12-31" },
    ];
    const coverage = ThemeCoverageSchema.parse(themeCoverage(builtInPlans, rows, asOf));
    const matrix = coverageMatrix(builtInPlans);
    expect(coverage.rows).toEqual(matrix.rows);
    const col = coverage.planIds.indexOf(chengdu.id);
    coverage.rows.forEach((row, i) => {
      const cell = coverage.completion[i]?.[col];
      const taskIds = row.cells[col]?.taskIds ?? [];
      if (!cell) throw new Error(`no cell for ${row.themeId}`);
      const has1 = taskIds.includes(task1.id);
      const has2 = taskIds.includes(task2.id);
      expect(cell.total, row.themeId).toBe((has1 ? 2 : 0) + (has2 ? 1 : 0));
      // done counts 100, in_progress its 50, not_applicable is left out; the 2020-12-31 rows still open are overdue.
      if (has1) expect(cell.percentComplete).toBe(75);
      if (has1) expect(cell.overdue).toBe(1);
      if (!has1 && has2) expect(cell.percentComplete).toBe(0);
      expect(coverage.themeTotals[i]?.total).toBe(coverage.completion[i]?.reduce((n, c) => n + c.total, 0));
    });
    expect(task1.themes.length).toBeGreaterThan(0);
    expect(coverage.completion.filter((r) => r[col]?.byStatus.done === 1).length).toBe(task1.themes.length);
  });
});
