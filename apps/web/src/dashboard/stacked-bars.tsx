import type { ProgressStatus } from "@taizhang/core";
import type { RouteOutput, Routes } from "@taizhang/contract";
import { useI18n } from "../i18n/i18n.js";
import { STATUSES, STATUS_ICONS } from "../ui/status.js";

type ReportRow = RouteOutput<Routes["progressReport"]>["rows"][number];

const ROW_H = 34;
const LABEL_W = 220;
const BAR_W = 420;
const TEXT_W = 150;

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/**
 * Horizontal bars split by status, with the API's completion percentage and
 * overdue count written beside each bar (colour is not the only signal).
 */
export function StackedBars({ rows, title }: { rows: readonly ReportRow[]; title: string }) {
  const { m } = useI18n();
  if (rows.length === 0) return <p className="muted">{m.dashboard.noData}</p>;
  const width = LABEL_W + BAR_W + TEXT_W;
  const height = rows.length * ROW_H + 8;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="bars" preserveAspectRatio="xMinYMin meet">
        {rows.map((row, i) => {
          const y = i * ROW_H + 4;
          let x = LABEL_W;
          const total = row.rollup.total || 1;
          return (
            <g key={row.key}>
              <title>{m.dashboard.chartSummary(row.label, row.rollup.percentComplete, row.rollup.overdue, row.rollup.total)}</title>
              <text x={LABEL_W - 8} y={y + ROW_H / 2} textAnchor="end" dominantBaseline="middle" className="label">
                {truncate(row.label, 16)}
              </text>
              {STATUSES.map((s: ProgressStatus) => {
                const w = (row.rollup.byStatus[s] / total) * BAR_W;
                const rect = <rect key={s} x={x} y={y + 4} width={w} height={ROW_H - 12} className={`seg seg-${s}`} />;
                x += w;
                return rect;
              })}
              {row.rollup.total === 0 ? (
                // No rows is not 0 % done: say why the bar is empty.
                <text x={LABEL_W + 8} y={y + ROW_H / 2} dominantBaseline="middle" className="value muted">
                  {m.dashboard.noRows}
                </text>
              ) : (
                <text x={LABEL_W + BAR_W + 8} y={y + ROW_H / 2} dominantBaseline="middle" className="value">
                  {row.rollup.percentComplete}%{row.rollup.overdue > 0 ? ` · ⚠${row.rollup.overdue}` : ""}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label={m.dashboard.legend}>
          {STATUSES.map((s) => (
            <li key={s}>
              <span className={`swatch seg-${s}`} aria-hidden="true" /> {STATUS_ICONS[s]} {m.status[s]}
            </li>
          ))}
          <li>⚠ {m.deadline.overdue}</li>
        </ul>
        <details>
          <summary>{title}</summary>
          <ReportTable rows={rows} />
        </details>
      </figcaption>
    </figure>
  );
}

/** The numbers behind a chart, as a table for screen readers and for copying. */
export function ReportTable({ rows }: { rows: readonly ReportRow[] }) {
  const { m } = useI18n();
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{m.plans.ledgerTask}</th>
            {STATUSES.map((s) => (
              <th key={s} scope="col">
                {m.status[s]}
              </th>
            ))}
            <th scope="col">{m.dashboard.percentComplete}</th>
            <th scope="col">{m.deadline.overdue}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {STATUSES.map((s) => (
                <td key={s}>{r.rollup.byStatus[s]}</td>
              ))}
              <td>{r.rollup.percentComplete}%</td>
              <td>{r.rollup.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
