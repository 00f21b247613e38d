import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { PlanSchema } from "@taizhang/core";
import { testApi, renderApp } from "../test/render-app.js";
import { testPlan } from "../test/test-plan.js";

/** Task 1 with 市审计局 added, its progress recorded, then 市审计局 removed again: its row is kept (orphaned) and both changes are in the history. */
async function withOrphans() {
  const audit = { id: "测试市:市审计局", name: "市审计局", aliases: [], jurisdiction: "测试市", collective: false };
  const api = await testApi({ plans: [PlanSchema.parse({ ...testPlan, units: [...testPlan.units, audit] })] });
  const admin = api.admin();
  const params = { planId: "testville-2016", number: 1 };
  await admin.op.assignTaskUnits({ params, json: { lead: ["市司法局"], responsible: ["市财政局", "测试市:市审计局"], replace: true, reason: "审计局加入" } });
  await api.write("审计局", "testville-2016/1#task", "测试市:市审计局", { status: "done", percent: 100, note: "审计已完成" });
  await admin.op.assignTaskUnits({ params, json: { lead: ["市司法局"], responsible: ["市财政局"], replace: true, reason: "审计局不再承担" } });
  return api;
}

describe("task page: units removed", () => {
  it("shows an admin the kept progress of units removed from the task, and everyone the change of units", async () => {
    const api = await withOrphans();
    await renderApp({ api, url: "/tasks/testville-2016/1", signedInAs: "admin" });
    const orphaned = (await screen.findByRole("heading", { level: 2, name: "已移出单位的进展（保留，仅管理员可见）" })).parentElement as HTMLElement;
    expect(within(orphaned).getByText("审计已完成")).toBeTruthy();
    const changes = (await screen.findByRole("heading", { level: 2, name: "分工变更记录" })).parentElement as HTMLElement;
    expect(within(changes).getByText("审计局不再承担")).toBeTruthy();
    expect(within(changes).getByText("移除单位")).toBeTruthy();
    // The removal kept the unit's rows (the one it recorded among them) and restored none.
    expect(within(changes).getByText(/^保留 [1-9][0-9]* 行进展，恢复 0 行$/)).toBeTruthy();
  });

  it("shows no orphaned rows to others, and does not ask for them", async () => {
    const api = await withOrphans();
    await renderApp({ api, url: "/tasks/testville-2016/1" });
    await screen.findByRole("heading", { level: 2, name: "分工变更记录" });
    expect(screen.queryByText("审计已完成")).toBeNull();
    expect(api.requests.some((r) => r.path.includes("/orphaned"))).toBe(false);
  });
});
