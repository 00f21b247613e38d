import { loadBuiltInPlans, openLedger, type Ledger } from "@taizhang/store";
import { createApp } from "../app.js";
import { parseConfig, type ApiConfig } from "../env.js";
import type { Logger } from "../logger.js";

/** A fixed clock for route tests: 2020-06-15 10:00 China time, inside every built-in plan's period. */
export const TEST_NOW = new Date("2020-06-15T02:00:00Z");

/** Log lines a test app wrote, parsed. */
export interface CapturedLog {
  lines: Array<Record<string, unknown>>;
  raw: string[];
  logger: Logger;
}

export function captureLog(): CapturedLog {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const write = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => {
    const line = JSON.stringify({ level, msg, ...fields });
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  };
  return { raw, lines, logger: { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") } };
}

/** The configuration a test app runs with: defaults, no web app, plus overrides. */
export function testConfig(overrides: Partial<ApiConfig> = {}): ApiConfig {
  return { ...parseConfig({ TAIZHANG_WEB_DIST: "/nonexistent/taizhang-web" }), ...overrides };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  ledger: Ledger;
  log: CapturedLog;
  /** Secrets of one token per role (office tokens for two units). */
  tokens: { admin: string; viewer: string; officeA: string; officeB: string };
  close(): Promise<void>;
}

/** Units of the built-in 成都 plan the tests act as: A is responsible for task 1 and leads task 3, B leads task 1. */
export const UNIT_A = "成都市:市政府法制办";
export const UNIT_B = "成都市:市委编办";
/** An item both units hold: 成都 task 1 as a whole (A responsible, B lead). */
export const SHARED_ITEM = { planId: "chengdu-2015", number: 1, item: "task" } as const;
export const progressPath = (unitId: string, item: { planId: string; number: number; item: string } = SHARED_ITEM) =>
  `/api/progress/${item.planId}/${item.number}/${item.item}/${encodeURIComponent(unitId)}`;

/**
 * An app over an in-memory SQLite ledger with the built-in plans, a fixed
 * clock, a captured log, and one token per role.
 */
export async function createTestApp(overrides: Partial<ApiConfig> = {}): Promise<TestApp> {
  const clock = () => TEST_NOW;
  const ledger = await openLedger({ memory: true, clock });
  await loadBuiltInPlans(ledger);
  const log = captureLog();
  const mint = async (role: "admin" | "office" | "viewer", unitId: string | null, name: string) =>
    (await ledger.createToken({ name, role, unitId: unitId as never })).token;
  const tokens = {
    admin: await mint("admin", null, "测试管理员"),
    viewer: await mint("viewer", null, "测试观察员"),
    officeA: await mint("office", UNIT_A, "市政府法制办 office"),
    officeB: await mint("office", UNIT_B, "市委编办 office"),
  };
  const app = createApp({ ledger, config: testConfig(overrides), clock, logger: log.logger });
  return { app, ledger, log, tokens, close: () => ledger.close() };
}

/** Headers of a JSON request with a bearer token. */
export function asCaller(token: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(token ? { Authorization: `Bearer ${token}` } : {}), "Content-Type": "application/json", ...extra };
}
