import { lazy } from "react";

// Pages other than the checklist and the plan list load as their own chunks,
// so opening 我的任务 evaluates only the script it needs (docs/benchmarks.md).
// Each chunk's loader is kept so a link can start it on hover or focus (ui/link.tsx).
export const pageChunks = {
  admin: () => import("./admin/admin-page.js"),
  tokens: () => import("./admin/tokens-page.js"),
  dashboard: () => import("./dashboard/dashboard-page.js"),
  plan: () => import("./plans/plan-page.js"),
  search: () => import("./search/search-page.js"),
  task: () => import("./tasks/task-page.js"),
  themes: () => import("./themes/themes-page.js"),
};

export const AdminPage = lazy(() => pageChunks.admin().then((m) => ({ default: m.AdminPage })));
export const TokensPage = lazy(() => pageChunks.tokens().then((m) => ({ default: m.TokensPage })));
export const DashboardPage = lazy(() => pageChunks.dashboard().then((m) => ({ default: m.DashboardPage })));
export const PlanPage = lazy(() => pageChunks.plan().then((m) => ({ default: m.PlanPage })));
export const SearchPage = lazy(() => pageChunks.search().then((m) => ({ default: m.SearchPage })));
export const TaskPage = lazy(() => pageChunks.task().then((m) => ({ default: m.TaskPage })));
export const ThemesPage = lazy(() => pageChunks.themes().then((m) => ({ default: m.ThemesPage })));
