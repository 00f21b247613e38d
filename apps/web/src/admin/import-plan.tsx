import { JURISDICTION_LEVELS, jurisdictionKey, type JurisdictionLevel } from "@taizhang/core";
import { useId, useState, type ChangeEvent } from "react";
import { TaizhangApiError } from "@taizhang/client";
import { routes } from "@taizhang/contract";
import { useQueryClient } from "@tanstack/react-query";
import { problemText } from "../i18n/problem-text.js";
import { invalidateAfter } from "../api/queries.js";
import type { Jurisdiction, PlanHeading } from "@taizhang/core";
import type { ImportResult } from "@taizhang/contract";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { correctionsOf, ImportCorrectionsTable, invalidDates, type CorrectionDrafts } from "./import-corrections.js";

/** What an admin sets or confirms on an import: the id and the jurisdiction. */
type ImportChoice = { id?: string; jurisdiction?: Jurisdiction };

/** Old against new, when a stored plan of the same id differs: the second, explicit step before replacing it. */
interface Different {
  existing: PlanHeading;
  incoming: PlanHeading;
  differs: ReadonlyArray<"title" | "documentNumber" | "jurisdiction">;
}

type Stage =
  | { step: "edit" }
  | { step: "busy" }
  | { step: "preview"; result: ImportResult }
  | { step: "confirm-different"; result: ImportResult; different: Different }
  | { step: "saved"; result: ImportResult }
  | { step: "error"; message: string };

/** The id and jurisdiction as the form edits them. */
interface ChoiceFields {
  id: string;
  name: string;
  level: JurisdictionLevel;
  parent: string;
}

function fieldsOf(result: ImportResult): ChoiceFields {
  const j = result.plan.jurisdiction;
  return { id: result.plan.id, name: j.name, level: j.level, parent: j.parent ?? "" };
}

function choiceOf(fields: ChoiceFields): ImportChoice {
  return { id: fields.id.trim(), jurisdiction: { name: fields.name.trim(), level: fields.level, parent: fields.parent.trim() || null } };
}

/**
 * Admin: import a plan's text or file. The preview shows what was found, the id and the jurisdiction it would be stored
 * under (both editable: preview again after a change), its units and deadlines to correct before saving; replacing a
 * stored plan whose title or 文号 differ takes a second, explicit step that shows both.
 */
