import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * Marks, in the page's own clock (ms since navigation start), the moment the
 * page can take a click on the checklist: a row's 标记为已完成 checkbox is on screen, a frame has
 * been painted with it, and the main thread is free for the next task.
 * From then on it also follows how many rows are in the DOM (`__benchRowsPainted`:
 * the count and when a frame with it was painted and the next task ran), for
 * pages that add rows after the first screenful, and records long tasks.
 */
const MARK_INTERACTIVE = `(() => {
  const ROW = 'input[type=checkbox][aria-label^="标记为已完成"]';
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__benchLongTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
  } catch {}
  const countRows = () => {
    const rows = document.querySelectorAll(ROW).length;
    if (rows === window.__benchRows) return;
    window.__benchRows = rows;
    requestAnimationFrame(() => setTimeout(() => { if (window.__benchRows === rows) window.__benchRowsPainted = { rows, at: performance.now() }; }, 0));
  };
  const done = () => {
    requestAnimationFrame(() => setTimeout(() => { window.__benchInteractive = performance.now(); }, 0));
    countRows();
    new MutationObserver(countRows).observe(document.body, { childList: true, subtree: true });
  };
  const check = () => {
    if (document.querySelector(ROW)) { observer.disconnect(); done(); return true; }
    return false;
  };
  const observer = new MutationObserver(check);
  document.addEventListener("DOMContentLoaded", () => { if (!check()) observer.observe(document.body, { childList: true, subtree: true }); });
})();`;

export interface WebBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, on a fresh profile; nothing is downloaded. */
export async function launch(): Promise<WebBrowser> {
  const profile = await mkdtemp(join(tmpdir(), "taizhang-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  context.setDefaultTimeout(30_000);
  await context.addInitScript(MARK_INTERACTIVE);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Signs the browser in with a token through the web app's sign-in page (the session is a cookie). */
export async function signIn(browser: WebBrowser, baseUrl: string, token: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("访问令牌").fill(token);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.close();
}

/** Opens `url` in a new tab and returns the ms from navigation start to interactive (see MARK_INTERACTIVE). */
export async function timeToInteractive(browser: WebBrowser, url: string, check?: (page: Page) => Promise<void>): Promise<number> {
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: "commit" });
    const handle = await page.waitForFunction(() => (globalThis as { __benchInteractive?: number }).__benchInteractive, undefined, { polling: 5 });
    const ms = Number(await handle.jsonValue());
    if (check) await check(page);
    return ms;
  } finally {
    await page.close();
  }
}

/** After `timeToInteractive`, in its `check`: what came once `rows` rows were all in the DOM (see MARK_INTERACTIVE). */
export interface AllRows {
  /** ms from navigation start until every row was in the DOM, a frame had been painted and the next task had run. */
  ms: number;
  /** The longest main-thread task from interactive until then (0 when none took 50 ms): how long a click could wait. */
  longestTaskMs: number;
}

/** Waits until `rows` 标记为已完成 checkboxes are in the page's DOM and painted. */
export async function allRowsInDom(page: Page, rows: number): Promise<AllRows> {
  const handle = await page.waitForFunction(
    (n) => {
      const w = globalThis as { __benchRowsPainted?: { rows: number; at: number }; __benchInteractive?: number; __benchLongTasks?: { start: number; duration: number }[] };
      const painted = w.__benchRowsPainted;
      if (!painted || painted.rows < n || w.__benchInteractive === undefined) return undefined;
      const from = w.__benchInteractive;
      const during = (w.__benchLongTasks ?? []).filter((t) => t.start + t.duration > from && t.start < painted.at);
      return { ms: painted.at, longestTaskMs: Math.max(0, ...during.map((t) => t.duration)) };
    },
    rows,
    { polling: 5 },
  );
  return (await handle.jsonValue()) as AllRows;
}
