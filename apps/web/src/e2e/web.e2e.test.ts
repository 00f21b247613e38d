// @vitest-environment node
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_SLICE } from "../checklist/checklist-list.js";
import { apiCall, launchBrowser, missingPrerequisite, screenshotDir, startServer, type Browser, type RunningServer } from "./harness.js";

/*
 * The web app in a real browser against the real built server: Debian's
 * Chromium, the API's dist/server.js serving apps/web/dist, a fresh SQLite
 * data directory with the four built-in plans.
 */

const missing = missingPrerequisite();
if (missing) console.warn(`web e2e: skipped — ${missing}`);
const runs = missing === null;

const UNIT_A = "成都市:市政府法制办"; // responsible for 成都 task 1, leads task 3
const UNIT_B = "成都市:市委编办"; // leads 成都 task 1
const TASK3 = { label: "健全行政权力清单制度", path: "chengdu-2015/3/task" };

describe.runIf(runs)("web app end to end (Chromium, built server)", { timeout: 60_000 }, () => {
  let server: RunningServer;
  let tokenA: string;
  let tokenB: string;
  let browserA: Browser;
  let shots: string;

  const progressOf = async (path: string, unitId: string) =>
    (await apiCall<{ status: string; note: string; version: number; percent: number }>(server, "GET", `/progress/${path}/${encodeURIComponent(unitId)}`, null)).body;

  const signIn = async (page: Page, token: string) => {
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel("访问令牌").fill(token);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { level: 1, name: /^我的任务 · / }).waitFor();
  };

  beforeAll(async () => {
    shots = await screenshotDir();
    server = await startServer();
    const mint = async (unit: string) => {
      const created = await apiCall<{ token: string }>(server, "POST", "/tokens", server.adminToken, { role: "office", unit });
      expect(created.status).toBe(201);
      return created.body.token;
    };
    tokenA = await mint(UNIT_A);
    tokenB = await mint(UNIT_B);
    browserA = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browserA?.close();
    await server?.stop();
  });

  it("an office signs in, ticks an item, reloads and finds it saved", async () => {
    const page = await browserA.context.newPage();
    await signIn(page, tokenA);
    // The session is an httpOnly cookie; the token is in no URL and no script-readable storage.
    const cookies = await browserA.context.cookies(server.baseUrl);
    expect(cookies.find((c) => c.name === "taizhang_session")?.httpOnly).toBe(true);
    expect(page.url()).not.toContain(tokenA);
    expect(await page.evaluate(() => document.cookie + JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).not.toContain(tokenA);

    await page.getByRole("group", { name: "深化行政审批制度改革" }).waitFor();
    await page.screenshot({ path: join(shots, "my-tasks.png") });
    const box = page.getByRole("checkbox", { name: `标记为已完成：${TASK3.label}` });
    // A controlled checkbox: it shows the saved state once the API has answered.
    await box.click();
    await page.getByRole("group", { name: TASK3.label }).getByText("✓ 已保存").waitFor();
    expect(await progressOf(TASK3.path, UNIT_A)).toMatchObject({ status: "done", percent: 100, version: 1 });

    await page.reload();
    await page.getByRole("group", { name: TASK3.label }).waitFor();
    expect(await page.getByRole("checkbox", { name: `标记为已完成：${TASK3.label}` }).isChecked()).toBe(true);
    expect(await page.getByRole("group", { name: TASK3.label }).locator(".badge.status").textContent()).toContain("已完成");
    await page.close();
  });

  it("another office cannot change it", async () => {
    const browserB = await launchBrowser();
    try {
      const page = await browserB.context.newPage();
      await signIn(page, tokenB);
      // B's list holds B's own items only.
      expect(await page.getByRole("group", { name: TASK3.label }).count()).toBe(0);
      // Even a hand-made request with B's session is refused, and nothing changes.
      const status = await page.evaluate(
        async ({ path, unit }) =>
          (
            await fetch(`/api/progress/${path}/${encodeURIComponent(unit)}`, {
              method: "PATCH",
              headers: { "content-type": "application/json", "if-match": '"1"' },
              body: JSON.stringify({ status: "blocked" }),
            })
          ).status,
        { path: TASK3.path, unit: UNIT_A },
      );
      expect(status).toBe(403);
      expect(await progressOf(TASK3.path, UNIT_A)).toMatchObject({ status: "done", version: 1 });
    } finally {
      await browserB.close();
    }
  });

  it("a stale edit shows the conflict with the newer value and lets the user redo it", async () => {
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    const row = page.getByRole("group", { name: TASK3.label });
    await row.getByRole("button", { name: `编辑：${TASK3.label}` }).click();
    await row.getByLabel("进展说明").fill("已公布权力清单");
    // Meanwhile a colleague with the same office token saves a change.
    const other = await apiCall(server, "PATCH", `/progress/${TASK3.path}/${encodeURIComponent(UNIT_A)}`, tokenA, { note: "同事：清单正在审核" }, { "if-match": '"1"' });
    expect(other.status).toBe(200);

    await row.getByRole("button", { name: "保存" }).click();
    const conflict = row.getByRole("alert", { name: "该事项已被他人更新" });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("同事：清单正在审核");
    expect(await conflict.textContent()).toContain("已公布权力清单");
    await page.screenshot({ path: join(shots, "conflict.png") });
    expect(await progressOf(TASK3.path, UNIT_A)).toMatchObject({ note: "同事：清单正在审核", version: 2 });

    await conflict.getByRole("button", { name: "在最新内容上重新提交我的修改" }).click();
    await row.getByText("✓ 已保存").waitFor();
    expect(await progressOf(TASK3.path, UNIT_A)).toMatchObject({ note: "已公布权力清单", version: 3, status: "done" });
    await page.close();
  });

  it("anyone can browse a plan signed out, read-only", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.baseUrl}/plans`);
      await page.getByRole("link", { name: "成都市法治政府建设规划(2015-2020年)" }).click();
      await page.getByRole("heading", { level: 1, name: "成都市法治政府建设规划(2015-2020年)" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "二、主要任务" }).waitFor();
      expect(await page.getByRole("link", { name: "深化行政审批制度改革" }).count()).toBeGreaterThan(0);
      expect(await page.getByRole("checkbox").count()).toBe(0);
      expect(await page.getByRole("link", { name: "登录" }).count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, "plan.png") });
      // A deep link survives a reload (the server falls back to index.html).
      await page.goto(`${server.baseUrl}/tasks/chengdu-2015/3`);
      await page.getByRole("heading", { level: 1, name: /健全行政权力清单制度/ }).waitFor();
      await page.getByText("已公布权力清单").first().waitFor();
      await page.screenshot({ path: join(shots, "task.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it("searches from the header (traditional script, pinyin), opens a hit and its counterparts, and shows the theme matrix", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.baseUrl}/plans`);
      await page.getByRole("searchbox").fill("行政復議");
      await page.getByRole("searchbox").press("Enter");
      await page.getByRole("heading", { level: 1, name: "搜索任务" }).waitFor();
      const results = page.getByRole("list", { name: "搜索结果" });
      await results.waitFor();
      expect(await results.locator("mark").first().textContent()).toBe("行政复议");
      expect(new URL(page.url()).searchParams.get("q")).toBe("行政復議");
      await page.screenshot({ path: join(shots, "search.png") });
      await page.goto(`${server.baseUrl}/search?q=xzfy&plan=chengdu-2015`);
      await page.getByText(/^共 2 条结果/).waitFor();
      await page.locator('a[href="/tasks/chengdu-2015/38"]').click();
      await page.getByRole("heading", { level: 1, name: /加强行政复议工作/ }).waitFor();
      const counterparts = page.getByRole("heading", { level: 2, name: "其他规划中的对应任务" });
      await counterparts.waitFor();
      expect(await page.locator('section.counterparts a[href="/tasks/baotou-2016/39"]').count()).toBe(1);

      await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "主题覆盖" }).click();
      const matrix = page.getByRole("table", { name: "主题 × 规划：任务数与完成率" });
      await matrix.waitFor();
      expect(await matrix.getByRole("rowheader").count()).toBe(12);
      expect(await matrix.getByRole("row", { name: /突发事件应对体系/ }).getByText("3 项").count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, "themes.png"), fullPage: true });
    } finally {
      await browser.close();
    }
  });

  it("switches to English", async () => {
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { level: 1, name: `My tasks · 市政府法制办` }).waitFor();
    expect(await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Dashboard" }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.screenshot({ path: join(shots, "my-tasks-en.png") });
    // The choice is remembered across a reload; switch back for the tests after this one.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: `My tasks · 市政府法制办` }).waitFor();
    await page.getByRole("button", { name: "切换到中文" }).click();
    await page.getByRole("heading", { level: 1, name: `我的任务 · 市政府法制办` }).waitFor();
    await page.close();
  });

  it("print view renders 我的任务 and a plan as A4 ledger tables", async () => {
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    await page.getByRole("group", { name: TASK3.label }).waitFor();
    await page.emulateMedia({ media: "print" });
    const ledger = page.locator("table.ledger");
    await ledger.waitFor();
    expect(await ledger.isVisible()).toBe(true);
    expect(await page.locator("nav").first().isVisible()).toBe(false);
    expect(await ledger.locator("tbody tr").count()).toBeGreaterThan(20);
    expect(await ledger.textContent()).toContain("已公布权力清单");
    await page.screenshot({ path: join(shots, "print-my-tasks.png") });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

    await page.emulateMedia({ media: "screen" });
    await page.goto(`${server.baseUrl}/plans/chengdu-2015`);
    await page.getByRole("heading", { level: 2, name: "二、主要任务" }).waitFor();
    await page.emulateMedia({ media: "print" });
    const planLedger = page.locator("table.ledger.plan");
    expect(await planLedger.isVisible()).toBe(true);
    expect(await page.locator(".screen-only").isVisible()).toBe(false);
    expect(await planLedger.locator("tbody tr").count()).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(shots, "print-plan.png") });
    await page.close();
  });

  it("shows the dashboard and works at phone width", async () => {
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByRole("img", { name: "各规划完成情况" }).waitFor();
    await page.getByRole("img", { name: "单位 × 规划 完成率" }).waitFor();
    await page.screenshot({ path: join(shots, "dashboard.png"), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/my`);
    await page.getByRole("group", { name: TASK3.label }).waitFor();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, "my-tasks-phone.png") });
    await page.close();
  });

  it("an office names the 责任人 of an item; it shows on the line and the API lists the item under that person", async () => {
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    const label = "深化行政审批制度改革";
    const row = page.getByRole("group", { name: label });
    await row.waitFor();
    await row.getByRole("button", { name: `编辑：${label}` }).click();
    const form = row.getByRole("form", { name: `编辑：${label}` });
    await form.getByLabel("姓名（留空表示未指定）").fill("张伟");
    await form.getByLabel("职务").fill("法规科科长");
    await form.getByRole("button", { name: "保存" }).click();
    await row.getByText("张伟（法规科科长）").waitFor();
    const listed = await apiCall<{ items: Array<{ item: { id: string } }> }>(
      server,
      "GET",
      `/units/${encodeURIComponent(UNIT_A)}/checklist?responsiblePerson=${encodeURIComponent("张伟")}`,
      null,
    );
    expect(listed.body.items.map((i) => i.item.id)).toEqual(["chengdu-2015/1#task"]);
    await page.close();
  });

  it("an office downloads its ledger, fills it in offline, uploads it, checks the preview and writes it", async () => {
    const csv = await (await fetch(`${server.baseUrl}/api/exports/ledger?unitId=${encodeURIComponent(UNIT_A)}&format=csv`, { headers: { authorization: `Bearer ${tokenA}` } })).text();
    const lines = csv.split("\r\n");
    const at = lines.findIndex((l) => l.includes(`,${UNIT_A},`) && l.includes(",未开始,0,"));
    expect(at).toBeGreaterThan(0);
    const itemId = /,(chengdu-2015\/\d+#(?:task|m\d+)),成都市:/.exec(lines[at] ?? "")?.[1] ?? "";
    lines[at] = lines[at]?.replace(",未开始,0,", ",进行中,25,") ?? "";
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    await page.getByRole("link", { name: "上传已填写的台账" }).first().click();
    await page.getByRole("heading", { level: 1, name: "导入已填写的台账" }).waitFor();
    await page.getByLabel("台账文件").setInputFiles({ name: "我的台账.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
    await page.getByTestId("import-summary").getByText(/1 行将变更，\d+ 行未变，0 行被拒绝/).waitFor();
    expect(await page.getByTestId("import-changes").textContent()).toContain("状态: 未开始 → 进行中完成百分比: 0% → 25%");
    // Nothing is written by the preview.
    const [task, part] = itemId.split("#");
    expect((await progressOf(`${task}/${part}`, UNIT_A)).percent).toBe(0);
    await page.getByRole("button", { name: "写入 1 项变更" }).click();
    await page.getByRole("status").getByText("已写入 1 项变更").waitFor();
    expect(await progressOf(`${task}/${part}`, UNIT_A)).toMatchObject({ status: "in_progress", percent: 25 });
    const history = await apiCall<{ items: Array<{ source: string; note: string | null }> }>(server, "GET", `/history?itemId=${encodeURIComponent(itemId)}&unitId=${encodeURIComponent(UNIT_A)}`, null);
    expect(history.body.items[0]).toMatchObject({ source: "import", note: expect.stringMatching(/^导入 我的台账\.csv 第\d+行$/) });
    await page.close();
  });

  it("puts every line of a long 我的任务 in the DOM, in slices after the first screenful, and a line from a later slice saves", async () => {
    const page = await browserA.context.newPage();
    await page.goto(`${server.baseUrl}/my`);
    const count = Number(/共 (\d+) 项/.exec((await page.getByText(/共 \d+ 项/).first().textContent()) ?? "")?.[1]);
    const lines = await page.locator(".checklist").getAttribute("data-lines");
    // More lines (items and their headings) than the first slice, so some came later.
    expect(Number(lines)).toBeGreaterThan(FIRST_SLICE);
    await page.waitForFunction((n) => document.querySelectorAll('input[aria-label^="标记为已完成："]').length === n && document.querySelector(".checklist")?.getAttribute("aria-busy") === "false", count);
    const last = page.locator(".item-row").last();
    const [itemId = "", unitId = ""] = [await last.getAttribute("data-item"), await last.getAttribute("data-unit")].map((v) => v ?? "");
    const [task, part] = itemId.split("#");
    const before = await progressOf(`${task}/${part}`, unitId);
    expect(before.status).not.toBe("done");
    const box = last.getByRole("checkbox", { name: /^标记为已完成：/ });
    await box.click();
    await last.getByText("✓ 已保存").waitFor();
    expect(await progressOf(`${task}/${part}`, unitId)).toMatchObject({ status: "done", percent: 100, version: before.version + 1 });
    expect(await box.isChecked()).toBe(true);
    expect(await page.locator('input[aria-label^="标记为已完成："]').count()).toBe(count);
    await page.close();
  });

  it.each([
    ["desktop", 1280],
    ["phone", 390],
  ] as const)("a loaded 我的任务 is as tall as its lines (%s): off-screen lines hold the room lines of their kind take here", async (_, width) => {
    const browser = await launchBrowser({ width, height: 800 });
    try {
      const page = await browser.context.newPage();
      await signIn(page, tokenA);
      await page.waitForFunction(() => document.querySelector<HTMLElement>(".checklist")?.dataset["sized"] === "true");
      const held = await page.evaluate(() => document.querySelector(".checklist")?.getBoundingClientRect().height ?? 0);
      // Every line laid out for real (with the containment content-visibility gives a shown line, so margins do not
      // collapse across lines): the height the list has once each line has been shown.
      await page.addStyleTag({ content: ".checklist > .line { content-visibility: visible !important; contain: layout style paint; }" });
      const real = await page.evaluate(() => document.querySelector(".checklist")?.getBoundingClientRect().height ?? 0);
      expect(real).toBeGreaterThan(800);
      // Before: desktop guesses (112 px an item where one takes 79 px on a desktop, 148 px on a phone) held 587 px
      // too much on the desktop and 595 px too little on the phone.
      expect(Math.abs(held - real), `held ${Math.round(held)} px, lines ${Math.round(real)} px`).toBeLessThan(Math.max(60, real * 0.02));
    } finally {
      await browser.close();
    }
  });
});

describe.runIf(!runs && process.env.CI !== undefined)("web app end to end", () => {
  it("has what it needs in CI", () => {
    expect(missing).toBeNull();
  });
});
