import { THEMES, type ThemeId } from "@taizhang/core";
import type { ThemeMatrix } from "@taizhang/contract";
import { useOp } from "../api/queries.js";
import { useI18n } from "../i18n/i18n.js";
import { AsyncView } from "../ui/async-view.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";

/** Themes × plans: how many tasks each plan has under each theme of the national outline, and how far they are done. */
export function ThemesPage() {
  const { m } = useI18n();
  const matrix = useOp("themeMatrix");
  return (
    <section className="themes-page">
      <h1>{m.themes.title}</h1>
      <p className="muted">{m.themes.intro}</p>
      <AsyncView query={matrix}>
        {(data) => <ThemeMatrixTable matrix={data} />}
      </AsyncView>
    </section>
  );
}

/** The matrix as a table: numbers in every cell (colour only adds a shade, never the only signal). */
export function ThemeMatrixTable({ matrix }: { matrix: ThemeMatrix }) {
  const { m, lang } = useI18n();
  const name = (id: ThemeId) => {
    const theme = THEMES.find((t) => t.id === id);
    return theme ? (lang === "en" ? theme.en : theme.zh) : id;
  };
  const max = Math.max(1, ...matrix.rows.flatMap((r) => r.cells.map((c) => c.count)));
  return (
    // Focusable, so a keyboard can scroll the table sideways at phone width (axe: scrollable-region-focusable).
    <div className="table-wrap" role="region" aria-label={m.themes.caption} tabIndex={0}>
      <table className="data theme-matrix">
        <caption>{m.themes.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.themes.theme}</th>
            {matrix.plans.map((p) => (
              <th scope="col" key={p.id}>
                {p.title}
              </th>
            ))}
            <th scope="col">{m.themes.total}</th>
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row, i) => {
            const sub = THEMES.find((t) => t.id === row.themeId)?.parent != null;
            const total = matrix.themeTotals[i];
            return (
              <tr key={row.themeId} className={sub ? "sub-theme" : undefined}>
                <th scope="row">{name(row.themeId)}</th>
                {row.cells.map((cell, j) => {
                  const rollup = matrix.completion[i]?.[j];
                  return (
                    <td key={matrix.planIds[j]} data-theme={row.themeId} data-plan={matrix.planIds[j]} style={{ background: cell.count > 0 ? `rgba(37, 99, 235, ${(0.08 + (0.4 * cell.count) / max).toFixed(2)})` : undefined }}>
                      {cell.count === 0 ? (
                        <span className="muted">{m.themes.noTasks}</span>
                      ) : (
                        <>
                          {/* The cell opens its tasks: the theme's tasks of this plan. */}
                          <Link href={paths.search({ theme: row.themeId, plan: matrix.planIds[j] as string })} aria-label={m.themes.cellLink(name(row.themeId), matrix.plans[j]?.title ?? "", cell.count)}>
                            {m.themes.tasks(cell.count)}
                          </Link>
                          {rollup && rollup.total > 0 && <div className="muted">{m.themes.complete(rollup.percentComplete)}</div>}
                        </>
                      )}
                    </td>
                  );
                })}
                <td>
                  {row.total > 0 ? <Link href={paths.search({ theme: row.themeId })}>{m.themes.tasks(row.total)}</Link> : m.themes.tasks(row.total)}
                  {total && total.total > 0 && <div className="muted">{m.themes.complete(total.percentComplete)}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
