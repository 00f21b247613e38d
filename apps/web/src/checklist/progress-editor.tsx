import { PERCENT_RANGE_OF_STATUS, settleProgressChange, type Evidence, type EvidenceFile, type ProgressPatch, type ProgressStatus, type Target } from "@taizhang/core";
import { useId, useState, type FormEvent } from "react";
import { NOTE_MAX_LENGTH, type Progress } from "@taizhang/core";
import { useI18n } from "../i18n/i18n.js";
import { STATUSES, isProgressStatus } from "../ui/status.js";
import { EvidenceUpload, evidenceFileHref } from "./evidence-upload.js";

interface Draft {
  status: ProgressStatus;
  percent: string;
  note: string;
  evidence: Array<{ description: string; url: string; file?: EvidenceFile }>;
  measuredValue: string;
  measuredUnit: string;
  measuredAsOf: string;
  personName: string;
  personPost: string;
  personContact: string;
}

function draftOf(progress: Progress, targets: readonly Target[]): Draft {
  return {
    status: progress.status,
    percent: String(progress.percent),
    note: progress.note,
    evidence: progress.evidence.map((e) => ({ description: e.description, url: e.url ?? "", ...(e.file ? { file: e.file } : {}) })),
    measuredValue: progress.measuredValue ? String(progress.measuredValue.value) : "",
    measuredUnit: progress.measuredValue?.unit ?? targets[0]?.unit ?? "",
    measuredAsOf: progress.measuredValue?.asOf ?? "",
    personName: progress.responsiblePerson?.name ?? "",
    personPost: progress.responsiblePerson?.post ?? "",
    personContact: progress.responsiblePerson?.contact ?? "",
  };
}

/** The change from `progress` that the draft describes; only fields that differ. */
export function patchFromDraft(progress: Progress, draft: Draft, measures: boolean): ProgressPatch | { error: "percent" | "measured" | "inconsistent" } {
  const patch: ProgressPatch = {};
  if (draft.status !== progress.status) patch.status = draft.status;
  const percent = Number(draft.percent);
  if (!/^\d{1,3}$/.test(draft.percent.trim()) || percent > 100) return { error: "percent" };
  if (percent !== progress.percent) patch.percent = percent;
  // Core's one rule, before anything is sent: 未开始 0 %, 进行中 0–99 %, 已完成 100 %.
  // (A percent alone moves a status that cannot take it, as the API does: 40 % on 未开始 saves 进行中.)
  if (!settleProgressChange(progress, patch).ok) return { error: "inconsistent" };
  if (draft.note !== progress.note) patch.note = draft.note;
  const evidence: Evidence[] = draft.evidence
    .filter((e) => e.description.trim() !== "")
    .map((e) => ({ description: e.description.trim(), url: e.url.trim() === "" ? null : e.url.trim(), ...(e.file ? { file: e.file } : {}) }));
  if (JSON.stringify(evidence) !== JSON.stringify(progress.evidence)) patch.evidence = evidence;
  // 责任人: a name makes one; an empty name names no one (post and contact go with the name).
  const name = draft.personName.trim();
  const person: Progress["responsiblePerson"] =
    name === "" ? null : { name, post: draft.personPost.trim() === "" ? null : draft.personPost.trim(), contact: draft.personContact.trim() === "" ? null : draft.personContact.trim() };
  if (JSON.stringify(person) !== JSON.stringify(progress.responsiblePerson ?? null)) patch.responsiblePerson = person;
  if (measures) {
    const raw = draft.measuredValue.trim();
    let measured: Progress["measuredValue"] = null;
    if (raw !== "") {
      const value = Number(raw);
      if (!Number.isFinite(value)) return { error: "measured" };
      measured = { value, unit: draft.measuredUnit.trim(), asOf: draft.measuredAsOf.trim() === "" ? null : draft.measuredAsOf.trim() };
    }
    if (JSON.stringify(measured) !== JSON.stringify(progress.measuredValue)) patch.measuredValue = measured;
  }
  return patch;
}

/** The note's counter shows from here on: near the limit, where it helps, not for every short note. */
export const NOTE_COUNTER_FROM = Math.floor(NOTE_MAX_LENGTH * 0.9);

