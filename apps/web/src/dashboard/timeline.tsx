import { chinaDate } from "@taizhang/core";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { unitName } from "../ui/unit-name.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";

const W = 760;
const H = 150;
const PAD = 30;

/** Month buckets ("YYYY-MM") from the first to the last date, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/**
 * Missed and upcoming deadlines from the API's deadline report, counted by
 * month on one time axis, with a marker for today; lists follow the chart.
 */
export function Timeline({ overdue, dueSoon, asOf, title }: { overdue: readonly ChecklistRow[]; dueSoon: readonly ChecklistRow[]; asOf: Date; title: string }) {
  const { m, formatDate } = useI18n();
  const today = chinaDate(asOf);
  const all = [...overdue, ...dueSoon];
  if (all.length === 0) return <p className="muted">{m.dashboard.none}</p>;
  const dues = all.map((r) => r.item.due).sort();
  const first = dues[0] ?? today;
  const last = dues[dues.length - 1] ?? today;
  const months = monthsBetween(first < today ? first : today, last > today ? last : today);
  const count = (rows: readonly ChecklistRow[], month: string) => rows.filter((r) => r.item.due.startsWith(month)).length;
  const max = Math.max(1, ...months.map((mo) => count(overdue, mo) + count(dueSoon, mo)));
  const step = (W - 2 * PAD) / months.length;
  const barH = (n: number) => (n / max) * (H - 2 * PAD);
  const todayIndex = months.indexOf(today.slice(0, 7));
  const todayX = PAD + (todayIndex + (Number(today.slice(8, 10)) - 1) / 31) * step;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title} className="timeline">
        <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} className="axis" />
        {months.map((mo, i) => {
          const o = count(overdue, mo);
          const s = count(dueSoon, mo);
          const x = PAD + i * step;
          return (
            <g key={mo}>
              {(o > 0 || s > 0) && <title>{`${mo}: ${m.dashboard.overdueList} ${o}, ${m.dashboard.dueSoonList} ${s}`}</title>}
              <rect x={x + 1} y={H - PAD - barH(o)} width={Math.max(1, step - 2)} height={barH(o)} className="seg-overdue" />
              <rect x={x + 1} y={H - PAD - barH(o) - barH(s)} width={Math.max(1, step - 2)} height={barH(s)} className="seg-due-soon" />
              {(mo.endsWith("-01") || (i === 0 && months.length < 12)) && (
                <text x={x} y={H - PAD + 16} className="label small-text">
                  {mo.endsWith("-01") ? mo.slice(0, 4) : mo}
                </text>
              )}
            </g>
          );
        })}
        <line x1={todayX} x2={todayX} y1={PAD - 10} y2={H - PAD} className="today" />
        <text x={todayX > W / 2 ? todayX - 4 : todayX + 4} y={PAD - 12} textAnchor={todayX > W / 2 ? "end" : "start"} className="label small-text">
          {m.dashboard.today} {formatDate(today)}
        </text>
      </svg>
      <figcaption>
        <ul className="legend">
          <li>
            <span className="swatch seg-overdue" aria-hidden="true" /> ⚠ {m.dashboard.overdueList} ({overdue.length})
          </li>
          <li>
            <span className="swatch seg-due-soon" aria-hidden="true" /> ◷ {m.dashboard.dueSoonList} ({dueSoon.length})
          </li>
        </ul>
      </figcaption>
      <div className="deadline-lists">
        <DeadlineList title={`⚠ ${m.dashboard.overdueList}`} rows={overdue} />
        <DeadlineList title={`◷ ${m.dashboard.dueSoonList}`} rows={dueSoon} />
      </div>
    </figure>
  );
}

function DeadlineList({ title, rows }: { title: string; rows: readonly ChecklistRow[] }) {
  const { m, formatDate } = useI18n();
  const shown = [...rows].sort((a, b) => a.item.due.localeCompare(b.item.due)).slice(0, 30);
  return (
    <section>
      <h3>
        {title} ({rows.length})
      </h3>
      {shown.length === 0 ? (
        <p className="muted">{m.dashboard.none}</p>
      ) : (
        <ol className="plain deadline-list">
          {shown.map((r) => {
            const left = r.deadline.daysLeft;
            return (
              <li key={`${r.item.id}|${r.unitId}`}>
                <time dateTime={r.item.due}>{formatDate(r.item.due)}</time> <span className="muted">({left < 0 ? m.days.overdue(-left) : m.days.left(left)})</span>{" "}
                <Link href={paths.task(r.item.taskId)}>{r.taskTitle}</Link> · {unitName(r.unitId)}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