export function ImportPlan({ onImported }: { onImported?: () => void }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const { m } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState("plan.txt");
  const [stage, setStage] = useState<Stage>({ step: "edit" });
  const [replace, setReplace] = useState(false);
  // The id and jurisdiction of the last preview, as the admin may have edited them; dirty until previewed again.
  const [choice, setChoice] = useState<{ fields: ChoiceFields; dirty: boolean } | null>(null);
  const [checked, setChecked] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [drafts, setDrafts] = useState<CorrectionDrafts>({});

  const run = async (dryRun: boolean, replaceDifferent = false) => {
    const current = stage.step === "preview" || stage.step === "confirm-different" ? stage.result : null;
    const corrections = !dryRun && current !== null ? correctionsOf(current.plan, drafts) : undefined;
    setStage({ step: "busy" });
    if (dryRun) setDrafts({});
    // A first preview asks the importer; later ones and the save send what the admin set or confirmed.
    const sent = choice && (choice.dirty || !dryRun) ? choiceOf(choice.fields) : undefined;
    const how = { dryRun, replace, replaceDifferent, ...(sent ? { choice: sent } : {}), ...(corrections ? { corrections } : {}) };
    try {
      const query = { dryRun, ...(replace ? { replace: true } : {}), ...(replaceDifferent ? { replaceDifferent: true } : {}) };
      let result: ImportResult;
      if (file !== null) {
        // A file is read by the server from its content (.docx, .pdf, .html, .xlsx, .doc or text).
        const form = new FormData();
        form.set("file", file, file.name);
        if (how.corrections) form.set("corrections", JSON.stringify(how.corrections));
        if (how.choice?.id) form.set("id", how.choice.id);
        if (how.choice?.jurisdiction) form.set("jurisdiction", JSON.stringify(how.choice.jurisdiction));
        result = await api.call(routes.importPlan, { query }, { raw: { body: form } });
      } else {
        // The server applies the corrections (units per task, deadlines) before it stores the plan.
        const json = { text, sourceName: fileName, ...how.choice, ...(how.corrections ? { corrections: how.corrections } : {}) };
        result = await api.op.importPlan({ query, json });
      }
      if (result.stored) await invalidateAfter(queryClient, "import");
      if (dryRun) {
        setChoice({ fields: fieldsOf(result), dirty: false });
        setChecked(false);
        setStage({ step: "preview", result });
      } else {
        setStage({ step: "saved", result });
        onImported?.();
      }
    } catch (error) {
      const problem = error instanceof TaizhangApiError ? error.problem : null;
      if (current && problem?.type.endsWith("/plan-differs") && problem.existing && problem.incoming) {
        setStage({ step: "confirm-different", result: current, different: { existing: problem.existing, incoming: problem.incoming, differs: problem.differs ?? [] } });
        return;
      }
      setStage({ step: "error", message: problemText(m, error) });
    }
  };

  const save = () => {
    if (stage.step !== "preview") return;
    const { result } = stage;
    // Replacing another plan under the same id: show both first, and replace only on the second, explicit click.
    if (replace && result.existing && result.differs.length > 0) {
      setStage({ step: "confirm-different", result, different: { existing: result.existing, incoming: result.plan, differs: result.differs } });
      return;
    }
    void run(false);
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    // Every kind of file goes to the server as it is (Word, PDF, a web page, a table): the server reads it.
    setFileName(chosen.name);
    setFile(chosen);
    setStage({ step: "edit" });
    setChoice(null);
  };

  const result = stage.step === "preview" || stage.step === "saved" || stage.step === "confirm-different" ? stage.result : null;
  const unsure = stage.step === "preview" && !stage.result.jurisdictionConfirmed;
  const canSave = stage.step === "preview" && choice !== null && !choice.dirty && (!unsure || checked);
  return (
    <section>
      <h2>{m.admin.importTitle}</h2>
      <p className="muted">{m.admin.importIntro}</p>
      <div className="stack">
        <label htmlFor={`${id}-text`}>{m.admin.importText}</label>
        <textarea
          id={`${id}-text`}
          rows={10}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setStage({ step: "edit" });
          }}
        />
        <label htmlFor={`${id}-file`}>{m.admin.importFile}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".txt,.docx,.doc,.wps,.pdf,.html,.htm,.xlsx,text/plain,text/html,application/pdf"
          onChange={(e) => void onFile(e)}
        />
        {file && (
          <p className="muted small">
            {m.admin.fileChosen(file.name)}{" "}
            <button
              type="button"
              onClick={() => {
                setFile(null);
                setStage({ step: "edit" });
              }}
            >
              {m.admin.clearFile}
            </button>
          </p>
        )}
        <label htmlFor={`${id}-name`}>{m.admin.importFileName}</label>
        <input id={`${id}-name`} value={fileName} onChange={(e) => setFileName(e.target.value)} />
        <label>
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {m.admin.replace}
        </label>
        {choice && stage.step !== "saved" && (
          <ChoiceForm
            fields={choice.fields}
            onChange={(fields) => setChoice({ fields, dirty: true })}
          />
        )}
        {choice?.dirty && stage.step === "preview" && (
          <p role="status" className="notice">
            {m.admin.choiceChanged}
          </p>
        )}
        {unsure && (
          <div role="alert" className="notice error">
            <p>{m.admin.unsureJurisdiction}</p>
            <label>
              <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} /> {m.admin.confirmJurisdiction}
            </label>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={() => void run(true)} disabled={(file === null && text.trim() === "") || stage.step === "busy"}>
            {stage.step === "busy" ? m.admin.previewing : m.admin.preview}
          </button>
          <button type="button" className="primary" onClick={save} disabled={!canSave || invalidDates(drafts).length > 0}>
            {m.admin.save}
          </button>
        </div>
      </div>
      {stage.step === "error" && (
        <p role="alert" className="notice error">
          {m.app.error(stage.message)}
        </p>
      )}
      {stage.step === "confirm-different" && (
        <ConfirmDifferent
          different={stage.different}
          onConfirm={() => void run(false, true)}
          onCancel={() => setStage({ step: "preview", result: stage.result })}
        />
      )}
      {stage.step === "saved" && (
        <p role="status" className="notice ok">
          {m.admin.imported(stage.result.plan.title)} — <Link href={paths.plan(stage.result.plan.id)}>{stage.result.plan.title}</Link>
        </p>
      )}
      {result && <ImportPreview result={result} />}
      {stage.step === "preview" && <ImportCorrectionsTable plan={stage.result.plan} drafts={drafts} onChange={setDrafts} />}
    </section>
  );
}

