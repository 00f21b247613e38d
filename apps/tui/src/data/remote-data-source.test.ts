import { createTestApi, type TestApi } from "@taizhang/test-kit";
import type { ChecklistItemId, PlanId, TaskId, UnitId } from "@taizhang/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chengduPlan, FIXTURE_AS_OF, hohhotPlan } from "../test-support/fixture-plans.js";
import { problemText } from "./problem-messages.js";
import { RemoteDataSource } from "./remote-data-source.js";

// The real API app (routes, auth, problems) on an in-memory store (test-kit),
// reached through @taizhang/client with a fetch that calls the app directly.
let api: TestApi;
const tokens = { admin: "", officeLegal: "", viewer: "" };
const item = (s: string) => s as ChecklistItemId;
const unit = (s: string) => s as UnitId;

beforeAll(async () => {
  api = await createTestApi({ plans: [chengduPlan, hohhotPlan], clock: () => FIXTURE_AS_OF, offices: { 法制办: "成都市:市政府法制办" } });
  tokens.admin = api.tokens.admin;
  tokens.officeLegal = api.tokens["法制办"] ?? "";
  tokens.viewer = api.tokens.viewer;
});
afterAll(() => api.close());

const remote = (token: string | null) => new RemoteDataSource("http://taizhang.test", token, api.fetch);

describe("RemoteDataSource over the API", () => {
  it("reads plans, tasks with filters, a unit's rows and a task in full", async () => {
    const ds = remote(null);
    const plans = await ds.listPlans();
    expect(plans.ok && plans.value.map((p) => p.id).sort()).toEqual(["chengdu-2015", "hohhot-2015"]);
    const overdue = await ds.listTasks({ planId: "chengdu-2015" as PlanId, overdue: true }, FIXTURE_AS_OF);
    expect(overdue.ok && overdue.value.map((t) => t.id)).toEqual(["chengdu-2015/1"]);
    const byAlias = await ds.listTasks({ unit: "市审改办" }, FIXTURE_AS_OF);
    expect(byAlias.ok && byAlias.value.map((t) => t.id)).toEqual(["chengdu-2015/1"]);
    const text = await ds.listTasks({ text: "行政复议" }, FIXTURE_AS_OF);
    expect(text.ok && text.value.map((t) => t.id)).toEqual(["chengdu-2015/3"]);
    const rows = await ds.progressRows({ unit: "市财政局" });
    expect(rows.ok && rows.value.map((r) => r.itemId)).toEqual(["chengdu-2015/2#m1", "chengdu-2015/2#task"]);
    const detail = await ds.getTask("chengdu-2015/3" as TaskId);
    expect(detail.ok && detail.value.rows.map((r) => `${r.itemId} ${r.unitId}`)).toContain("chengdu-2015/3#m1 成都市:市政府法制办");
    expect(detail.ok && detail.value.plan.title).toBe(chengduPlan.title);
  });

  it("lets an office write its own unit's progress with the current version, and shows it in history", async () => {
    const ds = remote(tokens.officeLegal);
    const me = await ds.whoami();
    expect(me.ok && me.value).toMatchObject({ role: "office", unitId: "成都市:市政府法制办", canWrite: true, kind: "remote" });
    const written = await ds.updateProgress({ itemId: item("chengdu-2015/4#task"), unitId: unit("成都市:市政府法制办"), patch: { status: "in_progress", note: "已部署" } });
    expect(written.ok && written.value).toMatchObject({ status: "in_progress", version: 1, updatedBy: "法制办 office" });
    const detail = await ds.getTask("chengdu-2015/4" as TaskId);
    expect(detail.ok && detail.value.history[0]).toMatchObject({ itemId: "chengdu-2015/4#task", after: { status: "in_progress", note: "已部署" } });
  });

  it("reports a stale version as a conflict carrying the current progress", async () => {
    const ds = remote(tokens.admin);
    const first = await ds.updateProgress({ itemId: item("chengdu-2015/3#task"), unitId: unit("成都市:市政府法制办"), patch: { status: "blocked" } });
    expect(first.ok).toBe(true);
    const stale = await ds.updateProgress({ itemId: item("chengdu-2015/3#task"), unitId: unit("成都市:市政府法制办"), expectedVersion: 0, patch: { status: "done" } });
    expect(!stale.ok && stale.error.kind).toBe("conflict");
    expect(!stale.ok && stale.error.current?.status).toBe("blocked");
  });

  it("turns 401 and 403 into forbidden, with a hint when no token was given", async () => {
    const anonymous = await remote(null).updateProgress({ itemId: item("chengdu-2015/3#m1"), unitId: unit("成都市:市政府法制办"), patch: { status: "done" } });
    expect(!anonymous.ok && anonymous.error.kind).toBe("forbidden");
    expect(!anonymous.ok && problemText(anonymous.error, "zh")).toBe("需要令牌:用 --token 或 TAIZHANG_TOKEN 提供");
    expect(!anonymous.ok && problemText(anonymous.error, "en")).toContain("--token");
    const otherUnit = await remote(tokens.officeLegal).updateProgress({ itemId: item("chengdu-2015/3#m1"), unitId: unit("成都市:各区(市)县政府"), patch: { status: "done" } });
    expect(!otherUnit.ok && otherUnit.error.kind).toBe("forbidden");
    expect(!otherUnit.ok && problemText(otherUnit.error, "zh")).toBe("此令牌无权修改 各区(市)县政府 的事项 chengdu-2015/3#m1");
    const viewer = await remote(tokens.viewer).whoami();
    expect(viewer.ok && viewer.value.canWrite).toBe(false);
    const bad = await remote("not-a-token").whoami();
    expect(!bad.ok && bad.error.kind).toBe("forbidden");
  });

  it("answers unknown things with not_found", async () => {
    const ds = remote(null);
    expect(await ds.getTask("chengdu-2015/99" as TaskId)).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await ds.resolveUnit("不存在的单位")).toMatchObject({ ok: false, error: { kind: "not_found" } });
    expect(await ds.getPlan("nowhere-2020" as PlanId)).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("reports a server that does not answer as unavailable", async () => {
    const ds = new RemoteDataSource("http://127.0.0.1:9", null);
    const plans = await ds.listPlans();
    expect(!plans.ok && plans.error.kind).toBe("unavailable");
    expect(!plans.ok && plans.error.message).toContain("http://127.0.0.1:9");
  });
});
