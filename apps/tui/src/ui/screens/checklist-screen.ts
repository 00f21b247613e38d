import { ok, type DataResult } from "../../data/data-result.js";
import { byDue, progressTable } from "./progress-table.js";
import { percentText, rollupOf } from "./rollups.js";
import type { ScreenContent, ScreenContext } from "./screen-types.js";

/** "我的清单": every (item, unit) row of one unit across all plans, earliest due first. */
export async function loadChecklistScreen(unitName: string, ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const unit = await ctx.ds.resolveUnit(unitName);
  if (!unit.ok) return unit;
  const rows = await ctx.ds.progressRows({ unit: unit.value.id });
  if (!rows.ok) return rows;
  const sorted = [...rows.value].sort(byDue);
  const rollup = rollupOf(sorted, ctx.asOf, ctx.dueSoonDays);
  const { t } = ctx;
  return ok({
    title: `${t("myChecklist")} · ${unit.value.jurisdiction} ${unit.value.name} · ${t("done")} ${percentText(rollup)} · ${t("overdue")} ${rollup.overdue}`,
    empty: [t("emptyChecklist", { unit: `${unit.value.jurisdiction} ${unit.value.name}` }), t("emptyChecklistTry")],
    layout: (width) => progressTable(sorted, width, ctx, false),
  });
}
