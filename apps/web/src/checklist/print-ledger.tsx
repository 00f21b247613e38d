import { deadlineText } from "../ui/badges.js";
import { useI18n } from "../i18n/i18n.js";
import type { DisplayRow } from "./group-rows.js";

/** The whole of 我的任务 as one A4 ledger table, mounted only for printing. */
export function PrintLedger({ rows, title, subtitle }: { rows: readonly DisplayRow[]; title: string; subtitle: string }) {
  const { m, formatDate } = useI18n();
  return (
    <table className="ledger my print-only">
      <caption>
        {title}
        <small>{subtitle}</small>
      </caption>
      <thead>
        <tr>
          <th scope="col">{m.plans.ledgerNumber}</th>
          <th scope="col">{m.plans.ledgerTask}</th>
          <th scope="col">{m.filters.role}</th>
          <th scope="col">{m.plans.ledgerDue}</th>
          <th scope="col">{m.plans.ledgerStatus}</th>
          <th scope="col">{m.plans.ledgerPercent}</th>
          <th scope="col">{m.plans.ledgerNote}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          if (r.kind === "plan")
            return (
              <tr key={r.key} className="group plan">
                <th colSpan={7} scope="rowgroup">
                  {r.title}
                </th>
              </tr>
            );
          if (r.kind === "section")
            return (
              <tr key={r.key} className="group section">
                <th colSpan={7} scope="rowgroup">
                  {r.title}
                </th>
              </tr>
            );
          if (r.kind === "task")
            return (
              <tr key={r.key} className="group task">
                <td>{r.number}</td>
                <th colSpan={6} scope="row">
                  {r.title}
                </th>
              </tr>
            );
          const { item, progress } = r.row;
          const { deadline } = r.row;
          return (
            <tr key={r.key} className={deadline.overdue ? "overdue" : undefined}>
              <td />
              <td>{item.milestoneIndex !== null ? m.app.pair(m.item.milestone(item.milestoneIndex), item.label) : m.item.wholeTask}</td>
              <td>{m.unitRole[r.row.role]}</td>
              <td>
                {formatDate(item.due)}
                <br />
                <small>{deadlineText(m, deadline)}</small>
              </td>
              <td>{m.status[progress.status]}</td>
              <td>{progress.percent}</td>
              <td>{progress.note}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
