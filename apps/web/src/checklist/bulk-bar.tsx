import type { ProgressStatus } from "@taizhang/core";
import { useId, useState } from "react";
import { useI18n } from "../i18n/i18n.js";
import { STATUSES, isProgressStatus } from "../ui/status.js";

/** Changes the status of every selected item at once. */
export function BulkBar({ count, busy, onApply, onClear }: { count: number; busy: boolean; onApply: (status: ProgressStatus) => void; onClear: () => void }) {
  const { m } = useI18n();
  const id = useId();
  const [status, setStatus] = useState<ProgressStatus>("done");
  if (count === 0) return null;
  return (
    <div className="bulk-bar no-print" role="region" aria-label={m.bulk.setStatus}>
      <strong>{m.bulk.selected(count)}</strong>
      <label htmlFor={`${id}-status`}>{m.bulk.setStatus}</label>
      <select id={`${id}-status`} value={status} onChange={(e) => isProgressStatus(e.target.value) && setStatus(e.target.value)}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {m.status[s]}
          </option>
        ))}
      </select>
      <button type="button" className="primary" disabled={busy} onClick={() => onApply(status)}>
        {m.bulk.apply}
      </button>
      <button type="button" onClick={onClear} disabled={busy}>
        {m.bulk.clear}
      </button>
    </div>
  );
}
