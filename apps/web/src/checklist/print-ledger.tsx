import { deadlineText } from "../ui/badges.js";
import { useI18n } from "../i18n/i18n.js";
import type { DisplayRow } from "./group-rows.js";
import { personText } from "./progress-view.js";

/** 序号, 任务, 角色, 时限, 状态, 完成%, 进展说明, 责任人, 佐证材料. */
const COLUMNS = 9;

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
          <th scope="col">{m.item.responsiblePerson}</th>
          <th scope="col">{m.item.evidence}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          if (r.kind === "plan")
            return (
              <tr key={r.key} className="group plan">
                <th colSpan={COLUMNS} scope="rowgroup">
                  {r.title}
                </th>
              </tr>
            );
          if (r.kind === "section")
            return (
              <tr key={r.key} className="group section">
                <th colSpan={COLUMNS} scope="rowgroup">
                  {r.title}
                </th>
              </tr>
            );
          if (r.kind === "task")
            return (
              <tr key={r.key} className="group task">
                <td>{r.number}</td>
                <th colSpan={COLUMNS - 1} scope="row">
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
              <td className="pre">{progress.note}</td>
              <td>{progress.responsiblePerson ? personText(progress.responsiblePerson) : ""}</td>
              <td>
                {progress.evidence.map((e, i) => (
                  // On paper a link cannot be followed: its address is printed after the description.
                  <div key={i}>
                    {e.description}
                    {e.url && <small className="evidence-url"> {e.url}</small>}
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
