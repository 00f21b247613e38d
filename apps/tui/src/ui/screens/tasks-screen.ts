import type { Plan, Task } from "@taizhang/core";
import { ok, type DataResult } from "../../data/data-result.js";
import type { ProgressRow, TaskQuery } from "../../data/data-source.js";
import { unitName } from "./format.js";
import { queryLabel } from "./query-label.js";
import { overdueText, percentText, rollupsBy } from "./rollups.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { fitColumns, tableRow, type Cell, type FitColumn } from "./table.js";
import type { Lang, Translate } from "../i18n.js";

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
  const heading: Cell[] = [{ text: t("number"), align: crossPlan ? "left" : "right" }, { text: t("task") }, { text: t("lead") }, { text: t("done"), align: "right" }, { text: t("overdue"), align: "right" }];
  const cells = tasks.map((task: Task): Cell[] => {
    const rollup = rollups.get(task.id);
    return [
      // Across plans the id names the plan too.
      { text: crossPlan ? task.id : String(task.number), align: crossPlan ? "left" : "right" },
      { text: task.title },
      { text: task.lead.map(unitName).join("、") || "—", dim: task.lead.length === 0 },
      { text: percentText(rollup), align: "right" },
      { text: overdueText(rollup), color: "red", align: "right" },
    ];
  });
  const texts = (i: number): string[] => [heading[i]?.text ?? "", ...cells.map((c) => c[i]?.text ?? "")];
  // As wide as what they hold: the lead units give up room first (to 14 cells), then the title.
  const columns: FitColumn[] = [
    { texts: texts(0), min: crossPlan ? 16 : 4, max: 24 },
    { texts: texts(1), min: 10, shrink: 2 },
    { texts: texts(2), min: 14, max: 30, shrink: 1 },
    { texts: texts(3), min: 4 },
    { texts: texts(4), min: 4 },
  ];
  const scopeName = plan ? plan.title : null;
  return ok({
    title: plan ? `${plan.title} › ${label}` : label,
    ...(query.planId ? { planId: query.planId } : {}),
    query,
    empty: emptyLines(query, scopeName, t, lang),
    layout(width) {
      const widths = fitColumns(width, columns);
      const header: Row = { key: "header", selectable: false, segments: tableRow(heading, widths, columns, width).map((s) => ({ ...s, bold: true })) };
      const body: Row[] = tasks.map((task, i) => ({
        key: task.id,
        selectable: true,
        open: { kind: "task", taskId: task.id },
        segments: tableRow(cells[i] ?? [], widths, columns, width),
      }));
      return { header, rows: body };
    },
  });
}

/**
 * What an empty list says: the search or the filter it was, and what to
 * try next, rather than a bare "(空)".
 */
function emptyLines(query: TaskQuery, planTitle: string | null, t: Translate, lang: Lang): string[] {
  const filtered = query.unit !== undefined || query.status !== undefined || query.theme !== undefined || query.overdue === true;
  if (query.text && !filtered) {
    const scope = planTitle ? t("emptySearchScope", { plan: planTitle }) : "";
    return [t("emptySearch", { q: query.text, scope }), `${t("emptySearchTry")}${planTitle ? t("emptySearchAllPlans") : ""}${t("emptySearchKeys")}`];
  }
  return [t("emptyFilter", { what: queryLabel(query, t, lang) }), t("emptyFilterTry")];
}
