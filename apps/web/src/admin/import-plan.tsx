import { useId, useState, type ChangeEvent } from "react";
import type { ImportResult } from "../api/types.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router/router.js";
import { paths } from "../router/routes.js";
import { correctionsOf, ImportCorrectionsTable, invalidDates, type CorrectionDrafts } from "./import-corrections.js";

type Stage = { step: "edit" } | { step: "busy" } | { step: "preview"; result: ImportResult } | { step: "saved"; result: ImportResult } | { step: "error"; message: string };

/**
 * Admin: import a plan's text or file, with a preview of what was found and its warnings, and the units and
 * deadlines to correct, before saving.
 */
export function ImportPlan({ onImported }: { onImported?: () => void }) {
  const { api } = useApp();
  const { m } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState("plan.txt");
  const [stage, setStage] = useState<Stage>({ step: "edit" });
  const [replace, setReplace] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [drafts, setDrafts] = useState<CorrectionDrafts>({});

  const run = async (dryRun: boolean) => {
    const previewed = stage.step === "preview" ? stage.result.plan : null;
    const corrections = !dryRun && previewed !== null ? correctionsOf(previewed, drafts) : undefined;
    setStage({ step: "busy" });
    if (dryRun) setDrafts({});
    try {
      const result =
        file !== null
          ? await api.import.planFile(file, { dryRun, replace, ...(corrections ? { corrections } : {}) })
          : await api.import.plan({ text, fileName, dryRun, replace, ...(corrections ? { corrections } : {}) });
      setStage(dryRun ? { step: "preview", result } : { step: "saved", result });
      if (!dryRun) onImported?.();
    } catch (error) {
      setStage({ step: "error", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    // Every kind of file goes to the server as it is (Word, PDF, a web page, a table): the server reads it.
    setFileName(chosen.name);
    setFile(chosen);
    setStage({ step: "edit" });
  };

  const result = stage.step === "preview" || stage.step === "saved" ? stage.result : null;
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
        <div className="actions">
          <button type="button" onClick={() => void run(true)} disabled={(file === null && text.trim() === "") || stage.step === "busy"}>
            {stage.step === "busy" ? m.admin.previewing : m.admin.preview}
          </button>
          <button type="button" className="primary" onClick={() => void run(false)} disabled={stage.step !== "preview" || invalidDates(drafts).length > 0}>
            {m.admin.save}
          </button>
        </div>
      </div>
      {stage.step === "error" && (
        <p role="alert" className="notice error">
          {m.app.error(stage.message)}
        </p>
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

function ImportPreview({ result }: { result: ImportResult }) {
  // While previewing, the editable table lists the tasks; once saved, this list shows what was stored.
  const { m } = useI18n();
  const { plan, warnings } = result;
  return (
    <div className="preview" aria-live="polite">
      <h3>{plan.title}</h3>
      <p>
        {m.admin.found(
          plan.tasks.length,
          plan.tasks.reduce((n, t) => n + t.milestones.length, 0),
          plan.tasks.reduce((n, t) => n + t.targets.length, 0),
          plan.units.length,
        )}
      </p>
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
