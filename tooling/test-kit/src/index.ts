import { createApp, createLogger, parseConfig, type ApiConfig } from "@taizhang/api";
import type { Plan } from "@taizhang/core";
import { loadBuiltInPlans, openLedger, type Ledger, type Role } from "@taizhang/store";

/** The instant the test API judges deadlines at unless told otherwise: 2020-06-15 10:00 China time, inside every built-in plan. */
export const TEST_NOW = new Date("2020-06-15T02:00:00Z");

/** Offices of the built-in 成都 plan the tokens act for: A is responsible for task 1 and leads task 3; B leads task 1. */
export const TEST_UNITS = { A: "成都市:市政府法制办", B: "成都市:市委编办" } as const;

/** The base URL the test API answers at (nothing listens there: requests go to `app.request`). */
export const TEST_BASE_URL = "http://taizhang.test";

export interface TestApiOptions {
  /** The clock of the store and the app; TEST_NOW when absent. */
  clock?: () => Date;
  /** Plans to store instead of the four built-in ones. */
  plans?: Plan[];
  /** Settings over the defaults (no web app, no rate limits). */
  config?: Partial<ApiConfig>;
  /** Extra office tokens: name → unit id. */
  offices?: Record<string, string>;
}

export interface TestApi {
  /** A fetch that the app answers in process, for `@taizhang/client` (`fetch: api.fetch`, `baseUrl: TEST_BASE_URL`). */
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** The app's own handler, to serve it on a real port (`serve({ fetch: api.handler })` of @hono/node-server). */
  handler: (request: Request) => Promise<Response>;
  /** The store under the app, for arranging a test's data. */
  ledger: Ledger;
  /** Secrets of one token per role, and of the offices of TEST_UNITS (and of `offices`). */
  tokens: { admin: string; viewer: string; officeA: string; officeB: string } & Record<string, string>;
  close(): Promise<void>;
}

/**
 * The real API app over an in-memory SQLite store with the built-in plans
 * (or the given ones): what the web's and the TUI's tests run against
 * instead of a hand-written fake, so they see exactly what the server says.
 */
export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const clock = options.clock ?? (() => TEST_NOW);
  const ledger = await openLedger({ memory: true, clock });
  if (options.plans) for (const plan of options.plans) await ledger.loadPlan(plan);
  else await loadBuiltInPlans(ledger);
  const mint = async (role: Role, unitId: string | null, name: string) => (await ledger.createToken({ name, role, unitId: unitId as never })).token;
  const tokens: TestApi["tokens"] = {
    admin: await mint("admin", null, "测试管理员"),
    viewer: await mint("viewer", null, "测试观察员"),
    officeA: options.plans ? "" : await mint("office", TEST_UNITS.A, "市政府法制办 office"),
    officeB: options.plans ? "" : await mint("office", TEST_UNITS.B, "市委编办 office"),
  };
  for (const [name, unit] of Object.entries(options.offices ?? {})) tokens[name] = await mint("office", unit, `${name} office`);
  const config: ApiConfig = {
    ...parseConfig({ TAIZHANG_WEB_DIST: "/nonexistent/taizhang-web", TAIZHANG_RATE_LIMIT_ADDRESS: "0", TAIZHANG_RATE_LIMIT_TOKEN: "0", TAIZHANG_HOSTS: `${new URL(TEST_BASE_URL).host},127.0.0.1,localhost` }),
    ...options.config,
  };
  const app = createApp({ ledger, config, clock, logger: createLogger("silent") });
  return {
    fetch: (url, init) => Promise.resolve(app.request(url, init)),
    handler: (request) => Promise.resolve(app.fetch(request)),
    ledger,
    tokens,
    close: () => ledger.close(),
  };
}
