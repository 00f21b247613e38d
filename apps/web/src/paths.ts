/** The app's URLs: every link and navigation is built here, so their shapes stay what bookmarks and the e2e tests use. */
export const paths = {
  home: () => "/",
  signIn: (next?: string) => (next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"),
  myTasks: (query = "") => `/my${query ? `?${query}` : ""}`,
  plans: () => "/plans",
  plan: (planId: string) => `/plans/${planId}`,
  /** Task ids are `<planId>/<number>`, both URL-safe, so the slash stays a path separator. */
  task: (taskId: string) => `/tasks/${taskId}`,
  dashboard: () => "/dashboard",
  /** Upload a filled-in ledger: preview, then apply. */
  ledgerImport: () => "/ledger/import",
  search: (query: { q?: string; plan?: string; theme?: string; page?: number } = {}) => {
    const params = new URLSearchParams();
    if (query.q) params.set("q", query.q);
    if (query.plan) params.set("plan", query.plan);
    if (query.theme) params.set("theme", query.theme);
    if (query.page && query.page > 1) params.set("page", String(query.page));
    const s = params.toString();
    return s ? `/search?${s}` : "/search";
  },
  themes: () => "/themes",
  admin: () => "/admin",
  /** Admin: access tokens (create, list, revoke). */
  tokens: () => "/admin/tokens",
};

/** A plan id as URLs carry it. */
export const PLAN_ID = /^[a-z0-9-]+$/;
/** A task number as URLs carry it. */
export const TASK_NUMBER = /^[1-9][0-9]*$/;
