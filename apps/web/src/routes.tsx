import type { RouteObject } from "react-router";
import { App, HomePage, NotFoundPage, PlanRoute, TaskRoute } from "./app.js";
import { MyTasksPage } from "./checklist/my-tasks-page.js";
import { LedgerImportPage } from "./exports/ledger-import-page.js";
import { AdminPage, DashboardPage, SearchPage, ThemesPage, TokensPage } from "./lazy-pages.js";
import { PlansPage } from "./plans/plans-page.js";
import { SignInPage } from "./session/sign-in-page.js";

/**
 * Every page of the app, for React Router's data router (boot.tsx; tests use
 * the same table). The URLs are those of `paths`; pages other than the
 * checklist and the plan list load as their own chunks (lazy-pages.ts).
 */
export const routes: RouteObject[] = [
  {
    element: <App />,
    children: [
      { path: "/", element: <HomePage /> },
      { path: "/sign-in", element: <SignInPage /> },
      { path: "/my", element: <MyTasksPage /> },
      { path: "/plans", element: <PlansPage /> },
      { path: "/plans/:planId", element: <PlanRoute /> },
      { path: "/tasks/:planId/:number", element: <TaskRoute /> },
      { path: "/dashboard", element: <DashboardPage /> },
      { path: "/search", element: <SearchPage /> },
      { path: "/themes", element: <ThemesPage /> },
      { path: "/admin", element: <AdminPage /> },
      { path: "/admin/tokens", element: <TokensPage /> },
      { path: "/ledger/import", element: <LedgerImportPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
