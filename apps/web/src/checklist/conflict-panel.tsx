import type { ProgressPatch } from "@taizhang/core";
import type { Progress } from "@taizhang/core";
import { useI18n } from "../i18n/i18n.js";
import { ProgressFieldsView } from "./progress-view.js";

/** Shown when a save was refused as stale: the newer state, the unsaved change, and the choice. */
export function ConflictPanel({ current, patch, onRedo, onDiscard, busy }: { current: Progress; patch: ProgressPatch; onRedo: () => void; onDiscard: () => void; busy: boolean }) {
  const { m, formatDateTime } = useI18n();
  return (
    <section className="conflict" role="alert" aria-label={m.conflict.title}>
      <h4>
        <span aria-hidden="true">⚠ </span>
        {m.conflict.title}
      </h4>
      <p>{m.conflict.explain}</p>
      <div className="conflict-columns">
        <div>
          <h5>{m.conflict.theirs}</h5>
          <p className="muted small">
            {current.updatedBy && current.updatedAt ? m.item.updated(current.updatedBy, formatDateTime(current.updatedAt)) : null} ·{" "}
            {m.item.version(current.version)}
          </p>
          <ProgressFieldsView fields={current} />
        </div>
        <div>
          <h5>{m.conflict.yours}</h5>
          <ProgressFieldsView fields={patch} />
        </div>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onRedo} disabled={busy}>
          {m.conflict.redo}
        </button>
        <button type="button" onClick={onDiscard} disabled={busy}>
          {m.conflict.discard}
        </button>
      </div>
    </section>
  );
}
