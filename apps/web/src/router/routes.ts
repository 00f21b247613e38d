/** Every page of the app, matched from a pathname. */
export type Route =
  | { page: "home" }
  | { page: "sign-in" }
  | { page: "my-tasks" }
  | { page: "plans" }
  | { page: "plan"; planId: string }
  | { page: "task"; taskId: string }
  | { page: "dashboard" }
  | { page: "search" }
  | { page: "themes" }
  | { page: "admin" }
  | { page: "ledger-import" }
  | { page: "not-found" };

/** Matches a pathname to a route; task ids contain a slash (`chengdu-2015/12`). */
export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/") return { page: "home" };
  if (path === "/sign-in") return { page: "sign-in" };
  if (path === "/my") return { page: "my-tasks" };
  if (path === "/plans") return { page: "plans" };
  if (path === "/dashboard") return { page: "dashboard" };
  if (path === "/search") return { page: "search" };
  if (path === "/themes") return { page: "themes" };
  if (path === "/admin") return { page: "admin" };
  if (path === "/ledger/import") return { page: "ledger-import" };
  const plan = /^\/plans\/([a-z0-9-]+)$/.exec(path);
  if (plan?.[1]) return { page: "plan", planId: plan[1] };
  const task = /^\/tasks\/([a-z0-9-]+)\/([1-9][0-9]*)$/.exec(path);
  if (task?.[1] && task[2]) return { page: "task", taskId: `${task[1]}/${task[2]}` };
  return { page: "not-found" };
}

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
};
