import { TaizhangClient } from "@taizhang/client";
import type { Plan, Progress, ProgressPatch } from "@taizhang/core";
import { createTestApi, type TestApi } from "@taizhang/test-kit";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { onTestFinished } from "vitest";
import { createWebClient } from "../api/client.js";
import { createSessionKeeper } from "../api/session.js";
import { AppProvider } from "../app-context.js";
import { createQueryClient } from "../boot.js";
import { I18nProvider, type Language } from "../i18n/i18n.js";
import { routes } from "../routes.js";
import { TEST_NOW, UNIT_CZ, UNIT_SJ, testPlan } from "./test-plan.js";

/** The signed-in callers of the tests: two offices of the test plan and an admin (their token names as the history shows them). */
export const TOKENS = {
  sj: { name: "市司法局 office token", role: "office" as const, unitId: UNIT_SJ },
  cz: { name: "市财政局 office token", role: "office" as const, unitId: UNIT_CZ },
  admin: { name: "admin", role: "admin" as const, unitId: null },
};

export interface SentRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The real API app over an in-memory store (tooling/test-kit), as the web's
 * tests talk to it: a fetch that keeps the session cookie as a browser
 * would and records what the page sent, the tokens of TOKENS, and the
 * store's own answers for the tests' checks.
 */
export class WebTestApi {
  readonly requests: SentRequest[] = [];
  /** The session cookie's value (the token), as the browser holds it; null when signed out. */
  sessionToken: string | null = null;
  private readonly writers = new Map<string, TaizhangClient>();

  private constructor(
    readonly server: TestApi,
    readonly tokens: Record<keyof typeof TOKENS, string>,
  ) {}

  static async create(options: { plans?: Plan[] } = {}): Promise<WebTestApi> {
    const server = await createTestApi({ plans: options.plans ?? [testPlan], clock: () => TEST_NOW });
    // An office token needs its unit in the store: with other plans than the test plan, only the admin's is minted.
    const mint = async (t: (typeof TOKENS)[keyof typeof TOKENS]) =>
      t.unitId !== null && !(options.plans ?? [testPlan]).some((p) => p.units.some((u) => u.id === t.unitId))
        ? ""
        : (await server.ledger.createToken({ name: t.name, role: t.role, unitId: t.unitId as never })).token;
    return new WebTestApi(server, { sj: await mint(TOKENS.sj), cz: await mint(TOKENS.cz), admin: await mint(TOKENS.admin) });
  }

  /** The page's fetch. */
  readonly fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
    let body: unknown = init.body ?? undefined;
    if (typeof init.body === "string" && headers["content-type"]?.startsWith("application/json")) body = JSON.parse(init.body);
    this.requests.push({ method: (init.method ?? "GET").toUpperCase(), path: url, headers, body });
    if (this.sessionToken !== null) headers["cookie"] = `taizhang_session=${this.sessionToken}`;
    const response = await this.server.fetch(url, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name, value = ""] = pair.split("=");
      if (name === "taizhang_session") this.sessionToken = value === "" || /max-age=0/i.test(cookie) ? null : decodeURIComponent(value);
    }
    return response;
  };

  /** Signs the page in as the web does (POST /api/session): the session cookie is kept by the page's fetch. */
  async signIn(token: string): Promise<void> {
    const response = await this.server.fetch("/api/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) });
    if (!response.ok) throw new Error(`sign-in refused: ${response.status} ${await response.text()}`);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name, value = ""] = pair.split("=");
      if (name === "taizhang_session") this.sessionToken = decodeURIComponent(value);
    }
  }

  /** What the store holds for an (item, unit) now. */
  current(itemId: string, unitId: string): Promise<Progress> {
    return this.server.ledger.getProgress(itemId as never, unitId as never);
  }

  /** Someone else (another tab, a colleague: an office token named `who` for the unit) saves a change through the API. */
  async write(who: string, itemId: string, unitId: string, patch: ProgressPatch): Promise<Progress> {
    let client = this.writers.get(who);
    if (!client) {
      const { token } = await this.server.ledger.createToken({ name: who, role: "office", unitId: unitId as never });
      client = new TaizhangClient({ baseUrl: "", token, fetch: this.server.fetch });
      this.writers.set(who, client);
    }
    return client.updateProgress(itemId, unitId, patch);
  }

  /** The admin's client, to arrange what the tests need (assignments, imports). */
  admin(): TaizhangClient {
    return new TaizhangClient({ baseUrl: "", token: this.tokens.admin, fetch: this.server.fetch });
  }

  /** The plans the store holds. */
  plans(): Promise<Plan[]> {
    return this.server.ledger.listPlans().then((list) => Promise.all(list.map((p) => this.server.ledger.getPlan(p.id))));
  }
}

/** A fresh test API holding the test plan and the tokens of TOKENS. */
export function testApi(options: { plans?: Plan[] } = {}): Promise<WebTestApi> {
  return WebTestApi.create(options);
}

/** Renders the whole app (its routes, query cache and session) at `url` against the real API, with the clock pinned to TEST_NOW. */
export async function renderApp(options: { api?: WebTestApi; url?: string; signedInAs?: keyof typeof TOKENS; lang?: Language } = {}) {
  const api = options.api ?? (await testApi());
  if (options.signedInAs) await api.signIn(api.tokens[options.signedInAs]);
  const url = options.url ?? "/";
  window.history.replaceState(null, "", url);
  const keeper = createSessionKeeper();
  const client = createWebClient({ fetch: api.fetch, authHeaders: keeper.authHeaders });
  // The browser router on jsdom's history, so tests see the URL as a user would.
  const router = createBrowserRouter(routes);
  onTestFinished(() => router.dispose());
  const result = render(
    <I18nProvider initial={options.lang}>
      <QueryClientProvider client={createQueryClient()}>
        <AppProvider api={client} keeper={keeper} now={() => TEST_NOW}>
          <RouterProvider router={router} />
        </AppProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...result, api, router };
}
