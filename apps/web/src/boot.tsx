import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createApiClient } from "./api/client.js";
import type { SessionKeeper } from "./api/session.js";
import { App } from "./app.js";
import { AppProvider } from "./app-context.js";
import { I18nProvider } from "./i18n/i18n.js";
import { RouterProvider } from "./router/router.js";

/** Renders the app into #root, with the API client on the given fetch. */
export function boot(keeper: SessionKeeper, fetcher: typeof fetch): void {
  const api = createApiClient({ authHeaders: keeper.authHeaders, fetch: fetcher });
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <RouterProvider>
          <AppProvider api={api} keeper={keeper}>
            <App />
          </AppProvider>
        </RouterProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
