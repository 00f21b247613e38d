import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";

/**
 * End-to-end harness: the real built API server (which serves the built web
 * app) on a free port with a fresh data directory, and Debian's Chromium
 * driven by playwright-core. Nothing is downloaded.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "../../../..");
export const CHROMIUM = process.env.TAIZHANG_CHROMIUM ?? "/usr/bin/chromium";
/** The built server; TAIZHANG_E2E_SERVER runs the suite against another entry script. */
const SERVER = process.env.TAIZHANG_E2E_SERVER ?? join(repoRoot, "apps/api/dist/server.js");
const WEB_INDEX = join(repoRoot, "apps/web/dist/index.html");
export const SCREENSHOTS = join(repoRoot, "docs/screenshots");

/** Why the suite cannot run here, or null when it can. */
export function missingPrerequisite(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
  if (!existsSync(SERVER)) return "the API is not built (apps/api/dist/server.js; run pnpm build)";
  if (!existsSync(WEB_INDEX)) return "the web app is not built (apps/web/dist; run pnpm build)";
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? ok(address.port) : fail(new Error("no port"))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  adminToken: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the built server with a temp data dir; resolves once /readyz answers and the admin token was printed. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const data = await mkdtemp(join(tmpdir(), "taizhang-web-e2e-"));
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TAIZHANG_DATA: data, DATABASE_URL: "", LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));
  const exited = new Promise<void>((ok) => child.once("exit", () => ok()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let adminToken: string | null = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    adminToken ??= findAdminToken(output);
    if (adminToken) {
      const ready = await fetch(`${baseUrl}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!adminToken) {
    child.kill("SIGTERM");
    throw new Error(`the server did not print an admin token within 60 s:\n${output}`);
  }
  const token = adminToken;
  return {
    baseUrl,
    adminToken: token,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await rm(data, { recursive: true, force: true });
    },
  };
}

/** The one-time admin token the first start prints: the first token on or just after a line that mentions the admin token. */
export function findAdminToken(output: string): string | null {
  const lines = output.split("\n");
  for (const [i, line] of lines.entries()) {
    if (!/admin token/i.test(line)) continue;
    for (const candidate of lines.slice(i, i + 5)) {
      const m = /\b(tz_[A-Za-z0-9_-]{16,})/.exec(candidate);
      if (m?.[1]) return m[1];
    }
  }
  return null;
}

/** Calls the API as a service would. */
export async function apiCall<T>(
  server: RunningServer,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { accept: "application/json", ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Debian's Chromium with a fresh user-data-dir (a persistent context on a new temp directory). */
export async function launchBrowser(options: { width?: number; height?: number; locale?: string } = {}): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), "taizhang-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Where the e2e run saves its screenshots: docs/screenshots when
 * TAIZHANG_SCREENSHOTS=1 (to refresh the pictures in the docs), otherwise a
 * temporary directory, so a test run never dirties the work tree.
 */
export async function screenshotDir(): Promise<string> {
  if (process.env.TAIZHANG_SCREENSHOTS === "1") {
    await mkdir(SCREENSHOTS, { recursive: true });
    return SCREENSHOTS;
  }
  return mkdtemp(join(tmpdir(), "taizhang-shots-"));
}
