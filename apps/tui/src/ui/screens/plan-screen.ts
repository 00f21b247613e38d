import type { PlanId } from "@taizhang/core";
import { ok, type DataResult } from "../../data/data-result.js";
import { overdueText, percentText, rollupOf } from "./rollups.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { columnWidths, tableRow, type ColumnSpec } from "./table.js";

const SPECS: ColumnSpec[] = [{ min: 10 }, { width: 6, align: "right" }, { width: 6, align: "right" }, { width: 4, align: "right" }];

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
  return ok({
    title: plan.title,
    planId: plan.id,
    layout(width) {
      const widths = columnWidths(width, SPECS);
      const line = (key: string, label: string, s: ReturnType<typeof summary>, open: Row["open"], bold: boolean): Row => ({
        key,
        selectable: open !== undefined,
        open,
        segments: tableRow(
          [
            { text: label, bold, dim: open === undefined },
            { text: s.count > 0 ? String(s.count) : "" },
            { text: s.count > 0 ? percentText(s.rollup) : "" },
            { text: overdueText(s.rollup), color: "red" },
          ],
          widths,
          SPECS,
        ),
      });
      const header: Row = {
        key: "header",
        selectable: false,
        segments: tableRow([{ text: "" }, { text: t("taskCount") }, { text: t("done") }, { text: t("overdue") }], widths, SPECS).map((s) => ({
          ...s,
          bold: true,
        })),
      };
      const body: Row[] = [line("all", t("allTasks"), summary(() => true), { kind: "tasks", query: { planId: plan.id } }, true)];
      for (const part of plan.parts) {
        const partSummary = summary((p) => p === part.number);
        body.push(
          line(
            `part-${part.number}`,
            `${part.ordinal}、${part.title}`,
            partSummary,
            partSummary.count > 0 ? { kind: "tasks", query: { planId: plan.id, partNumber: part.number } } : undefined,
            true,
          ),
        );
        for (const section of part.sections) {
          body.push(
            line(
              `section-${section.number}`,
              `  ${section.ordinal}${section.title}`,
              summary((_, s) => s === section.number),
              { kind: "tasks", query: { planId: plan.id, sectionNumber: section.number } },
              false,
            ),
          );
        }
      }
      return { header, rows: body };
    },
  });
}
