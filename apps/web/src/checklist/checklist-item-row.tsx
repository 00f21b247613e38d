import { itemAttainment, type ProgressPatch, type ProgressStatus, type Target, type Task } from "@taizhang/core";
import { isStatus } from "../api/api-error.js";
import { ProblemMessage } from "../ui/problem-message.js";
import { memo, useCallback, useRef, useState } from "react";
import type { Progress } from "@taizhang/core";
import { useApp } from "../app-context.js";
import type { ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { DeadlineBadge, StatusBadge } from "../ui/badges.js";
import { STATUSES, isProgressStatus } from "../ui/status.js";
import { ConflictPanel } from "./conflict-panel.js";
import { ProgressEditor } from "./progress-editor.js";
import { EvidenceList, NoteText, personText } from "./progress-view.js";
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
  const { api } = useApp();
  const { state, save, redo, undo, dismiss } = useProgressSave(row, onSaved);
  const { item, progress } = row;
  const label = item.label;
  const overdue = row.deadline.overdue;
  const busy = state.status === "saving";
  // What a tick replaced, so an untick puts it back (进行中 60 % stays 60 %, not 100 %).
  const beforeTick = useRef<{ status: ProgressStatus; percent: number } | null>(null);
  // A status chosen in the closed select (ArrowDown passes through options): saved only when confirmed.
  const [pendingStatus, setPendingStatus] = useState<ProgressStatus | null>(null);
  const statusSelect = useRef<HTMLSelectElement>(null);
  const doneBox = useRef<HTMLInputElement>(null);

  const quickSave = (patch: ProgressPatch) => {
    void save(patch);
  };

  /** The status and percent before the change that made this row 已完成: remembered from the tick, else read from its history. */
  const beforeDone = async (): Promise<{ status: ProgressStatus; percent: number }> => {
    if (beforeTick.current) return beforeTick.current;
    try {
      const page = await api.op.listHistory({ query: { itemId: item.id, unitId: row.unitId, limit: 50 } });
      const entry = page.items.find((h) => h.after.status === "done" && h.before.status !== "done");
      if (entry) return { status: entry.before.status, percent: entry.before.percent };
    } catch (error) {
      console.error("history unavailable; unticking to 进行中", error);
    }
    return { status: "in_progress", percent: 0 };
  };

  const onTick = async (checked: boolean) => {
    if (busy) return;
    if (checked) {
      beforeTick.current = { status: progress.status, percent: progress.percent };
      quickSave({ status: "done", percent: 100 });
      return;
    }
    const previous = await beforeDone();
    beforeTick.current = null;
    quickSave(previous.status === "done" ? { status: "in_progress", percent: 0 } : previous);
  };

  const confirmStatus = () => {
    if (pendingStatus === null || busy) return;
    const status = pendingStatus;
    setPendingStatus(null);
    if (status !== progress.status) quickSave({ status });
    statusSelect.current?.focus();
  };
  const cancelStatus = () => {
    setPendingStatus(null);
    statusSelect.current?.focus();
  };
  const attainment = targets.length > 0 ? itemAttainment(targets, progress.measuredValue) : "unknown";
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
            ref={doneBox}
            type="checkbox"
            aria-label={m.item.markDone(label)}
            checked={progress.status === "done"}
            // Never disabled while saving: a disabled control drops the focus to <body>; aria-disabled says it is busy.
            disabled={!editable}
            aria-disabled={busy || undefined}
            onChange={(e) => void onTick(e.target.checked)}
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
              {attainment !== "unknown" && (
                <>
                  {" "}
                  <span className={`badge attainment ${attainment}`}>{m.attainment[attainment]}</span>
                </>
              )}
            </span>
          )}
        </p>
        {progress.responsiblePerson && (
          <p className="item-person">
            <span className="muted">{m.item.responsiblePerson}:</span> {personText(progress.responsiblePerson)}
          </p>
        )}
        {progress.note && <NoteText className="item-note" note={progress.note} />}
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
              ref={statusSelect}
              aria-label={m.app.pair(m.item.status, label)}
              value={pendingStatus ?? progress.status}
              aria-disabled={busy || undefined}
              onChange={(e) => !busy && isProgressStatus(e.target.value) && setPendingStatus(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && pendingStatus !== null) {
                  e.preventDefault();
                  confirmStatus();
                } else if (e.key === "Escape" && pendingStatus !== null) {
                  e.preventDefault();
                  cancelStatus();
                }
              }}
            >
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {m.status[s]}
                </option>
              ))}
            </select>
          </label>
        )}
        {editable && pendingStatus !== null && (
          <span className="status-confirm">
            <button type="button" className="primary" onClick={confirmStatus} aria-label={m.rowUndo.confirmStatusLabel(m.status[pendingStatus], label)}>
              {m.rowUndo.confirmStatus}
            </button>
            <button type="button" onClick={cancelStatus}>
              {m.item.cancel}
            </button>
          </span>
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
          {state.status === "saving" ? m.item.saving : state.status === "saved" ? `✓ ${state.undone ? m.rowUndo.undone : m.item.saved}` : ""}
        </span>
        {editable && state.status === "saved" && state.undo && (
          <button type="button" className="small undo" onClick={() => {
              // The button goes once the undo is saved: the focus goes to the tick box, not to <body>.
              doneBox.current?.focus();
              void undo();
            }} aria-label={m.rowUndo.undoLabel(label)}>
            {m.rowUndo.undo}
          </button>
        )}
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
          {/* Another unit's item is the one refusal worth its own words; a 401 (signed out) offers signing in again. */}
          {isStatus(state.error, 403) ? m.item.forbidden : <ProblemMessage error={state.error} />}
        </p>
      )}
    </div>
  );
});
