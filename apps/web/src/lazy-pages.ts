import { lazy } from "react";

// Pages other than the checklist and the plan list load as their own chunks,
// so opening 我的任务 evaluates only the script it needs (docs/benchmarks.md).
export const AdminPage = lazy(() => import("./admin/admin-page.js").then((m) => ({ default: m.AdminPage })));
export const DashboardPage = lazy(() => import("./dashboard/dashboard-page.js").then((m) => ({ default: m.DashboardPage })));
export const PlanPage = lazy(() => import("./plans/plan-page.js").then((m) => ({ default: m.PlanPage })));
export const SearchPage = lazy(() => import("./search/search-page.js").then((m) => ({ default: m.SearchPage })));
export const TaskPage = lazy(() => import("./tasks/task-page.js").then((m) => ({ default: m.TaskPage })));
export const ThemesPage = lazy(() => import("./themes/themes-page.js").then((m) => ({ default: m.ThemesPage })));
