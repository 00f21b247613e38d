import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";

/** The export route's URL for a plan's ledger or a unit's checklist (docs/api.md, GET /api/exports/ledger). */
export function exportUrl(query: { planId?: string; unitId?: string; format: "xlsx" | "csv" | "ics"; lang: "zh" | "en"; history?: "include" | "only" }): string {
  const params = new URLSearchParams();
  if (query.planId) params.set("planId", query.planId);
  if (query.unitId) params.set("unitId", query.unitId);
  params.set("format", query.format);
  params.set("lang", query.lang);
  if (query.history) params.set("history", query.history);
  return `/api/exports/ledger?${params.toString()}`;
}

/** Download buttons for the ledger shown: Excel (.xlsx) and CSV, in the page's language; and, for those who may write, the way back. */
export function DownloadLinks({ planId, unitId }: { planId?: string; unitId?: string }) {
  const { m, lang } = useI18n();
  const { session } = useApp();
  const canWrite = session.status === "signed-in" && session.info.role !== "viewer";
  const l = lang === "en" ? "en" : "zh";
  return (
    <span className="downloads no-print">
      <a className="button" href={exportUrl({ planId, unitId, format: "xlsx", lang: l })} download>
        {m.exports.xlsx}
      </a>{" "}
      <a className="button" href={exportUrl({ planId, unitId, format: "csv", lang: l })} download>
        {m.exports.csv}
      </a>{" "}
      <a className="button" href={exportUrl({ planId, unitId, format: "xlsx", lang: l, history: "only" })} download>
        {m.exports.history}
      </a>{" "}
      <a className="button" href={exportUrl({ planId, unitId, format: "ics", lang: l })} title={m.exports.calendarHint}>
        {m.exports.calendar}
      </a>
      {canWrite && (
        <>
          {" "}
          <Link className="button" href={paths.ledgerImport()}>
            {m.exports.upload}
          </Link>
        </>
      )}
    </span>
  );
}
