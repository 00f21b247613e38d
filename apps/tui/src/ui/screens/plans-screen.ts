import { ok, type DataResult } from "../../data/data-result.js";
import { overdueText, percentText, rollupsBy } from "./rollups.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { fitColumns, tableRow, type Cell, type FitColumn } from "./table.js";

/** Every plan, with its period, task count, percent done and overdue count. */
export async function loadPlansScreen(ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const [plans, rows] = await Promise.all([ctx.ds.listPlans(), ctx.ds.progressRows({})]);
  if (!plans.ok) return plans;
  if (!rows.ok) return rows;
  const rollups = rollupsBy(rows.value, (r) => r.planId, ctx.asOf, ctx.dueSoonDays);
  const { t } = ctx;
  const heading: Cell[] = [
    { text: t("title") },
    { text: t("period") },
    { text: t("taskCount"), align: "right" },
    { text: t("done"), align: "right" },
    { text: t("overdue"), align: "right" },
  ];
  const cells = plans.value.map((plan): Cell[] => {
    const rollup = rollups.get(plan.id);
    return [
      { text: plan.title },
      { text: `${plan.period.startYear}-${plan.period.endYear}` },
      { text: String(plan.counts.tasks), align: "right" },
      { text: percentText(rollup), align: "right" },
      { text: overdueText(rollup), color: "red", align: "right" },
    ];
  });
  const texts = (i: number): string[] => [heading[i]?.text ?? "", ...cells.map((c) => c[i]?.text ?? "")];
  const columns: FitColumn[] = [{ texts: texts(0), min: 10, shrink: 1 }, { texts: texts(1) }, { texts: texts(2), min: 6 }, { texts: texts(3), min: 6 }, { texts: texts(4), min: 4 }];
  return ok({
    title: t("plans"),
    empty: [t("emptyPlans")],
    layout(width) {
      const widths = fitColumns(width, columns);
      const header: Row = { key: "header", selectable: false, segments: tableRow(heading, widths, columns, width).map((s) => ({ ...s, bold: true })) };
      const body: Row[] = plans.value.map((plan, i) => ({
        key: plan.id,
        selectable: true,
        open: { kind: "plan", planId: plan.id },
        segments: tableRow(cells[i] ?? [], widths, columns, width),
      }));
      return { header, rows: body };
    },
  });
}
