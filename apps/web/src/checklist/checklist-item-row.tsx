import type { ProgressPatch, Target, Task } from "@taizhang/core";
import { memo, useCallback, useRef, useState } from "react";
import type { Progress } from "@taizhang/core";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { DeadlineBadge, StatusBadge } from "../ui/badges.js";
import { STATUSES, isProgressStatus } from "../ui/status.js";
import { ConflictPanel } from "./conflict-panel.js";
import { ProgressEditor } from "./progress-editor.js";
import { EvidenceList, personText } from "./progress-view.js";
import { useProgressSave } from "./use-progress-save.js";

export interface ChecklistItemRowProps {
  row: ChecklistRow;
  /** The item's targets as printed in its task (empty until the task is known); see `itemTargets`. */
  targets: readonly Target[];
  selected: boolean;
  /** False for readers who may not change this unit's items. */
  editable: boolean;
  /** Absent where lines cannot be selected for a bulk change. */
  onSelect?: (key: string, selected: boolean) => void;
  /** A save (or a conflict) brought this progress; settles once the views show the API's fresh state. */
  onProgress: (row: ChecklistRow, progress: Progress) => Promise<void>;
  rowKey: string;
  /** False on the task's own page. */
  showTaskLink?: boolean;
}

const NO_TARGETS: readonly Target[] = [];

/** The targets an item measures, from its task; the same empty array when there are none, so memoised lines stay put. */
export function itemTargets(item: ChecklistRow["item"], task: Task | undefined): readonly Target[] {
  if (!task || item.targetIndexes.length === 0) return NO_TARGETS;
  const found = item.targetIndexes.flatMap((i) => task.targets.filter((t) => t.index === i));
  return found.length > 0 ? found : NO_TARGETS;
}

/** One (item, unit) line of 我的任务, with its quick controls and inline editor. */
export const ChecklistItemRow = memo(function ChecklistItemRow({ row, targets, selected, editable, onSelect, onProgress, rowKey, showTaskLink = true }: ChecklistItemRowProps) {
  const { m, formatDate } = useI18n();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  // Closing the editor hands focus back to the button that opened it.
  const closeEditor = () => {
    setEditing(false);
    editButton.current?.focus();
  };
  const onSaved = useCallback((progress: Progress) => onProgress(row, progress), [onProgress, row]);
  const { state, save, redo, dismiss } = useProgressSave(row, onSaved);
  const { item, progress } = row;
  const label = item.label;
  const overdue = row.deadline.overdue;
  const busy = state.status === "saving";

  const quickSave = (patch: ProgressPatch) => {
    void save(patch);
  };
  const editorSave = async (patch: ProgressPatch) => {
    if (await save(patch)) closeEditor();
  };
  const onRedo = async () => {
    if (await redo()) closeEditor();
  };

  return (
    <div className={`item-row${overdue ? " overdue" : ""}${selected ? " selected" : ""}`} role="group" aria-label={label} data-item={item.id} data-unit={row.unitId}>
      <div className="item-controls">
        {onSelect && (
          <label className="toggle">
            <input type="checkbox" aria-label={m.item.select(label)} checked={selected} onChange={(e) => onSelect(rowKey, e.target.checked)} disabled={!editable} />
            <span aria-hidden="true">{m.item.selectShort}</span>
          </label>
        )}
        <label className="toggle">
          <input
            type="checkbox"
            aria-label={m.item.markDone(label)}
            checked={progress.status === "done"}
            disabled={!editable || busy}
            onChange={(e) => quickSave(e.target.checked ? { status: "done", percent: 100 } : { status: "in_progress" })}
          />
          <span aria-hidden="true">{m.item.done}</span>
        </label>
      </div>
      <div className="item-main">
        <p className="item-title">
          <span className={`role-badge role-${row.role}`} title={m.unitRoleLong[row.role]}>
            {m.unitRole[row.role]}
          </span>{" "}
          <span className="item-kind">{item.milestoneIndex !== null ? m.item.milestone(item.milestoneIndex) : m.item.wholeTask}</span>
          {/* The whole-task item's label is the task title, already in the heading above it. */}
          {item.milestoneIndex !== null && <span className="item-label"> {label}</span>}
        </p>
        <p className="item-meta">
          <span>
            {m.item.due} <time dateTime={item.due}>{formatDate(item.due)}</time>
          </span>{" "}
          {/* A closed item needs no deadline badge: its status says it. */}
          {row.deadline.state !== "closed" && <DeadlineBadge deadline={row.deadline} />} <StatusBadge status={progress.status} />{" "}
          <span className="percent" aria-label={`${m.item.percent} ${progress.percent}%`}>
            <span className="bar" aria-hidden="true">
              <span style={{ width: `${progress.percent}%` }} />
            </span>
            {progress.percent}%
          </span>
          {targets.length > 0 && (
            <span className="measured">
              {m.item.target}: {targets.map((t) => t.phrase).join("；")} · {m.item.measured}:{" "}
              {progress.measuredValue ? `${progress.measuredValue.value}${progress.measuredValue.unit}` : "—"}
            </span>
          )}
        </p>
        {progress.responsiblePerson && (
          <p className="item-person">
            <span className="muted">{m.item.responsiblePerson}:</span> {personText(progress.responsiblePerson)}
          </p>
        )}
        {progress.note && <p className="item-note">{progress.note}</p>}
        {progress.evidence.length > 0 && (
          <div className="item-evidence">
            <span className="muted">{m.item.evidence}:</span> <EvidenceList evidence={progress.evidence} of={progress} />
          </div>
        )}
      </div>
      <div className="item-actions">
        {editable && (
          <label className="visually-hidden-label">
            <span className="visually-hidden">{m.item.status}</span>
            <select
              aria-label={m.app.pair(m.item.status, label)}
              value={progress.status}
              disabled={busy}
              onChange={(e) => isProgressStatus(e.target.value) && quickSave({ status: e.target.value })}
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {m.status[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        {editable && (
          <button ref={editButton} type="button" onClick={() => (editing ? closeEditor() : setEditing(true))} aria-label={m.item.editLabel(label)} aria-expanded={editing}>
            {m.item.edit}
          </button>
        )}
        {showTaskLink && (
          <Link href={paths.task(item.taskId)} className="small">
            {m.item.openTask}
          </Link>
        )}
        <span role="status" className="save-state">
          {state.status === "saving" ? m.item.saving : state.status === "saved" ? `✓ ${m.item.saved}` : ""}
        </span>
      </div>
      {editing && state.status !== "conflict" && (
        <ProgressEditor progress={progress} targets={targets} label={label} busy={busy} onSave={(p) => void editorSave(p)} onCancel={closeEditor} />
      )}
      {state.status === "conflict" && (
        <ConflictPanel
          current={state.current}
          patch={state.patch}
          busy={false}
          onRedo={() => void onRedo()}
          onDiscard={() => {
            dismiss();
            closeEditor();
          }}
        />
      )}
      {state.status === "error" && (
        <p role="alert" className="notice error">
          {state.code === "forbidden" ? m.item.forbidden : state.code === "invalid" ? m.item.invalid(state.message) : m.app.error(state.message)}
        </p>
      )}
    </div>
  );
});
