import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { importPlan, PlanSchema } from "@taizhang/core";
import { testApi, renderApp } from "../test/render-app.js";

const PLAN_TEXT = [
  "乌海市人民政府关于加快建设法治政府的实施意见",
  "一、总体要求",
  "全面推进依法行政，加快建设法治政府。",
  "二、主要任务",
  "(一)依法全面履行政府职能",
  "1.深化行政审批制度改革。2017年6月底前完成行政审批事项清理。",
  "2.推进政务公开。",
].join("\n");

describe("admin", () => {
  it("is closed to anyone but an admin", async () => {
    await renderApp({ url: "/admin", signedInAs: "sj" });
    expect(await screen.findByText("此页面需要管理员令牌。")).toBeTruthy();
  });

  it("previews an import with what was found before saving it", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/admin", signedInAs: "admin" });
    const textarea = await screen.findByLabelText("规划全文");
    await user.click(textarea);
    await user.paste(PLAN_TEXT);
    expect(screen.getByRole("button", { name: "确认导入" }).hasAttribute("disabled")).toBe(true);
    await user.click(screen.getByRole("button", { name: "预览" }));
    expect(await screen.findByRole("heading", { level: 3, name: "乌海市人民政府关于加快建设法治政府的实施意见" })).toBeTruthy();
    expect(screen.getByText(/识别出 2 项任务、1 个时间节点/)).toBeTruthy();
    expect(screen.getByRole("heading", { level: 4, name: "导入提示" })).toBeTruthy();
    expect(await api.plans()).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "确认导入" }));
    expect(await screen.findByText(/已导入：乌海市人民政府关于加快建设法治政府的实施意见/)).toBeTruthy();
    expect(await api.plans()).toHaveLength(2);
    const imports = api.requests.filter((r) => r.path.startsWith("/api/import"));
    expect(imports.map((r) => r.path)).toEqual(["/api/import?dryRun=true", "/api/import?dryRun=false"]);
    // The plan names no units, so it is offered for assignment.
    expect(await within(screen.getByRole("heading", { level: 2, name: "为未列明责任单位的任务分配单位" }).parentElement as HTMLElement).findByText(/乌海市人民政府/)).toBeTruthy();
  });

  it("imports a chosen file and stores the units and deadlines the admin corrected on the preview", async () => {
    const user = userEvent.setup();
    const { api } = await renderApp({ url: "/admin", signedInAs: "admin" });
    const annotated = PLAN_TEXT.replace("完成行政审批事项清理。", "完成行政审批事项清理。（市审改办负责）");
    await user.upload(await screen.findByLabelText(/或选择规划文件/), new File([annotated], "wuhai.html", { type: "text/html" }));
    expect(screen.getByText(/将导入文件：wuhai\.html/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "预览" }));
    const lead = await screen.findByLabelText("任务 1 的牵头单位", {}, { onTimeout: (e) => new Error(`${e.message}\n${document.body.textContent ?? ""}`) });
    expect((screen.getByLabelText("任务 1 的责任单位") as HTMLInputElement).value).toBe("市审改办");
    expect((screen.getByLabelText("任务 1 的完成时限") as HTMLInputElement).value).toBe("2017-06-30");
    await user.type(lead, "市司法局");
    await user.clear(screen.getByLabelText("任务 2 的完成时限"));
    await user.type(screen.getByLabelText("任务 2 的完成时限"), "2017-13-01");
    expect(screen.getByRole("alert").textContent).toMatch(/2017-13-01/);
    expect(screen.getByRole("button", { name: "确认导入" }).hasAttribute("disabled")).toBe(true);
    await user.clear(screen.getByLabelText("任务 2 的完成时限"));
    await user.type(screen.getByLabelText("任务 2 的完成时限"), "2017-12-31");
    await user.click(screen.getByRole("button", { name: "确认导入" }));
    expect(await screen.findByText(/已导入：/)).toBeTruthy();
    const saved = api.requests.filter((r) => r.path.startsWith("/api/import")).at(-1);
    expect(saved?.body).toBeInstanceOf(FormData);
    expect(JSON.parse(String((saved?.body as FormData).get("corrections")))).toEqual({
      tasks: [
        { number: 1, lead: ["市司法局"] },
        { number: 2, milestones: [{ due: "2017-12-31" }] },
      ],
    });
    const stored = (await api.plans()).find((p) => p.id !== "testville-2016");
    const name = (id: string) => stored?.units.find((u) => u.id === id)?.name;
    expect(stored?.tasks[0]?.lead.map(name)).toEqual(["市司法局"]);
    expect(stored?.tasks[1]?.milestones.map((m) => m.due)).toEqual(["2017-12-31"]);
  });

  it("assigns units to a task of a plan that names none", async () => {
    const user = userEvent.setup();
    const api = await testApi();
    const { plan } = importPlan(PLAN_TEXT, { sourceName: "wuhai.txt" });
    // The offices exist (the API assigns only units it knows), though the plan's text names none for its tasks.
    const units = ["市司法局", "市财政局", "市发改委"].map((name) => ({ id: `乌海市:${name}`, name, aliases: [], jurisdiction: "乌海市", collective: false }));
    await api.server.ledger.loadPlan(PlanSchema.parse({ ...plan, units }));
    await renderApp({ api, url: "/admin", signedInAs: "admin" });
    const section = (await screen.findByRole("heading", { level: 2, name: "为未列明责任单位的任务分配单位" })).parentElement as HTMLElement;
    await user.click(await within(section).findByText(/乌海市人民政府关于加快建设法治政府的实施意见/));
    const form = within(section).getByRole("form", { name: "深化行政审批制度改革" });
    await user.type(within(form).getByLabelText("牵头单位（用顿号分隔）"), "市司法局");
    await user.type(within(form).getByLabelText("责任单位（用顿号分隔）"), "市财政局、市发改委");
    await user.click(within(form).getByRole("button", { name: "保存分工" }));
    expect(await within(form).findByText("分工已保存")).toBeTruthy();
    const task = (await api.plans()).find((p) => p.id === plan.id)?.tasks[0];
    expect(task?.lead).toEqual(["乌海市:市司法局"]);
    expect(task?.responsible).toEqual(["乌海市:市财政局", "乌海市:市发改委"]);
    const put = api.requests.find((r) => r.method === "PUT");
    expect(put?.body).toEqual({ lead: ["市司法局"], responsible: ["市财政局", "市发改委"] });
  });
});
