import { describe, expect, it } from "vitest";
import { ChecklistItemIdSchema, UnitIdSchema } from "../model/ids.js";
import { EMPTY_PROGRESS } from "../model/progress.js";
import { builtInPlans } from "../plans/index.js";
import { changedFieldsText, historyRows } from "./history-rows.js";

describe("history rows", () => {
  it("names only the fields a change changed, before → after, in either language", () => {
    const after = { ...EMPTY_PROGRESS, status: "done" as const, percent: 100, note: "已公布\n见附件", measuredValue: { value: 93, unit: "%", asOf: null } };
    expect(changedFieldsText(EMPTY_PROGRESS, after)).toBe("状态: 未开始 → 已完成\n完成百分比: 0 → 100\n进展说明: — → 已公布 / 见附件\n实测值: — → 93%");
    expect(changedFieldsText(EMPTY_PROGRESS, { ...EMPTY_PROGRESS, status: "blocked" }, "en")).toBe("Status: Not started → Blocked");
    expect(changedFieldsText(after, after)).toBe("");
  });

  it("labels an entry with its plan, task, item and unit", () => {
    // 包头 has dated milestones (and names no units: a unit's name then comes from its id).
    const baotou = builtInPlans.find((p) => p.id === "baotou-2016");
    if (!baotou) throw new Error("no 包头 plan");
    const task = baotou.tasks.find((t) => t.milestones.length > 0);
    if (!task) throw new Error("no task with milestones");
    const unit = { id: "包头市:市司法局", name: "市司法局" };
    const [row] = historyRows([baotou], [
      { id: 7, itemId: ChecklistItemIdSchema.parse(`${task.id}#m1`), unitId: UnitIdSchema.parse(unit.id), version: 1, actor: "法制办", source: "import", at: "2020-01-01T00:00:00.000Z", before: EMPTY_PROGRESS, after: { ...EMPTY_PROGRESS, percent: 10 }, note: null },
    ]);
    expect(row).toMatchObject({ id: 7, planTitle: baotou.title, taskNumber: task.number, item: task.milestones[0]?.clause, unit: unit.name, changed: "完成百分比: 0 → 10", note: "", source: "import" });
  });
});
