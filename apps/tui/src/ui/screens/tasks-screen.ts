import type { Plan, Task } from "@taizhang/core";
import { ok, type DataResult } from "../../data/data-result.js";
import type { ProgressRow, TaskQuery } from "../../data/data-source.js";
import { unitName } from "./format.js";
import { queryLabel } from "./query-label.js";
import { overdueText, percentText, rollupsBy } from "./rollups.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { columnWidths, tableRow, type ColumnSpec } from "./table.js";

const onlyText = (q: TaskQuery): boolean =>
  q.text !== undefined && q.unit === undefined && q.status === undefined && q.theme === undefined && !q.overdue && q.partNumber === undefined && q.sectionNumber === undefined;

/** Tasks matching a query (search, filters, a part or a section of a plan), with their lead units and roll-ups. */
export async function loadTasksScreen(query: TaskQuery, ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const { ds, t, lang } = ctx;
  const found = onlyText(query)
    ? await ds.search(query.text ?? "", query.planId ? { planId: query.planId } : {})
    : await ds.listTasks(query, ctx.asOf);
  if (!found.ok) return found;
  const tasks = found.value;
  const planIds = [...new Set(tasks.map((task) => task.planId))];
  const rows: ProgressRow[] = [];
  let plan: Plan | null = null;
  for (const planId of planIds) {
    const r = await ds.progressRows({ planId });
    if (!r.ok) return r;
    rows.push(...r.value);
  }
  if (query.planId) {
    const p = await ds.getPlan(query.planId);
    if (!p.ok) return p;
    plan = p.value;
  }
  const rollups = rollupsBy(rows, (r) => r.taskId, ctx.asOf, ctx.dueSoonDays);
  const section = plan?.parts.flatMap((p) => p.sections).find((s) => s.number === query.sectionNumber);
  const part = plan?.parts.find((p) => p.number === query.partNumber);
  const scope = section ? `${section.ordinal}${section.title}` : part ? `${part.ordinal}、${part.title}` : null;
  const label = scope && !query.text && !query.unit && !query.status && !query.overdue && !query.theme ? scope : queryLabel(query, t, lang);
  const crossPlan = !query.planId;
  const specs: ColumnSpec[] = [
    // Across plans the id names the plan too: wide enough for the longest (inner-mongolia-2021/14), within reason.
    { width: crossPlan ? Math.min(24, Math.max(16, ...tasks.map((task) => task.id.length + 1))) : 4, align: crossPlan ? "left" : "right" },
    { min: 10 },
    { width: 14 },
    { width: 6, align: "right" },
    { width: 4, align: "right" },
  ];
  return ok({
    title: plan ? `${plan.title} › ${label}` : label,
    ...(query.planId ? { planId: query.planId } : {}),
    query,
    layout(width) {
      const widths = columnWidths(width, specs);
      const header: Row = {
        key: "header",
        selectable: false,
        segments: tableRow(
          [{ text: t("number") }, { text: t("task") }, { text: t("lead") }, { text: t("done") }, { text: t("overdue") }],
          widths,
          specs,
        ).map((s) => ({ ...s, bold: true })),
      };
      const body: Row[] = tasks.map((task: Task) => {
        const rollup = rollups.get(task.id);
        return {
          key: task.id,
          selectable: true,
          open: { kind: "task", taskId: task.id },
          segments: tableRow(
            [
              { text: crossPlan ? task.id : String(task.number) },
              { text: task.title },
              { text: task.lead.map(unitName).join("、") || "—", dim: task.lead.length === 0 },
              { text: percentText(rollup) },
              { text: overdueText(rollup), color: "red" },
            ],
            widths,
            specs,
          ),
        };
      });
      return { header, rows: body };
    },
  });
}
