import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { createWebClient, type ApiClient } from "./api/client.js";
import { opQuery } from "./api/queries.js";
import type { SessionKeeper } from "./api/session.js";
import { AppProvider } from "./app-context.js";
import { I18nProvider } from "./i18n/i18n.js";
import { routes } from "./routes.js";

const UNIT_HINT_KEY = "taizhang.unit";

/** The query cache of the app: a read is fresh for half a minute, saves mark what they change as stale (api/queries.ts). */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } });
}

function readUnitHint(): string | null {
  try {
    return window.localStorage.getItem(UNIT_HINT_KEY);
  } catch {
    return null;
  }
}

/**
 * 我的任务 of an office (at /my, or / for an office that signed in here
 * before) asks first for its checklist and the plan list: started into the
 * cache now, they run alongside the session's own request instead of after it.
 */
function startFirstReads(queryClient: QueryClient, api: ApiClient): void {
  const path = window.location.pathname.replace(/\/+$/, "") || "/";
  const hint = readUnitHint();
  const unit = new URLSearchParams(window.location.search).get("unit") ?? hint;
  if ((path === "/my" || (path === "/" && hint)) && unit) {
    void queryClient.prefetchQuery(opQuery(api, "unitChecklist", { params: { unitId: unit } }));
    void queryClient.prefetchQuery(opQuery(api, "listPlans"));
  }
}

/** Remembers an office's unit for the next page load's first reads. */
export function rememberUnit(info: { role: string; unitId: string | null } | null): void {
  try {
    if (info?.role === "office" && info.unitId) window.localStorage.setItem(UNIT_HINT_KEY, info.unitId);
    else window.localStorage.removeItem(UNIT_HINT_KEY);
  } catch {
    // Without localStorage there is no hint to keep.
  }
}

/** Renders the app into #root. */
export function boot(keeper: SessionKeeper): void {
  const api = createWebClient({ authHeaders: keeper.authHeaders });
  const queryClient = createQueryClient();
  startFirstReads(queryClient, api);
  const router = createBrowserRouter(routes);
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <QueryClientProvider client={queryClient}>
          <AppProvider api={api} keeper={keeper} onSession={rememberUnit}>
            <RouterProvider router={router} />
          </AppProvider>
        </QueryClientProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
