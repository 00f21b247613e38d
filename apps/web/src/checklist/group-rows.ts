import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";

/** One line of the grouped 我的任务 list: a heading or an item. */
export type DisplayRow =
  | { kind: "plan"; key: string; planId: string; title: string; count: number }
  | { kind: "section"; key: string; title: string }
  | { kind: "task"; key: string; taskId: string; number: number; title: string }
  | { kind: "item"; key: string; row: ChecklistRow };

/** The identity of one (item, unit) line. */
export function rowKey(row: Pick<ChecklistRow, "unitId"> & { item: { id: string } }): string {
  return `${row.item.id}|${row.unitId}`;
}

/**
 * Groups rows plan → section → task, keeping plans in the given order and
 * tasks and items in document order. A task without a section sits under its
 * part's title.
 */
export function groupRows(rows: readonly ChecklistRow[], planTitles: ReadonlyMap<string, string>): DisplayRow[] {
  const byPlan = new Map<string, ChecklistRow[]>();
  for (const row of rows) {
    const list = byPlan.get(row.item.planId) ?? [];
    list.push(row);
    byPlan.set(row.item.planId, list);
  }
  const planOrder = [...planTitles.keys()].filter((id) => byPlan.has(id));
  for (const id of byPlan.keys()) if (!planTitles.has(id)) planOrder.push(id);

  const out: DisplayRow[] = [];
  for (const planId of planOrder) {
    const planRows = [...(byPlan.get(planId) ?? [])].sort(
      (a, b) => a.taskNumber - b.taskNumber || itemOrder(a) - itemOrder(b) || a.unitId.localeCompare(b.unitId),
    );
    out.push({ kind: "plan", key: `plan:${planId}`, planId, title: planTitles.get(planId) ?? planId, count: planRows.length });
    let section: string | null = null;
    let task: string | null = null;
    for (const row of planRows) {
      const sectionTitle = row.sectionTitle ?? row.partTitle;
      if (sectionTitle !== section) {
        section = sectionTitle;
        task = null;
        out.push({ kind: "section", key: `section:${planId}:${row.taskNumber}:${sectionTitle}`, title: sectionTitle });
      }
      if (row.item.taskId !== task) {
        task = row.item.taskId;
        out.push({ kind: "task", key: `task:${row.item.taskId}`, taskId: row.item.taskId, number: row.taskNumber, title: row.taskTitle });
      }
      out.push({ kind: "item", key: rowKey(row), row });
    }
  }
  return out;
}

/** Milestones in their order, the whole-task item last. */
function itemOrder(row: ChecklistRow): number {
  return row.item.milestoneIndex ?? Number.MAX_SAFE_INTEGER;
}
