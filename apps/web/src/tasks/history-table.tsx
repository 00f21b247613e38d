import type { ProgressFields } from "@taizhang/core";
import type { HistoryEntry } from "@taizhang/core";
import { personText } from "../checklist/progress-view.js";
import { unitName } from "../ui/unit-name.js";
import { useI18n } from "../i18n/i18n.js";
import type { Messages } from "../i18n/messages-zh.js";

function describe(m: Messages, key: keyof ProgressFields, value: ProgressFields[keyof ProgressFields]): string {
  if (key === "status" && typeof value === "string") return m.status[value as ProgressFields["status"]];
  if (key === "percent") return `${String(value)}%`;
  if (key === "evidence" && Array.isArray(value)) return value.map((e) => e.description).join("、") || "—";
  if (key === "measuredValue") return value && typeof value === "object" && "value" in value ? `${value.value}${value.unit}` : "—";
  if (key === "responsiblePerson") return value && typeof value === "object" && "name" in value ? personText(value) : "—";
  return typeof value === "string" && value !== "" ? value : "—";
}

const LABELS = (m: Messages): Record<keyof ProgressFields, string> => ({
  status: m.item.status,
  percent: m.item.percent,
  note: m.item.note,
  evidence: m.item.evidence,
  measuredValue: m.item.measured,
  responsiblePerson: m.item.responsiblePerson,
});

/** What changed in one history entry, field by field. */
export function changes(m: Messages, entry: HistoryEntry): string[] {
  const labels = LABELS(m);
  return (Object.keys(labels) as Array<keyof ProgressFields>)
    .filter((k) => JSON.stringify(entry.before[k]) !== JSON.stringify(entry.after[k]))
    .map((k) => m.app.pair(labels[k], m.task.historyChange(describe(m, k, entry.before[k]), describe(m, k, entry.after[k]))));
}

/** The audit trail of a task's items, newest first. */
export function HistoryTable({ entries, labels }: { entries: readonly HistoryEntry[]; labels: ReadonlyMap<string, string> }) {
  const { m, formatDateTime } = useI18n();
  if (entries.length === 0) return <p className="muted">{m.task.noHistory}</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{m.task.historyAt}</th>
            <th scope="col">{m.plans.ledgerTask}</th>
            <th scope="col">{m.my.pickUnit}</th>
            <th scope="col">{m.task.historyBy}</th>
            <th scope="col">{m.task.historyWhat}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </td>
              <td>{labels.get(e.itemId) ?? e.itemId}</td>
              <td>{unitName(e.unitId)}</td>
              <td>{e.actor}</td>
              <td>
                <ul className="plain">
                  {changes(m, e).map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
                {e.note && <p className="small muted">{e.note}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
