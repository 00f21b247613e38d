import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { createWebClient, type ApiClient } from "./api/client.js";
import type { Checklist } from "@taizhang/contract";
import { CHECKLIST_PAGE } from "./api/paging.js";
import { opKey, wholeChecklist } from "./api/queries.js";
import { rememberUnit, type FirstReads } from "./api/first-reads.js";
import type { SessionKeeper } from "./api/session.js";
import { AppProvider } from "./app-context.js";
import { I18nProvider } from "./i18n/i18n.js";
import { routes } from "./routes.js";

/** The query cache of the app: a read is fresh for half a minute, saves mark what they change as stale (api/queries.ts). */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } } });
}

/**
 * Hands the entry script's first reads (api/first-reads.ts) to the query cache under the keys the page reads them
 * by; one that failed or was refused is asked again through the client.
 */
function seedFirstReads(queryClient: QueryClient, api: ApiClient, first: FirstReads | null): void {
  if (!first) return;
  const seed = (queryKey: readonly unknown[], early: Promise<Response>, again: () => Promise<unknown>) =>
    void queryClient.prefetchQuery({
      queryKey,
      queryFn: async () => {
        const response = await early.catch(() => null);
        return response?.ok ? ((await response.json()) as unknown) : again();
      },
    });
  const input = { params: { unitId: first.unitId } };
  const read = (cursor: string | undefined) => api.op.unitChecklist({ ...input, query: { limit: CHECKLIST_PAGE, ...(cursor !== undefined ? { cursor } : {}) } });
  void queryClient.prefetchQuery({
    queryKey: opKey("unitChecklist", input),
    queryFn: async () => {
      const response = await first.checklist.catch(() => null);
      // The early read is the first page; the rest (if any) follows by its cursor.
      return wholeChecklist(read, response?.ok ? ((await response.json()) as Checklist) : undefined);
    },
  });
  seed(opKey("listPlans"), first.plans, () => api.op.listPlans());
}

/** Renders the app into #root. */
export function boot(keeper: SessionKeeper, first: FirstReads | null = null): void {
  const api = createWebClient({ authHeaders: keeper.authHeaders });
  const queryClient = createQueryClient();
  seedFirstReads(queryClient, api, first);
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
