import { useId, useState, type ChangeEvent } from "react";
import type { LedgerImportResult } from "@taizhang/contract";
import { TaizhangApiError } from "@taizhang/client";
import { routes, XLSX_TYPE } from "@taizhang/contract";
import { useQueryClient } from "@tanstack/react-query";
import { problemText } from "../i18n/problem-text.js";
import { invalidateAfter } from "../api/queries.js";
import type { ApiClient } from "../api/client.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";

type LedgerFieldChange = LedgerImportResult["rows"][number]["changes"][number];

/**
 * Sends an edited ledger (.xlsx or CSV, as downloaded): a preview of what it changes, or with `apply` the changes
 * written. A refused apply (some rows refused, 409 import-rejected) answers with the rows and why, `applied: false`.
 */
async function sendLedger(api: ApiClient, file: File, how: { apply: boolean; skipRejected?: boolean }): Promise<LedgerImportResult> {
  const isCsv = /\.(csv|txt|tsv)$/i.test(file.name) || file.type.startsWith("text/");
  const query = { apply: how.apply, ...(how.skipRejected ? { skipRejected: true } : {}), fileName: file.name };
  try {
    return await api.call(routes.importLedger, { query }, { raw: { body: file, contentType: isCsv ? "text/csv" : XLSX_TYPE } });
  } catch (error) {
    if (error instanceof TaizhangApiError && error.status === 409 && error.problem.import) return error.problem.import;
    throw error;
  }
}

type Stage =
  | { step: "choose" }
  | { step: "busy" }
  | { step: "preview"; file: File; result: LedgerImportResult }
  | { step: "done"; result: LedgerImportResult }
  | { step: "error"; message: string };

/** A changed value as people read it. */
function ValueText({ change, value }: { change: LedgerFieldChange; value: unknown }) {
  const { m } = useI18n();
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) return <span className="muted">{m.ledgerImport.empty}</span>;
  switch (change.field) {
    case "status":
      return <>{m.status[value as keyof typeof m.status]}</>;
    case "percent":
      return <>{String(value)}%</>;
    case "evidence":
      return <>{m.ledgerImport.evidenceCount((value as unknown[]).length)}</>;
    case "measuredValue": {
      const v = value as { value: number; unit: string };
      return <>{`${v.value}${v.unit}`}</>;
    }
    case "responsiblePerson": {
      const p = value as { name: string; post: string | null; contact: string | null };
      const extra = [p.post, p.contact].filter(Boolean).join("，");
      return <>{extra ? `${p.name}（${extra}）` : p.name}</>;
    }
    default: {
      const text = String(value);
      return <span title={text}>{text.length > 60 ? `${text.slice(0, 59)}…` : text}</span>;
    }
  }
}

