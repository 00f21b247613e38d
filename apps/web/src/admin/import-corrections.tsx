import type { ImportCorrections, Plan, TaskCorrection } from "@taizhang/core";
import { useI18n } from "../i18n/i18n.js";

/** What the admin typed for one task: unit names and due dates, as text. */
export interface TaskDraft {
  lead: string;
  responsible: string;
  deadlines: string;
}
export type CorrectionDrafts = Readonly<Record<number, TaskDraft>>;

const LIST = /[、,，;；\s]+/u;
const ISO_DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/u;

const split = (text: string): string[] => text.split(LIST).map((s) => s.trim()).filter((s) => s !== "");

/** A task's fields as the import read them: unit names joined by 、, due dates. */
export function draftOf(plan: Plan, number: number): TaskDraft {
  const task = plan.tasks.find((t) => t.number === number);
  const name = (id: string) => plan.units.find((u) => u.id === id)?.name ?? id;
  return {
    lead: (task?.lead ?? []).map(name).join("、"),
    responsible: (task?.responsible ?? []).map(name).join("、"),
    deadlines: (task?.milestones ?? []).map((m) => m.due).join("、"),
  };
}

/** Entries of the deadlines field that are not dates (YYYY-MM-DD), for the form's error. */
export function invalidDates(drafts: CorrectionDrafts): string[] {
  return Object.values(drafts).flatMap((d) => split(d.deadlines).filter((s) => !ISO_DATE.test(s)));
}

/**
 * The corrections the drafts make: only the fields that differ from the
 * import. A deadline that keeps an imported due date keeps that milestone's
 * phrase (so its clause and rule are kept too).
 */
export function correctionsOf(plan: Plan, drafts: CorrectionDrafts): ImportCorrections | undefined {
  const tasks: TaskCorrection[] = [];
  for (const [key, draft] of Object.entries(drafts)) {
    const number = Number(key);
    const task = plan.tasks.find((t) => t.number === number);
    if (task === undefined) continue;
    const original = draftOf(plan, number);
    const correction: TaskCorrection = { number };
    if (split(draft.lead).join("、") !== split(original.lead).join("、")) correction.lead = split(draft.lead);
    if (split(draft.responsible).join("、") !== split(original.responsible).join("、")) correction.responsible = split(draft.responsible);
    if (split(draft.deadlines).join("、") !== split(original.deadlines).join("、")) {
      const unused = [...task.milestones];
      correction.milestones = split(draft.deadlines).map((due) => {
        const kept = unused.findIndex((m) => m.due === due);
        const milestone = kept >= 0 ? unused.splice(kept, 1)[0] : undefined;
        return milestone === undefined ? { due } : { due, phrase: milestone.phrase };
      });
    }
    if (Object.keys(correction).length > 1) tasks.push(correction);
  }
  return tasks.length === 0 ? undefined : { tasks };
}

/**
 * The import preview's task list, editable: each task's lead and responsible
 * units and its deadlines, as the import read them, for the admin to correct
 * before storing. The corrections go to the server with the plan.
 */
export function ImportCorrectionsTable({ plan, drafts, onChange }: { plan: Plan; drafts: CorrectionDrafts; onChange: (drafts: CorrectionDrafts) => void }) {
  const { m } = useI18n();
  const bad = invalidDates(drafts);
  const set = (number: number, field: keyof TaskDraft, value: string) => {
    onChange({ ...drafts, [number]: { ...(drafts[number] ?? draftOf(plan, number)), [field]: value } });
  };
  return (
    <div className="import-corrections">
      <h4>{m.admin.correctTitle}</h4>
      <p className="muted small">{m.admin.correctIntro}</p>
      {bad.length > 0 && (
        <p role="alert" className="notice error">
          {m.admin.invalidDates(bad.join("、"))}
        </p>
      )}
      <table className="preview-tasks">
        <thead>
          <tr>
            <th scope="col">{m.admin.correctNumber}</th>
            <th scope="col">{m.admin.correctTask}</th>
            <th scope="col">{m.admin.correctLead}</th>
            <th scope="col">{m.admin.correctResponsible}</th>
            <th scope="col">{m.admin.correctDeadlines}</th>
          </tr>
        </thead>
        <tbody>
          {plan.tasks.map((t) => {
            const draft = drafts[t.number] ?? draftOf(plan, t.number);
            return (
              <tr key={t.id}>
                <td>{t.number}</td>
                <th scope="row">
                  {t.title} <span className="muted small">{t.milestones.map((ms) => ms.phrase).join("、")}</span>
                </th>
                <td>
                  <input aria-label={m.admin.correctLeadOf(t.number)} value={draft.lead} onChange={(e) => set(t.number, "lead", e.target.value)} />
                </td>
                <td>
                  <input aria-label={m.admin.correctResponsibleOf(t.number)} value={draft.responsible} onChange={(e) => set(t.number, "responsible", e.target.value)} />
                </td>
                <td>
                  <input aria-label={m.admin.correctDeadlinesOf(t.number)} value={draft.deadlines} onChange={(e) => set(t.number, "deadlines", e.target.value)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
