import { render } from "@testing-library/react";
import { createApiClient } from "../api/client.js";
import { createSessionKeeper } from "../api/session.js";
import { App } from "../app.js";
import { AppProvider } from "../app-context.js";
import { I18nProvider, type Language } from "../i18n/i18n.js";
import { RouterProvider } from "../router/router.js";
import { FakeApi } from "./fake-api.js";
import { TEST_NOW, UNIT_CZ, UNIT_SJ, fixturePlan } from "./fixture-plan.js";

export const TOKENS = {
  sj: { token: "tz_office_sj", name: "市司法局 office token", role: "office" as const, unitId: UNIT_SJ as never },
  cz: { token: "tz_office_cz", name: "市财政局 office token", role: "office" as const, unitId: UNIT_CZ as never },
  admin: { token: "tz_admin", name: "admin", role: "admin" as const, unitId: null },
};

/** A fresh fake API holding the fixture plan and three tokens. */
export function fakeApi(): FakeApi {
  return new FakeApi([fixturePlan], Object.values(TOKENS));
}

/** Renders the whole app at `url` against `api`, with the clock pinned to TEST_NOW. */
export function renderApp(options: { api?: FakeApi; url?: string; signedInAs?: keyof typeof TOKENS; lang?: Language } = {}) {
  const api = options.api ?? fakeApi();
  if (options.signedInAs) api.sessionToken = TOKENS[options.signedInAs].token;
  window.history.replaceState(null, "", options.url ?? "/");
  const keeper = createSessionKeeper();
  const client = createApiClient({ fetch: api.fetch, authHeaders: keeper.authHeaders });
  const result = render(
    <I18nProvider initial={options.lang}>
      <RouterProvider>
        <AppProvider api={client} keeper={keeper} now={() => TEST_NOW}>
          <App />
        </AppProvider>
      </RouterProvider>
    </I18nProvider>,
  );
  return { ...result, api };
}
