import { ok, type DataResult } from "../../data/data-result.js";
import { overdueText, percentText, rollupsBy } from "./rollups.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { columnWidths, tableRow, type ColumnSpec } from "./table.js";

const SPECS: ColumnSpec[] = [{ min: 10 }, { width: 9 }, { width: 6, align: "right" }, { width: 6, align: "right" }, { width: 4, align: "right" }];

/** Every plan, with its period, task count, percent done and overdue count. */
export async function loadPlansScreen(ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const [plans, rows] = await Promise.all([ctx.ds.listPlans(), ctx.ds.progressRows({})]);
  if (!plans.ok) return plans;
  if (!rows.ok) return rows;
  const rollups = rollupsBy(rows.value, (r) => r.planId, ctx.asOf, ctx.dueSoonDays);
  const { t } = ctx;
  return ok({
    title: t("plans"),
    layout(width) {
      const widths = columnWidths(width, SPECS);
      const header: Row = {
        key: "header",
        selectable: false,
        segments: tableRow(
          [{ text: t("title") }, { text: t("period") }, { text: t("taskCount") }, { text: t("done") }, { text: t("overdue") }],
          widths,
          SPECS,
        ).map((s) => ({ ...s, bold: true })),
      };
      const body: Row[] = plans.value.map((plan) => {
        const rollup = rollups.get(plan.id);
        return {
          key: plan.id,
          selectable: true,
          open: { kind: "plan", planId: plan.id },
          segments: tableRow(
            [
              { text: plan.title },
              { text: `${plan.period.startYear}-${plan.period.endYear}` },
              { text: String(plan.counts.tasks + plan.counts.guarantees) },
              { text: percentText(rollup) },
              { text: overdueText(rollup), color: "red" },
            ],
            widths,
            SPECS,
          ),
        };
      });
      return { header, rows: body };
    },
  });
}