function Changes({ result }: { result: LedgerImportResult }) {
  const { m } = useI18n();
  const changed = result.rows.filter((r) => r.outcome === "change");
  const refused = result.rows.filter((r) => r.outcome === "rejected");
  return (
    <>
      {changed.length > 0 && (
        <>
          <h2>{m.ledgerImport.changes}</h2>
          <table className="data import-preview" data-testid="import-changes">
            <thead>
              <tr>
                <th scope="col">{m.ledgerImport.line}</th>
                <th scope="col">{m.ledgerImport.row}</th>
                <th scope="col">{m.ledgerImport.change}</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((row) => (
                <tr key={row.line}>
                  <td>{row.line}</td>
                  <td>{row.label}</td>
                  <td>
                    <ul className="plain">
                      {row.changes.map((c) => (
                        <li key={c.field}>
                          {m.ledgerImport.fields[c.field] ?? c.field}: <ValueText change={c} value={c.before} /> → <ValueText change={c} value={c.after} />
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {refused.length > 0 && (
        <>
          <h2>{m.ledgerImport.rejected}</h2>
          <table className="data import-preview" data-testid="import-rejected">
            <thead>
              <tr>
                <th scope="col">{m.ledgerImport.line}</th>
                <th scope="col">{m.ledgerImport.row}</th>
                <th scope="col">{m.ledgerImport.reason}</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((row) => (
                <tr key={row.line} className="rejected">
                  <td>{row.line}</td>
                  <td>{row.label ?? "—"}</td>
                  <td>
                    <strong>{(row.reason && m.ledgerImport.reasons[row.reason]) ?? row.reason}</strong>
                    {row.message ? <div className="muted">{row.message}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

/**
 * The way back of the ledger export: upload the filled-in .xlsx or CSV, see
 * what it would change row by row (and every refused row with its reason),
 * then write it, all or nothing — or the valid rows only, if chosen.
 */
export function LedgerImportPage() {
  const { api, session } = useApp();
  const queryClient = useQueryClient();
  const { m } = useI18n();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ step: "choose" });
  const [skipRejected, setSkipRejected] = useState(false);

  if (session.status !== "signed-in" || session.info.role === "viewer") {
    return (
      <section>
        <h1>{m.ledgerImport.title}</h1>
        <p>
          <Link href={paths.signIn(paths.ledgerImport())}>{m.nav.signIn}</Link>
        </p>
      </section>
    );
  }

  const fail = (error: unknown) => setStage({ step: "error", message: problemText(m, error) });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setStage({ step: "busy" });
    setSkipRejected(false);
    try {
      setStage({ step: "preview", file, result: await sendLedger(api, file, { apply: false }) });
    } catch (error) {
      fail(error);
    }
  };

  const apply = async (file: File) => {
    setStage({ step: "busy" });
    try {
      const result = await sendLedger(api, file, { apply: true, skipRejected });
      if (result.written > 0) await invalidateAfter(queryClient, "progress");
      setStage({ step: "done", result });
    } catch (error) {
      fail(error);
    }
  };

  const result = stage.step === "preview" || stage.step === "done" ? stage.result : null;
  return (
    <section>
      <h1>{m.ledgerImport.title}</h1>
      <p className="muted">{m.ledgerImport.intro}</p>
      <div className="stack">
        <label htmlFor={`${id}-file`}>{m.ledgerImport.file}</label>
        <input id={`${id}-file`} type="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" disabled={stage.step === "busy"} onChange={(e) => void onFile(e)} />
      </div>
      <div aria-live="polite">
        {stage.step === "busy" && <p>{m.ledgerImport.reading}</p>}
        {stage.step === "error" && (
          <p role="alert" className="error">
            {stage.message}
          </p>
        )}
        {result && (
          <p data-testid="import-summary">
            <strong>{m.ledgerImport.summary(result.summary)}</strong>
          </p>
        )}
        {stage.step === "done" && (
          <p role="status" className={stage.result.applied ? "ok" : "error"}>
            {stage.result.applied ? m.ledgerImport.applied(stage.result.written) : m.ledgerImport.notApplied}
          </p>
        )}
      </div>
      {result && result.file.ignoredHeaders.length > 0 && <p className="muted">{m.ledgerImport.ignored(result.file.ignoredHeaders.join("、"))}</p>}
      {result && <Changes result={result} />}
      {stage.step === "preview" &&
        (stage.result.summary.changes === 0 ? (
          <p>{m.ledgerImport.nothing}</p>
        ) : (
          <div className="stack">
            {stage.result.summary.rejected > 0 && (
              <label>
                <input type="checkbox" checked={skipRejected} onChange={(e) => setSkipRejected(e.target.checked)} /> {m.ledgerImport.skipRejected}
              </label>
            )}
            <p>
              <button type="button" className="primary" disabled={stage.result.summary.rejected > 0 && !skipRejected} onClick={() => void apply(stage.file)}>
                {m.ledgerImport.apply(stage.result.summary.changes)}
              </button>
            </p>
          </div>
        ))}
    </section>
  );
}
