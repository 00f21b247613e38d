import { chinaDate, deadlineState } from "@taizhang/core";
import { ok, type DataResult } from "../../data/data-result.js";
import { byDue, progressTable } from "./progress-table.js";
import type { Row, ScreenContent, ScreenContext } from "./screen-types.js";
import { line } from "./table.js";

/** Overdue rows, then rows due within `dueSoonDays`, as of the screen's date. */
export async function loadDeadlinesScreen(ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const rows = await ctx.ds.progressRows({});
  if (!rows.ok) return rows;
  const { t, asOf, dueSoonDays } = ctx;
  const state = (r: (typeof rows.value)[number]) => deadlineState(r.due, r.progress.status, asOf, dueSoonDays);
  const overdue = rows.value.filter((r) => state(r) === "overdue").sort(byDue);
  const soon = rows.value.filter((r) => state(r) === "due-soon").sort(byDue);
  return ok({
    title: `${t("deadlines")} · ${t("asOf")} ${chinaDate(asOf)}`,
    layout(width) {
      // One set of columns for both lists, under one heading.
      const all = [...overdue, ...soon];
      const a = progressTable(overdue, width, ctx, true, all);
      const b = progressTable(soon, width, ctx, true, all);
      const heading = (key: string, text: string, color: "red" | "yellow"): Row => ({ key, selectable: false, segments: line(text, width, { bold: true, color }) });
      return {
        header: a.header,
        rows: [
          heading("h-overdue", `${t("overdue")} (${overdue.length})`, "red"),
          ...a.rows,
          heading("h-soon", `${t("dueSoon")} (${soon.length}, ≤${dueSoonDays})`, "yellow"),
          ...b.rows,
        ],
      };
    },
  });
}
