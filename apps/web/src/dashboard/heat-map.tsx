import type { RouteOutput, Routes } from "@taizhang/contract";
import { useI18n } from "../i18n/i18n.js";

type ReportRow = RouteOutput<Routes["progressReport"]>["rows"][number];

const CELL_W = 110;
const CELL_H = 28;
const LABEL_W = 200;
const HEAD_H = 48;

/** 0..4: the shade of a completion percentage (the number is printed in the cell too). */
export function shade(percent: number): number {
  return Math.min(4, Math.floor(percent / 25));
}

/** Units (rows) × plans (columns), each cell the API's completion percentage. */
export function HeatMap({ columns, title }: { columns: ReadonlyArray<{ key: string; label: string; rows: readonly ReportRow[] }>; title: string }) {
  const { m } = useI18n();
  const units = new Map<string, string>();
  for (const c of columns) for (const r of c.rows) if (r.rollup.total > 0) units.set(r.key, r.label);
  if (units.size === 0) return <p className="muted">{m.dashboard.noData}</p>;
  const unitKeys = [...units.keys()];
  const width = LABEL_W + columns.length * CELL_W;
  const height = HEAD_H + unitKeys.length * CELL_H;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} className="heat" preserveAspectRatio="xMinYMin meet">
        {columns.map((c, j) => (
          <text key={c.key} x={LABEL_W + j * CELL_W + CELL_W / 2} y={HEAD_H - 10} textAnchor="middle" className="label">
            {c.label.length > 8 ? `${c.label.slice(0, 7)}…` : c.label}
          </text>
        ))}
        {unitKeys.map((u, i) => (
          <g key={u}>
            <text x={LABEL_W - 8} y={HEAD_H + i * CELL_H + CELL_H / 2} textAnchor="end" dominantBaseline="middle" className="label">
              {units.get(u)}
            </text>
            {columns.map((c, j) => {
              const row = c.rows.find((r) => r.key === u);
              const x = LABEL_W + j * CELL_W;
              const y = HEAD_H + i * CELL_H;
              if (!row || row.rollup.total === 0)
                return <rect key={c.key} x={x + 1} y={y + 1} width={CELL_W - 2} height={CELL_H - 2} className="cell empty" />;
              return (
                <g key={c.key}>
                  <title>{m.dashboard.chartSummary(`${units.get(u) ?? u} · ${c.label}`, row.rollup.percentComplete, row.rollup.overdue, row.rollup.total)}</title>
                  <rect x={x + 1} y={y + 1} width={CELL_W - 2} height={CELL_H - 2} className={`cell shade-${shade(row.rollup.percentComplete)}`} />
                  <text x={x + CELL_W / 2} y={y + CELL_H / 2} textAnchor="middle" dominantBaseline="middle" className={`cell-text shade-text-${shade(row.rollup.percentComplete)}`}>
                    {row.rollup.percentComplete}%{row.rollup.overdue > 0 ? ` ⚠${row.rollup.overdue}` : ""}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
