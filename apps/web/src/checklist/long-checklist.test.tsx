import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { PlanSchema, type Plan, type Task } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { UNIT_SJ, testPlan } from "../test/test-plan.js";
import { renderApp, testApi } from "../test/render-app.js";
import { FIRST_SLICE } from "./checklist-list.js";

const TASKS = 30;

/** The fixture plan's task 1 (two milestones, led by 市司法局) repeated: 90 items under 30 task headings, more than the first slice. */
function longPlan(): Plan {
  const source = testPlan.tasks[0] as Task;
  const id = "longville-2016";
  const tasks = Array.from({ length: TASKS }, (_, i) => ({
    ...source,
    id: `${id}/${i + 1}`,
    planId: id,
    number: i + 1,
    ordinal: String(i + 1),
    title: `长清单任务${i + 1}`,
    milestones: source.milestones.map((m) => ({ ...m, clause: `第${i + 1}项${m.clause}` })),
  }));
  return PlanSchema.parse({ ...testPlan, id, title: "长清单方案", tasks });
}

const markDone = () => screen.queryAllByRole("checkbox", { name: /^标记为已完成：/ });

describe("我的任务 with a long checklist", () => {
  it("shows the first screenful at once, then every item, and a line added later saves like any other", async () => {
    // 90 items, 30 task headings, a plan and a section heading: more lines than the first slice.
    expect(TASKS * 4 + 2).toBeGreaterThan(FIRST_SLICE);
    const api = await testApi({ plans: [longPlan()] });
    await renderApp({ api, url: "/my", signedInAs: "sj" });
    await screen.findByRole("group", { name: "第1项公布行政审批事项目录" });
    // Headings count as lines too, so fewer items than FIRST_SLICE are in the first render.
    expect(markDone().length).toBeLessThan(FIRST_SLICE);
    expect(screen.getByText("共 90 项")).toBeTruthy();

    await waitFor(() => expect(markDone()).toHaveLength(TASKS * 3), { timeout: 10_000 });
    expect(screen.getAllByRole("heading", { level: 4 })).toHaveLength(TASKS);

    const user = userEvent.setup();
    const last = `第${TASKS}项完成清理工作`;
    await user.click(within(screen.getByRole("group", { name: last })).getByRole("checkbox", { name: `标记为已完成：${last}` }));
    await waitFor(async () => expect((await api.current(`longville-2016/${TASKS}#m2`, UNIT_SJ)).status).toBe("done"));
    expect(await within(screen.getByRole("group", { name: last })).findByText("✓ 已保存")).toBeTruthy();
    // Saving one line leaves every other line in place.
    expect(markDone()).toHaveLength(TASKS * 3);
  });

  it("starts again from the first screenful when a filter changes, and fills in the filtered list", async () => {
    const api = await testApi({ plans: [longPlan()] });
    await renderApp({ api, url: "/my", signedInAs: "sj" });
    await waitFor(() => expect(markDone()).toHaveLength(TASKS * 3), { timeout: 10_000 });
    const user = userEvent.setup();
    await user.click(screen.getByRole("checkbox", { name: "只看逾期" }));
    expect(await screen.findByText(`显示 ${TASKS} / ${TASKS * 3} 项`)).toBeTruthy();
    expect(markDone().length).toBeLessThan(FIRST_SLICE);
    await waitFor(() => expect(markDone()).toHaveLength(TASKS), { timeout: 10_000 });
    expect(markDone().every((box) => box.getAttribute("aria-label")?.includes("公布行政审批事项目录"))).toBe(true);
  });
});