/** The id and jurisdiction the plan would be stored under, for the admin to confirm or change. */
function ChoiceForm({ fields, onChange }: { fields: ChoiceFields; onChange: (fields: ChoiceFields) => void }) {
  const { m } = useI18n();
  const id = useId();
  return (
    <fieldset className="card">
      <legend>
        {m.admin.planId} · {m.admin.jurisdiction}
      </legend>
      <p className="muted small">{m.admin.choiceIntro}</p>
      <label htmlFor={`${id}-id`}>{m.admin.planId}</label>
      <input id={`${id}-id`} value={fields.id} onChange={(e) => onChange({ ...fields, id: e.target.value })} />
      <label htmlFor={`${id}-jname`}>{m.admin.jurisdictionName}</label>
      <input id={`${id}-jname`} value={fields.name} onChange={(e) => onChange({ ...fields, name: e.target.value })} />
      <label htmlFor={`${id}-jlevel`}>{m.admin.jurisdictionLevel}</label>
      <select id={`${id}-jlevel`} value={fields.level} onChange={(e) => onChange({ ...fields, level: e.target.value as JurisdictionLevel })}>
        {JURISDICTION_LEVELS.map((level) => (
          <option key={level} value={level}>
            {m.admin.levels[level]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-jparent`}>{m.admin.jurisdictionParent}</label>
      <input id={`${id}-jparent`} value={fields.parent} onChange={(e) => onChange({ ...fields, parent: e.target.value })} />
    </fieldset>
  );
}

function headingRows(m: ReturnType<typeof useI18n>["m"], p: PlanHeading): Array<[string, string]> {
  return [
    [m.admin.planId, p.id],
    [m.admin.fieldTitle, p.title],
    [m.admin.fieldDocumentNumber, p.documentNumber ?? m.admin.none],
    [m.admin.fieldIssuer, p.issuer ?? m.admin.none],
    [m.admin.jurisdiction, jurisdictionKey(p.jurisdiction)],
  ];
}

/** Old against new, side by side. */
function Comparison({ existing, incoming }: { existing: PlanHeading; incoming: PlanHeading }) {
  const { m } = useI18n();
  const old = headingRows(m, existing);
  const now = headingRows(m, incoming);
  return (
    <div className="table-wrap">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{m.admin.compareField}</th>
            <th scope="col">{m.admin.compareOld}</th>
            <th scope="col">{m.admin.compareNew}</th>
          </tr>
        </thead>
        <tbody>
          {old.map(([label, value], i) => (
            <tr key={label} className={value === now[i]?.[1] ? undefined : "differs"}>
              <th scope="row">{label}</th>
              <td>{value}</td>
              <td>{now[i]?.[1]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConfirmDifferent({ different, onConfirm, onCancel }: { different: Different; onConfirm: () => void; onCancel: () => void }) {
  const { m } = useI18n();
  return (
    <div role="alertdialog" aria-label={m.admin.differentTitle} className="notice error">
      <h3>{m.admin.differentTitle}</h3>
      <p>{m.admin.differentIntro}</p>
      <Comparison existing={different.existing} incoming={different.incoming} />
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {m.admin.cancel}
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {m.admin.confirmReplaceDifferent}
        </button>
      </div>
    </div>
  );
}

function ImportPreview({ result }: { result: ImportResult }) {
  // While previewing, the editable table lists the tasks; once saved, this list shows what was stored.
  const { m } = useI18n();
  const { plan, warnings } = result;
  return (
    <div className="preview" aria-live="polite">
      <h3>{plan.title}</h3>
      <dl className="fields">
        <dt>{m.admin.planId}</dt>
        <dd>
          <code>{plan.id}</code>
        </dd>
        <dt>{m.admin.jurisdiction}</dt>
        <dd>
          {jurisdictionKey(plan.jurisdiction)} ({m.admin.levels[plan.jurisdiction.level]})
        </dd>
        <dt>{m.admin.fieldDocumentNumber}</dt>
        <dd>{plan.documentNumber ?? m.admin.none}</dd>
      </dl>
      <p>
        {m.admin.found(
          plan.tasks.length,
          plan.tasks.reduce((n, t) => n + t.milestones.length, 0),
          plan.tasks.reduce((n, t) => n + t.targets.length, 0),
          plan.units.length,
        )}
      </p>
      {result.existing && (
        <>
          <h4>{m.admin.existingTitle}</h4>
          {result.differs.length === 0 ? <p>{m.admin.existingSame}</p> : <Comparison existing={result.existing} incoming={plan} />}
        </>
      )}
      {plan.units.length > 0 && (
        <>
          <h4>{m.admin.unitsTitle}</h4>
          <ul className="inline-list">
            {plan.units.map((u) => (
              <li key={u.id}>
                <code>{u.id}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>{m.admin.warnings}</h4>
      {warnings.length === 0 ? (
        <p>{m.admin.noWarnings}</p>
      ) : (
        <ul className="warnings">
          {warnings.map((w, i) => (
            <li key={i}>
              <code>{w.code}</code> {w.line !== null && <span className="muted">({m.admin.line(w.line)})</span>} {w.message}
              {w.excerpt && <q className="small">{w.excerpt}</q>}
            </li>
          ))}
        </ul>
      )}
      {result.stored && (
      <ol className="preview-tasks">
        {plan.tasks.map((t) => (
          <li key={t.id}>
            <strong>{t.title}</strong> <span className="muted small">{t.milestones.map((ms) => ms.phrase).join("、")}</span>
          </li>
        ))}
      </ol>
      )}
    </div>
  );
}