/** The inline form that changes one (item, unit): status, percent, note, evidence, measured value. */
export function ProgressEditor({
  progress,
  targets,
  label,
  busy,
  onSave,
  onCancel,
}: {
  progress: Progress;
  targets: readonly Target[];
  label: string;
  busy: boolean;
  onSave: (patch: ProgressPatch) => void;
  onCancel: () => void;
}) {
  const { m } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(progress, targets));
  const [invalid, setInvalid] = useState<string | null>(null);
  const measures = targets.length > 0;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // A status with one percent (未开始 0, 已完成 100) brings it into the form; 进行中 from 100 % waits for the office's percent.
  const chooseStatus = (status: ProgressStatus) => {
    const [min, max] = PERCENT_RANGE_OF_STATUS[status];
    setDraft((d) => ({ ...d, status, ...(min === max ? { percent: String(min) } : {}) }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = patchFromDraft(progress, draft, measures);
    if ("error" in result) {
      const [min, max] = PERCENT_RANGE_OF_STATUS[draft.status];
      setInvalid(
        result.error === "percent"
          ? m.item.invalid(m.item.percent)
          : result.error === "measured"
            ? m.progressRule.measuredNumber
            : m.progressRule.inconsistent(m.status[draft.status], min === max ? String(min) : `${min}–${max}`),
      );
      return;
    }
    setInvalid(null);
    if (Object.keys(result).length === 0) onCancel();
    else onSave(result);
  };

  return (
    <form className="editor" noValidate onSubmit={submit} aria-label={m.item.editLabel(label)} onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <div className="editor-grid">
        <label htmlFor={`${id}-status`}>{m.item.status}</label>
        <select id={`${id}-status`} autoFocus value={draft.status} onChange={(e) => isProgressStatus(e.target.value) && chooseStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {m.status[s]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-percent`}>{m.item.percent}</label>
        <input id={`${id}-percent`} type="number" inputMode="numeric" min={0} max={100} step={1} value={draft.percent} onChange={(e) => set("percent", e.target.value)} />
        <label htmlFor={`${id}-note`}>{m.item.note}</label>
        <div>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={NOTE_MAX_LENGTH}
            value={draft.note}
            aria-describedby={draft.note.length >= NOTE_COUNTER_FROM ? `${id}-note-count` : undefined}
            onChange={(e) => set("note", e.target.value)}
          />
          {draft.note.length >= NOTE_COUNTER_FROM && (
            <p id={`${id}-note-count`} className={`note-count small${draft.note.length >= NOTE_MAX_LENGTH ? " error" : " muted"}`}>
              {m.item.noteCount(draft.note.length, NOTE_MAX_LENGTH)} · {m.item.noteLeft(NOTE_MAX_LENGTH - draft.note.length)}
            </p>
          )}
        </div>
      </div>
      <fieldset className="person">
        <legend>{m.item.responsiblePerson}</legend>
        <label htmlFor={`${id}-person-name`}>{m.item.personName}</label>
        <input id={`${id}-person-name`} maxLength={50} value={draft.personName} onChange={(e) => set("personName", e.target.value)} />
        <label htmlFor={`${id}-person-post`}>{m.item.personPost}</label>
        <input id={`${id}-person-post`} maxLength={50} value={draft.personPost} onChange={(e) => set("personPost", e.target.value)} />
        <label htmlFor={`${id}-person-contact`}>{m.item.personContact}</label>
        <input id={`${id}-person-contact`} maxLength={100} value={draft.personContact} onChange={(e) => set("personContact", e.target.value)} />
      </fieldset>
      <fieldset>
        <legend>{m.item.evidence}</legend>
        {draft.evidence.map((e, i) => (
          <div className="evidence-row" key={i}>
            <label>
              {m.item.evidenceDescription}
              <input
                value={e.description}
                maxLength={500}
                onChange={(ev) => set("evidence", draft.evidence.map((x, j) => (j === i ? { ...x, description: ev.target.value } : x)))}
              />
            </label>
            {e.file ? (
              <span>
                {m.item.evidenceFile}:{" "}
                <a href={evidenceFileHref(progress.itemId, progress.unitId, e.file)} target="_blank" rel="noreferrer noopener">
                  {e.file.name}
                </a>
              </span>
            ) : (
              <label>
                {m.item.evidenceUrl}
                <input
                  type="url"
                  value={e.url}
                  onChange={(ev) => set("evidence", draft.evidence.map((x, j) => (j === i ? { ...x, url: ev.target.value } : x)))}
                />
              </label>
            )}
            <button type="button" onClick={() => set("evidence", draft.evidence.filter((_, j) => j !== i))}>
              {m.item.removeEvidence}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set("evidence", [...draft.evidence, { description: "", url: "" }])}>
          + {m.item.addEvidence}
        </button>
        <EvidenceUpload
          itemId={progress.itemId}
          unitId={progress.unitId}
          // An unsaved file's description starts as its name (without the extension), which the office may change.
          onUploaded={(file) => setDraft((d) => ({ ...d, evidence: [...d.evidence, { description: file.name.replace(/\.[^.]+$/, "") || file.name, url: "", file }] }))}
        />
      </fieldset>
      {measures && (
        <fieldset>
          <legend>
            {m.item.measured} ({m.item.target}: {targets.map((t) => t.phrase).join("；")})
          </legend>
          <div className="measured-row">
            <label>
              {m.item.measuredValue}
              <input inputMode="decimal" value={draft.measuredValue} onChange={(e) => set("measuredValue", e.target.value)} />
            </label>
            <label>
              {m.item.measuredUnit}
              <input value={draft.measuredUnit} maxLength={20} onChange={(e) => set("measuredUnit", e.target.value)} />
            </label>
            <label>
              {m.item.measuredAsOf}
              <input type="date" value={draft.measuredAsOf} onChange={(e) => set("measuredAsOf", e.target.value)} />
            </label>
          </div>
        </fieldset>
      )}
      {invalid && (
        <p role="alert" className="notice error">
          {invalid}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? m.item.saving : m.item.save}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {m.item.cancel}
        </button>
      </div>
    </form>
  );
}
