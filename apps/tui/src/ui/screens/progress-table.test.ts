import { builtInPlans, type ChecklistItemId, type UnitId } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { localTestSource } from "../../test-support/store-data-source.js";
import { translator } from "../i18n.js";
import { displayWidth } from "../text/index.js";
import { loadChecklistScreen } from "./checklist-screen.js";
import { loadDeadlinesScreen } from "./deadlines-screen.js";
import { daysText, unitName } from "./format.js";
import type { Row, ScreenContext } from "./screen-types.js";

// The four built-in plans, judged long after they ended: 逾期 runs to four digits, and unit names are long.
const ds = localTestSource([...builtInPlans]);
const asOf = new Date("2026-06-01T04:00:00Z");
const ctx: ScreenContext = { ds, asOf, lang: "zh", t: translator("zh"), dueSoonDays: 30 };
const text = (row: Row): string => row.segments.map((s) => s.text).join("");

async function deadlines() {
  const screen = await loadDeadlinesScreen(ctx);
  if (!screen.ok) throw new Error(screen.error.message);
  return screen.value;
}

describe("progress tables use the width (#16)", () => {
  for (const width of [80, 120, 200]) {
    it(`at ${width} columns: full lines, 逾期N天 never cut, and unit names whole once there is room`, async () => {
      const { rows, header } = (await deadlines()).layout(width);
      const items = rows.filter((r) => r.progress);
      expect(items.length).toBeGreaterThan(100);
      for (const row of [header, ...rows].filter((r): r is Row => r !== null)) expect(displayWidth(text(row))).toBe(width);
      for (const row of items) {
        const p = row.progress;
        if (!p) continue;
        const line = text(row);
        const days = daysText(p.due, p.progress.status, asOf, ctx.t, 30);
        expect(days).toMatch(/^逾期\d{3,4}天$/);
        expect(line).toContain(` ${days} `);
        if (width >= 120) expect(line).toContain(` ${unitName(p.unitId)} `);
      }
      // One heading over both lists (overdue, then due soon): 单位 starts where the units do.
      const headerText = header ? text(header) : "";
      const unitAt = displayWidth(headerText.slice(0, headerText.indexOf("单位")));
      for (const row of items.slice(0, 20)) {
        const line = text(row);
        const name = unitName(row.progress?.unitId ?? "");
        if (line.includes(name)) expect(displayWidth(line.slice(0, line.indexOf(name)))).toBe(unitAt);
      }
      // No column is padded past its widest cell: the longest unit name is followed by exactly one space.
      if (width >= 120) {
        const longest = items.map((r) => unitName(r.progress?.unitId ?? "")).sort((a, b) => displayWidth(b) - displayWidth(a))[0] ?? "";
        expect(items.some((r) => text(r).includes(` ${longest} `) && !text(r).includes(` ${longest}  `))).toBe(true);
      }
    });
  }

  it("lines the due-soon list up under the heading when nothing is overdue", async () => {
    const soonCtx = { ...ctx, asOf: new Date("2020-12-20T04:00:00Z") };
    const screen = await loadDeadlinesScreen(soonCtx);
    if (!screen.ok) throw new Error(screen.error.message);
    const { header, rows } = screen.value.layout(120);
    const headerText = header ? text(header) : "";
    const items = rows.filter((r) => r.progress);
    expect(items.length).toBeGreaterThan(100);
    expect(rows.some((r) => text(r).startsWith("逾期 (0)"))).toBe(true);
    const at = (line: string, what: string): number => displayWidth(line.slice(0, line.indexOf(what)));
    const first = items[0];
    if (!first) throw new Error("no row");
    expect(at(text(first), unitName(first.progress?.unitId ?? ""))).toBe(at(headerText, "单位"));
    expect(at(text(first), "未开始")).toBe(at(headerText, "状态"));
  });

  it("at 200 columns, shows the progress note beside the item when the room is there", async () => {
    const item = "chengdu-2015/1#task" as ChecklistItemId;
    const unit = "成都市:市委编办" as UnitId;
    await ds.updateProgress({ itemId: item, unitId: unit, patch: { status: "blocked", note: "等待省级统一部署后推开" } });
    const screen = await loadChecklistScreen("市委编办", ctx);
    if (!screen.ok) throw new Error(screen.error.message);
    const wide = screen.value.layout(200);
    expect(wide.header && text(wide.header)).toContain("进展说明");
    expect(wide.rows.some((r) => text(r).includes("受阻") && text(r).includes("等待省级统一部署后推开"))).toBe(true);
    const narrow = screen.value.layout(60);
    expect(narrow.header && text(narrow.header)).not.toContain("进展说明");
  });
});
