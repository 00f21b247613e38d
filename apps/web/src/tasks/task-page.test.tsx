import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { EMPTY_PROGRESS } from "@taizhang/core";
import { testApi, renderApp } from "../test/render-app.js";

function withOrphans() {
  const api = await testApi();
  api.orphaned = [
    {
      item: { id: "testville-2016/1#task", planId: "testville-2016", taskId: "testville-2016/1", kind: "task", milestoneIndex: null, label: "深化行政审批制度改革", due: "2020-12-31", targetIndexes: [], assignments: [] },
      unitId: "测试市:市审计局",
      role: "responsible",
      progress: { ...EMPTY_PROGRESS, status: "done", percent: 100, note: "审计已完成", itemId: "testville-2016/1#task" as never, unitId: "测试市:市审计局" as never, version: 3, updatedBy: "审计局", updatedAt: "2016-05-01T00:00:00.000Z" },
      deadline: { due: "2020-12-31", daysLeft: 100, state: "closed", overdue: false, dueSoon: false },
    },
  ];
  api.assignmentHistory.push({
    id: 1,
    planId: "testville-2016" as never,
    taskId: "testville-2016/1" as never,
    kind: "remove",
    actor: "admin",
    source: "web",
    at: "2016-06-01T00:00:00.000Z",
    before: { lead: [], responsible: ["测试市:市审计局" as never] },
    after: { lead: [], responsible: [] },
    reason: "审计局不再承担",
    orphaned: [{ itemId: "testville-2016/1#task" as never, unitId: "测试市:市审计局" as never, version: 3 }],
    restored: [],
  });
  return api;
}

describe("task page: units removed", () => {
  it("shows an admin the kept progress of units removed from the task, and everyone the change of units", async () => {
    const api = withOrphans();
    await renderApp({ api, url: "/tasks/testville-2016/1", signedInAs: "admin" });
    const orphaned = (await screen.findByRole("heading", { level: 2, name: "已移出单位的进展（保留，仅管理员可见）" })).parentElement as HTMLElement;
    expect(within(orphaned).getByText("审计已完成")).toBeTruthy();
    const changes = (await screen.findByRole("heading", { level: 2, name: "分工变更记录" })).parentElement as HTMLElement;
    expect(within(changes).getByText("审计局不再承担")).toBeTruthy();
    expect(within(changes).getByText("移除单位")).toBeTruthy();
    expect(within(changes).getByText("保留 1 行进展，恢复 0 行")).toBeTruthy();
  });

  it("shows no orphaned rows to others, and does not ask for them", async () => {
    const api = withOrphans();
    await renderApp({ api, url: "/tasks/testville-2016/1" });
    await screen.findByRole("heading", { level: 2, name: "分工变更记录" });
    expect(screen.queryByText("审计已完成")).toBeNull();
    expect(api.requests.some((r) => r.path.includes("/orphaned"))).toBe(false);
  });
});
