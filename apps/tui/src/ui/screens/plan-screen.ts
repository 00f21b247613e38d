import type { PlanId } from "@taizhang/core";
import { ok, type DataResult } from "../../data/data-result.js";
import { overdueText, percentText, rollupOf } from "./rollups.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { fitColumns, tableRow, type Cell, type FitColumn } from "./table.js";

/** One plan as a tree: all tasks, then each part and its sections, with counts and roll-ups. */
export async function loadPlanScreen(planId: PlanId, ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const [planResult, rowsResult] = await Promise.all([ctx.ds.getPlan(planId), ctx.ds.progressRows({ planId })]);
  if (!planResult.ok) return planResult;
  if (!rowsResult.ok) return rowsResult;
  const plan = planResult.value;
  const rows = rowsResult.value;
  const { t } = ctx;
  const taskPart = new Map(plan.tasks.map((task) => [task.id, task]));
  const summary = (keep: (partNumber: number, sectionNumber: number | null) => boolean) => {
    const tasks = plan.tasks.filter((task) => keep(task.partNumber, task.sectionNumber));
    const mine = rows.filter((r) => {
      const task = taskPart.get(r.taskId);
      return task !== undefined && keep(task.partNumber, task.sectionNumber);
    });
    return { count: tasks.length, rollup: mine.length > 0 ? rollupOf(mine, ctx.asOf, ctx.dueSoonDays) : undefined };
  };
  interface Entry {
    key: string;
    label: string;
    summary: ReturnType<typeof summary>;
    open: Row["open"];
    bold: boolean;
  }
  const entries: Entry[] = [{ key: "all", label: t("allTasks"), summary: summary(() => true), open: { kind: "tasks", query: { planId: plan.id } }, bold: true }];
  for (const part of plan.parts) {
    const partSummary = summary((p) => p === part.number);
    entries.push({
      key: `part-${part.number}`,
      label: `${part.ordinal}、${part.title}`,
      summary: partSummary,
      open: partSummary.count > 0 ? { kind: "tasks", query: { planId: plan.id, partNumber: part.number } } : undefined,
      bold: true,
    });
    for (const section of part.sections) {
      entries.push({
        key: `section-${section.number}`,
        label: `  ${section.ordinal}${section.title}`,
        summary: summary((_, s) => s === section.number),
        open: { kind: "tasks", query: { planId: plan.id, sectionNumber: section.number } },
        bold: false,
      });
    }
  }
  const cellsOf = (e: Entry): Cell[] => [
    { text: e.label, bold: e.bold, dim: e.open === undefined },
    { text: e.summary.count > 0 ? String(e.summary.count) : "", align: "right" },
    { text: e.summary.count > 0 ? percentText(e.summary.rollup) : "", align: "right" },
    { text: overdueText(e.summary.rollup), color: "red", align: "right" },
  ];
  const heading: Cell[] = [{ text: "" }, { text: t("taskCount"), align: "right" }, { text: t("done"), align: "right" }, { text: t("overdue"), align: "right" }];
  const cells = entries.map(cellsOf);
  const texts = (i: number): string[] => [heading[i]?.text ?? "", ...cells.map((c) => c[i]?.text ?? "")];
  const columns: FitColumn[] = [{ texts: texts(0), min: 10, shrink: 1 }, { texts: texts(1), min: 6 }, { texts: texts(2), min: 6 }, { texts: texts(3), min: 4 }];
  return ok({
    title: plan.title,
    planId: plan.id,
    layout(width) {
      const widths = fitColumns(width, columns);
      const header: Row = { key: "header", selectable: false, segments: tableRow(heading, widths, columns, width).map((s) => ({ ...s, bold: true })) };
      const body: Row[] = entries.map((e, i) => ({ key: e.key, selectable: e.open !== undefined, open: e.open, segments: tableRow(cells[i] ?? [], widths, columns, width) }));
      return { header, rows: body };
    },
  });
}
