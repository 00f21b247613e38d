import { THEMES, type ThemeId } from "@taizhang/core";
import { useEffect, useState, type FormEvent } from "react";
import { useOp } from "../api/queries.js";
import { useI18n } from "../i18n/i18n.js";
import { useLocation, useNavigate } from "react-router";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { AsyncView } from "../ui/async-view.js";
import { Highlighted } from "./highlighted.js";

const PAGE_SIZE = 20;

/** The search state lives in the URL (q, plan, theme, page), so a search can be bookmarked and shared. */
export function readSearchParams(search: string): { q: string; plan: string; theme: string; page: number } {
  const params = new URLSearchParams(search);
  const page = Number(params.get("page") ?? "1");
  return { q: params.get("q") ?? "", plan: params.get("plan") ?? "", theme: params.get("theme") ?? "", page: Number.isInteger(page) && page > 0 ? page : 1 };
}

/** Search across every plan (core's search through the API), filtered by plan and theme, with highlighted snippets. */
export function SearchPage() {
  const { m, lang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const current = readSearchParams(location.search);
  const [draft, setDraft] = useState(current.q);
  useEffect(() => setDraft(current.q), [current.q]);
  const plans = useOp("listPlans");
  const asked = current.q.trim() !== "";
  const results = useOp(
    "search",
    { query: { q: current.q, ...(current.plan ? { planId: current.plan } : {}), ...(current.theme ? { theme: current.theme as ThemeId } : {}), limit: PAGE_SIZE, offset: (current.page - 1) * PAGE_SIZE } },
    { enabled: asked },
  );
  // A theme (or plan) without words, as the themes matrix links: that theme's tasks, in plan order.
  const browsing = !asked && (current.theme !== "" || current.plan !== "");
  const browsed = useOp(
    "listTasks",
    { query: { ...(current.plan ? { planId: current.plan } : {}), ...(current.theme ? { theme: current.theme as ThemeId } : {}), limit: 500 } },
    { enabled: browsing },
  );
  const go = (next: Partial<typeof current>) => navigate(paths.search({ ...current, ...next }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ q: draft.trim(), page: 1 });
  };
  const themeName = (t: (typeof THEMES)[number]) => (lang === "en" ? t.en : t.zh);
  return (
    <section className="search-page">
      <h1>{m.search.title}</h1>
      <form role="search" onSubmit={submit} className="search-form">
        <label htmlFor="search-q">{m.search.label}</label>
        <input id="search-q" type="search" value={draft} placeholder={m.search.placeholder} onChange={(e) => setDraft(e.target.value)} aria-describedby="search-help" maxLength={200} />
        <label htmlFor="search-plan">{m.search.plan}</label>
        <select id="search-plan" value={current.plan} onChange={(e) => go({ plan: e.target.value, page: 1 })}>
          <option value="">{m.search.any}</option>
          {plans.status === "success" && plans.data.items.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </select>
        <label htmlFor="search-theme">{m.search.theme}</label>
        <select id="search-theme" value={current.theme} onChange={(e) => go({ theme: e.target.value, page: 1 })}>
          <option value="">{m.search.any}</option>
          {THEMES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.parent ? "　" : ""}
              {themeName(t)}
            </option>
          ))}
        </select>
        <button type="submit">{m.search.submit}</button>
      </form>
      <p id="search-help" className="muted">
        {m.search.help}
      </p>
      {browsing && (
        <AsyncView query={browsed}>
          {(page) => (
            <>
              <p role="status">{m.search.results(page.total)}</p>
              {page.total === 0 ? (
                <p className="muted">{m.search.none}</p>
              ) : (
                <ol className="search-results" aria-label={m.search.resultsLabel}>
                  {page.items.map((task) => (
                    <li key={task.id}>
                      <Link href={paths.task(task.id)} className="search-hit-title">
                        <span className="task-number">{task.ordinal}</span> {task.title}
                      </Link>
                      <div className="muted">{task.id}</div>
                    </li>
                  ))}
                </ol>
              )}
              {page.nextCursor !== null && <p className="muted">{m.search.moreTasks(page.items.length, page.total)}</p>}
            </>
          )}
        </AsyncView>
      )}
      {asked && (
      <AsyncView query={results}>
        {(page) =>
          (
            <>
              <p role="status">
                {m.search.results(page.total)}
                {page.hits.length > 0 && ` · ${m.search.range(page.offset + 1, page.offset + page.hits.length)}`}
              </p>
              {page.total === 0 ? (
                <p className="muted">{m.search.none}</p>
              ) : (
                <ol className="search-results" start={page.offset + 1} aria-label={m.search.resultsLabel}>
                  {page.hits.map((hit) => {
                    const title = hit.snippets.find((s) => s.field === "title");
                    return (
                      <li key={hit.taskId}>
                        <Link href={paths.task(hit.taskId)} className="search-hit-title">
                          <span className="task-number">{hit.task.ordinal}</span> {title ? <Highlighted snippet={title} /> : hit.task.title}
                        </Link>
                        <div className="muted">
                          {m.search.inPlan(hit.task.planTitle)} · {hit.taskId}
                        </div>
                        {hit.snippets
                          .filter((s) => s.field !== "title")
                          .map((s, i) => (
                            <p key={i} className="snippet">
                              <Highlighted snippet={s} />
                            </p>
                          ))}
                      </li>
                    );
                  })}
                </ol>
              )}
              {page.total > PAGE_SIZE && (
                <nav aria-label={m.search.title} className="pager">
                  <button type="button" disabled={current.page <= 1} onClick={() => go({ page: current.page - 1 })}>
                    {m.search.prev}
                  </button>
                  <button type="button" disabled={page.offset + page.hits.length >= page.total} onClick={() => go({ page: current.page + 1 })}>
                    {m.search.next}
                  </button>
                </nav>
              )}
            </>
          )
        }
      </AsyncView>
      )}
    </section>
  );
}
