import { Suspense, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { Outlet, useLocation, useNavigate, useParams } from "react-router";
import { useApp } from "./app-context.js";
import { MyTasksPage } from "./checklist/my-tasks-page.js";
import { useI18n } from "./i18n/i18n.js";
import { PlanPage, TaskPage } from "./lazy-pages.js";
import { PLAN_ID, TASK_NUMBER, paths } from "./paths.js";
import { PlansPage } from "./plans/plans-page.js";
import type { Messages } from "./i18n/messages-zh.js";
import { Link } from "./ui/link.js";
import { usePageTitle } from "./ui/page-title.js";
import { unitName } from "./ui/unit-name.js";

/** The home page: an office's own checklist, the plan list for everyone else. */
export function HomePage(): ReactNode {
  const { session } = useApp();
  if (session.status === "signed-in" && session.info.role === "office") return <MyTasksPage />;
  return <PlansPage />;
}

export function NotFoundPage(): ReactNode {
  const { m } = useI18n();
  usePageTitle(m.app.notFound);
  return (
    <section>
      <h1>{m.app.notFound}</h1>
      <Link href={paths.home()}>{m.app.backHome}</Link>
    </section>
  );
}

/** /plans/:planId, for a plan id of the URL's shape. */
export function PlanRoute(): ReactNode {
  const { planId = "" } = useParams();
  return PLAN_ID.test(planId) ? <PlanPage planId={planId} /> : <NotFoundPage />;
}

/** /tasks/:planId/:number (task ids contain a slash: `chengdu-2015/12`). */
export function TaskRoute(): ReactNode {
  const { planId = "", number = "" } = useParams();
  return PLAN_ID.test(planId) && TASK_NUMBER.test(number) ? <TaskPage taskId={`${planId}/${number}`} /> : <NotFoundPage />;
}

/** The search box of the header: Enter opens the search page with the query in the URL. */
function HeaderSearch() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  return (
    <form
      role="search"
      className="header-search"
      onSubmit={(event) => {
        event.preventDefault();
        if (q.trim()) navigate(paths.search({ q: q.trim() }));
      }}
    >
      <label htmlFor="header-q" className="visually-hidden">
        {m.search.label}
      </label>
      <input id="header-q" type="search" value={q} placeholder={m.search.placeholder} maxLength={200} onChange={(e) => setQ(e.target.value)} />
      <button type="submit">{m.search.submit}</button>
    </form>
  );
}

/** Which entry of the navigation a path belongs to. */
function section(pathname: string): string {
  const path = pathname.replace(/\/+$/, "") || "/";
  if (path === "/my") return "my-tasks";
  if (path === "/plans" || path.startsWith("/plans/")) return "plans";
  return path.slice(1);
}

/** The tab's title of a navigation section, until its page names itself (ui/page-title.ts). */
function sectionTitle(m: Messages, page: string): string {
  const titles: Record<string, string> = {
    "my-tasks": m.my.title,
    plans: m.plans.title,
    dashboard: m.dashboard.title,
    themes: m.themes.title,
    search: m.search.title,
    admin: m.admin.title,
    "admin/tokens": m.tokens.title,
    "sign-in": m.signIn.title,
    "ledger/import": m.ledgerImport.title,
  };
  const title = titles[page];
  return title ? m.app.documentTitle(title) : m.app.homeTitle;
}

/** The shell: header, navigation, language switch, session, and the current page (the router's outlet). */
export function App() {
  const { session, signOut } = useApp();
  const { m, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const page = section(location.pathname);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // Move focus to the new page's content so keyboard and screen-reader users land there.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  // Before the pages' own effects (a layout effect runs first), so a page that knows its title has the last word.
  useLayoutEffect(() => {
    document.title = sectionTitle(m, page);
  }, [m, page]);

  const current = (name: string) => (page === name || page.startsWith(`${name}/`) ? "page" : undefined);
  const who = session.status === "signed-in" ? (session.info.unitId ? unitName(session.info.unitId) : `${m.role[session.info.role]} ${session.info.name}`) : null;

  return (
    <>
      <a href="#main" className="skip-link">
        {m.app.skipToContent}
      </a>
      <header className="app-header no-print">
        <Link href={paths.home()} className="brand">
          <span className="brand-mark" aria-hidden="true">
            台
          </span>{" "}
          {m.app.name}
          <span className="tagline">{m.app.tagline}</span>
        </Link>
        <nav aria-label={m.nav.main}>
          <ul>
            <li>
              <Link href={paths.myTasks()} aria-current={current("my-tasks")}>
                {m.nav.myTasks}
              </Link>
            </li>
            <li>
              <Link href={paths.plans()} aria-current={current("plans")}>
                {m.nav.plans}
              </Link>
            </li>
            <li>
              <Link href={paths.dashboard()} aria-current={current("dashboard")}>
                {m.nav.dashboard}
              </Link>
            </li>
            <li>
              <Link href={paths.themes()} aria-current={current("themes")}>
                {m.nav.themes}
              </Link>
            </li>
            {session.status === "signed-in" && session.info.role === "admin" && (
              <li>
                <Link href={paths.admin()} aria-current={current("admin")}>
                  {m.nav.admin}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        {page !== "search" && <HeaderSearch />}
        <div className="header-tools">
          <button type="button" lang={lang === "en" ? "zh-CN" : "en"} aria-label={m.app.switchLanguageLabel} onClick={() => setLang(lang === "en" ? "zh-CN" : "en")}>
            {m.app.switchLanguage}
          </button>
          {who !== null ? (
            <>
              <span className="who" title={m.nav.signedInAs(who)}>
                <span className="visually-hidden">{m.nav.signedInAs("")}</span>
                {who}
              </span>
              <button
                type="button"
                onClick={() => {
                  signOut().then(
                    () => navigate(paths.plans()),
                    (error: unknown) => console.error("sign-out failed", error),
                  );
                }}
              >
                {m.nav.signOut}
              </button>
            </>
          ) : (
            session.status === "signed-out" && (
              <Link href={paths.signIn(location.pathname === "/sign-in" ? undefined : location.pathname + location.search)} className="button">
                {m.nav.signIn}
              </Link>
            )
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<p role="status">{m.app.loading}</p>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
