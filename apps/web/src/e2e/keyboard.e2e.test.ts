// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, launchBrowser, missingPrerequisite, startServer, type Browser, type RunningServer } from "./harness.js";

/*
 * Ticking, unticking, undo and keyboard use of a 我的任务 line in Chromium against the built server:
 * the focus stays on the control while it saves, an untick puts back what the tick replaced, and a
 * closed status select walked with ArrowDown saves nothing until the change is confirmed.
 */

const missing = missingPrerequisite();
if (missing) console.warn(`web keyboard e2e: skipped — ${missing}`);

const UNIT = "成都市:市政府法制办";
const ITEM = { label: "深化行政审批制度改革", path: "chengdu-2015/1/task" };

describe.runIf(missing === null)("tick, untick, undo and the keyboard (Chromium, built server)", { timeout: 60_000 }, () => {
  let server: RunningServer;
  let token: string;
  let browser: Browser;

  const progress = async () =>
    (await apiCall<{ status: string; percent: number; version: number }>(server, "GET", `/progress/${ITEM.path}/${encodeURIComponent(UNIT)}`, null)).body;
  const patches = (urls: string[]) => urls.filter((u) => u.startsWith("PATCH ")).length;

  beforeAll(async () => {
    server = await startServer();
    const created = await apiCall<{ token: string }>(server, "POST", "/tokens", server.adminToken, { role: "office", unit: UNIT });
    token = created.body.token;
    // 进行中 60 %, as an office left it.
    const set = await apiCall(server, "PATCH", `/progress/${ITEM.path}/${encodeURIComponent(UNIT)}`, token, { status: "in_progress", percent: 60 }, { "if-match": '"0"' });
    expect(set.status).toBe(200);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("Space ticks and unticks with the focus kept on the box; untick restores 进行中 60 %; 撤销 puts a save back", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel("访问令牌").fill(token);
    await page.getByRole("button", { name: "登录" }).click();
    const row = page.getByRole("group", { name: ITEM.label });
    await row.waitFor();
    const box = row.getByRole("checkbox", { name: `标记为已完成：${ITEM.label}` });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName ?? "");

    await box.focus();
    await page.keyboard.press("Space");
    await row.getByText("✓ 已保存").waitFor();
    expect(await progress()).toMatchObject({ status: "done", percent: 100, version: 2 });
    expect(await focused()).toBe(`标记为已完成：${ITEM.label}`);

    await page.keyboard.press("Space");
    await expect.poll(progress, { timeout: 10_000 }).toMatchObject({ status: "in_progress", percent: 60, version: 3 });
    await row.getByText("✓ 已保存").waitFor();
    expect(await focused()).toBe(`标记为已完成：${ITEM.label}`);

    // 撤销 the untick: back to 已完成 100 %.
    await row.getByRole("button", { name: `撤销刚才的修改：${ITEM.label}` }).click();
    await row.getByText("✓ 已撤销").waitFor();
    expect(await progress()).toMatchObject({ status: "done", percent: 100, version: 4 });
    expect(await focused()).toBe(`标记为已完成：${ITEM.label}`);
    await page.close();
  });

  it("ArrowDown on a closed status select saves nothing until Enter confirms; the focus stays on the select", async () => {
    const page = await browser.context.newPage();
    const sent: string[] = [];
    page.on("request", (r) => sent.push(`${r.method()} ${r.url()}`));
    await page.goto(`${server.baseUrl}/my`);
    const row = page.getByRole("group", { name: ITEM.label });
    await row.waitFor();
    const select = row.getByLabel(`状态：${ITEM.label}`);
    await select.focus();
    const before = await progress();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await page.waitForTimeout(500);
    expect(patches(sent)).toBe(0);
    expect(await progress()).toEqual(before);
    await row.getByRole("button", { name: /^将状态改为“.+”并保存/ }).waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await progress()).version, { timeout: 10_000 }).toBe(before.version + 1);
    expect(patches(sent)).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`状态：${ITEM.label}`);
    await page.close();
  });
});
