import type { ProgressPatch, Target } from "@taizhang/core";
import type { Progress } from "@taizhang/core";
import { useId, useState } from "react";
import { useI18n } from "../i18n/i18n.js";
import { StatusBadge } from "../ui/badges.js";
import { evidenceFileHref } from "./evidence-upload.js";

/** A target as printed in the plan, e.g. 出庭应诉率不低于90%. */
export function TargetText({ target }: { target: Target }) {
  return <span className="target">{target.phrase}</span>;
}

/** The fields of a progress state, or of a change to it, as a definition list. */
export function ProgressFieldsView({ fields }: { fields: ProgressPatch | Progress }) {
  const { m } = useI18n();
  return (
    <dl className="fields">
      {fields.status !== undefined && (
        <>
          <dt>{m.item.status}</dt>
          <dd>
            <StatusBadge status={fields.status} />
          </dd>
        </>
      )}
      {fields.percent !== undefined && (
        <>
          <dt>{m.item.percent}</dt>
          <dd>{fields.percent}%</dd>
        </>
      )}
      {fields.note !== undefined && (
        <>
          <dt>{m.item.note}</dt>
          <dd className="pre">{fields.note || "—"}</dd>
        </>
      )}
      {fields.evidence !== undefined && (
        <>
          <dt>{m.item.evidence}</dt>
          <dd>
            <EvidenceList evidence={fields.evidence} />
          </dd>
        </>
      )}
      {fields.responsiblePerson !== undefined && (
        <>
          <dt>{m.item.responsiblePerson}</dt>
          <dd>{fields.responsiblePerson ? personText(fields.responsiblePerson) : "—"}</dd>
        </>
      )}
      {fields.measuredValue !== undefined && (
        <>
          <dt>{m.item.measured}</dt>
          <dd>{fields.measuredValue ? `${fields.measuredValue.value}${fields.measuredValue.unit}` : "—"}</dd>
        </>
      )}
    </dl>
  );
}

/** How much of a long note shows while it is folded, and how many lines. */
export const NOTE_FOLD_CHARS = 200;
const NOTE_FOLD_LINES = 4;

/** The first part of a note worth folding (longer than NOTE_FOLD_CHARS or NOTE_FOLD_LINES lines); null for a short one. */
export function foldedNote(note: string): string | null {
  const lines = note.split("\n");
  if (note.length <= NOTE_FOLD_CHARS && lines.length <= NOTE_FOLD_LINES) return null;
  const head = lines.slice(0, NOTE_FOLD_LINES).join("\n");
  return `${head.length > NOTE_FOLD_CHARS ? head.slice(0, NOTE_FOLD_CHARS) : head}…`;
}

/** A progress note; a long one folded to its start with 展开 / 收起 (printing shows it whole: print-ledger.tsx). */
export function NoteText({ note, className }: { note: string; className?: string }) {
  const { m } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const folded = foldedNote(note);
  if (folded === null) return <p className={className}>{note}</p>;
  return (
    <div className={className}>
      <p id={id} className="note-text">
        {open ? note : folded}
      </p>
      <button type="button" className="link-button no-print" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? m.item.noteFold : m.item.noteUnfold(note.length)}
      </button>
    </div>
  );
}

/** 张伟（法规科科长，028-61881234） */
export function personText(person: NonNullable<Progress["responsiblePerson"]>): string {
  const extra = [person.post, person.contact].filter(Boolean).join("，");
  return extra ? `${person.name}（${extra}）` : person.name;
}

/** The evidence as links: to its page, or to its uploaded file (served by the row it belongs to, `of`). */
export function EvidenceList({ evidence, of }: { evidence: Progress["evidence"]; of?: { itemId: string; unitId: string } }) {
  if (evidence.length === 0) return <>—</>;
  return (
    <ul className="evidence">
      {evidence.map((e, i) => (
        <li key={i}>
          {e.file && of ? (
            <a href={evidenceFileHref(of.itemId, of.unitId, e.file)} target="_blank" rel="noreferrer noopener" title={e.file.name}>
              {e.description}
            </a>
          ) : e.url ? (
            <a href={e.url} target="_blank" rel="noreferrer noopener">
              {e.description}
            </a>
          ) : (
            e.description
          )}
        </li>
      ))}
    </ul>
  );
}
