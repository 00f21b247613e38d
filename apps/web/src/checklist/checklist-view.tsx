import { chinaDate, type PlanSummary, type Progress, type ProgressStatus, type UnitId } from "@taizhang/core";
import { useCallback, useMemo, useState } from "react";
import type { ChecklistEntry } from "@taizhang/contract";
import { TaizhangApiError } from "@taizhang/client";
import { isStatus } from "../api/api-error.js";
import { problemText } from "../i18n/problem-text.js";
import { useProgressChanged } from "../api/queries.js";
import type { SessionInfo } from "../api/session.js";
import { useApp } from "../app-context.js";
import { useI18n } from "../i18n/i18n.js";
import { useLocation, useNavigate } from "react-router";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { usePageTitle } from "../ui/page-title.js";
import { usePrintMode } from "../ui/use-print-mode.js";
import { BulkBar } from "./bulk-bar.js";
import { ChecklistItemRow, itemTargets } from "./checklist-item-row.js";
import { ChecklistList } from "./checklist-list.js";
import { FilterBar } from "./filter-bar.js";
import { applyFilters, parseFilters, serializeFilters, type ChecklistFilters } from "./filters.js";
import { groupRows, rowKey, type DisplayRow } from "./group-rows.js";
import { PrintLedger } from "./print-ledger.js";
import { usePlanTasks } from "./use-plan-tasks.js";
import { DownloadLinks } from "../exports/download-links.js";
import { useServerSearch } from "./use-server-search.js";

/** One unit's checklist with filters in the URL, selection, bulk status change and the print ledger. */
export function ChecklistView({
  unitId,
  info,
  rows,
  asOf,
  plans,
  title,
}: {
  unitId: UnitId;
  info: SessionInfo;
  /** The unit's rows as the API sent them (from the query cache: a save refreshes them, deadline flags included). */
  rows: ChecklistEntry[];
  /** The instant the API judged the checklist at. */
  asOf: Date;
  plans: PlanSummary[];
  title: string;
}) {
  const { api } = useApp();
  const { m, formatDate } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const progressChanged = useProgressChanged();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulk, setBulk] = useState<{ busy: boolean; message: string | null; errors: string[] }>({ busy: false, message: null, errors: [] });
  const printing = usePrintMode();
  usePageTitle(title);
  const editable = info.role === "admin" || (info.role === "office" && info.unitId === unitId);

  const filters = useMemo(() => parseFilters(location.search), [location.search]);
  const planIds = useMemo(() => [...new Set(rows.map((r) => r.item.planId))], [rows]);
  const tasks = usePlanTasks(planIds);
  const planTitles = useMemo(() => new Map(plans.map((p) => [p.id as string, p.title])), [plans]);
  const serverMatches = useServerSearch(unitId, filters.q);
  const filtered = useMemo(() => applyFilters(rows, filters, tasks, serverMatches), [rows, filters, tasks, serverMatches]);
  const display = useMemo(() => groupRows(filtered, planTitles), [filtered, planTitles]);
  // One array per item (progress changes leave items alone), so a saved line does not re-render the others.
  const targets = useMemo(() => new Map(rows.map((r) => [r.item.id as string, itemTargets(r.item, tasks.get(r.item.taskId))])), [rows, tasks]);
  const listKey = useMemo(() => serializeFilters(filters), [filters]);

  const setFilters = useCallback(
    (next: ChecklistFilters, typing?: boolean) => {
      const params = new URLSearchParams(serializeFilters(next));
      const unit = new URLSearchParams(location.search).get("unit");
      if (unit) params.set("unit", unit);
      // Typing replaces the history entry so Back does not step through every keystroke.
      navigate(paths.myTasks(params.toString()), { replace: typing === true });
    },
    [location.search, navigate],
  );

  const onProgress = useCallback((row: ChecklistEntry, progress: Progress) => progressChanged([{ itemId: row.item.id, unitId: row.unitId, progress }]), [progressChanged]);

  const onSelect = useCallback((key: string, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);

  const visibleKeys = useMemo(() => filtered.map(rowKey), [filtered]);
  const allSelected = visibleKeys.length > 0 && visibleKeys.every((k) => selected.has(k));

  const applyBulk = async (status: ProgressStatus) => {
    const chosen = rows.filter((r) => selected.has(rowKey(r)));
    setBulk({ busy: true, message: null, errors: [] });
    try {
      const result = await api.op.bulkUpdateProgress({
        json: {
          updates: chosen.map((r) => ({
            itemId: r.item.id,
            unitId: r.unitId,
            version: r.progress.version,
            patch: status === "done" ? { status, percent: 100 } : { status },
          })),
        },
      });
      const updated = result.results.flatMap((res) => {
        const row = chosen[res.index];
        return row ? [{ itemId: row.item.id, unitId: row.unitId, progress: res.progress }] : [];
      });
      await progressChanged(updated);
      setSelected(new Set());
      setBulk({ busy: false, message: m.bulk.applied(updated.length), errors: [] });
    } catch (error) {
      const results = error instanceof TaizhangApiError ? error.problem.results : undefined;
      if (results) {
        // All or nothing: nothing was saved. Rows that someone else changed show their newer state.
        const newer: Array<{ itemId: string; unitId: string; progress: Progress }> = [];
        const errors = results.flatMap((res) => {
          const row = chosen[res.index];
          if (!row || !res.error) return [];
          if (res.error.current) newer.push({ itemId: row.item.id, unitId: row.unitId, progress: res.error.current });
          // Updates that were fine but not applied because another was refused need no line of their own.
          if (res.error.code === "not_applied") return [];
          const reason = res.error.code === "stale_version" ? m.conflict.title : res.error.code === "forbidden" ? m.item.forbidden : res.error.message;
          return [m.bulk.itemFailed(row.item.label, reason)];
        });
        if (newer.length > 0) await progressChanged(newer);
        setBulk({ busy: false, message: m.bulk.failed, errors });
        return;
      }
      const message = isStatus(error, 403) ? m.item.forbidden : problemText(m, error);
      setBulk({ busy: false, message, errors: [] });
    }
  };

  const render = (line: DisplayRow) => {
    switch (line.kind) {
      case "plan":
        return (
          <h2 className="group-plan">
            <Link href={paths.plan(line.planId)}>{line.title}</Link>
          </h2>
        );
      case "section":
        return <h3 className="group-section">{line.title}</h3>;
      case "task":
        return (
          <h4 className="group-task">
            <span className="task-number">{line.number}.</span> <Link href={paths.task(line.taskId)}>{line.title}</Link>
          </h4>
        );
      case "item":
        return (
          <ChecklistItemRow
            row={line.row}
            rowKey={line.key}
            targets={targets.get(line.row.item.id) ?? itemTargets(line.row.item, undefined)}
            selected={selected.has(line.key)}
            editable={editable}
            onSelect={onSelect}
            onProgress={onProgress}
          />
        );
    }
  };

  return (
    <section className="my-tasks">
      <header className="page-head">
        <h1>{title}</h1>
        <p className="muted">
          {m.my.asOf(formatDate(chinaDate(asOf)))} · <span role="status">{m.my.count(filtered.length, rows.length)}</span>
        </p>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {m.app.print}
        </button>{" "}
        <DownloadLinks unitId={unitId} {...(filters.plan ? { planId: filters.plan } : {})} />
      </header>
      <FilterBar filters={filters} plans={plans.filter((p) => planIds.includes(p.id))} onChange={setFilters} />
      {editable && filtered.length > 0 && (
        <label className="select-all no-print">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={(e) => setSelected(e.target.checked ? new Set([...selected, ...visibleKeys]) : new Set([...selected].filter((k) => !visibleKeys.includes(k))))}
          />{" "}
          {m.item.selectAll}
        </label>
      )}
      <BulkBar count={selected.size} busy={bulk.busy} onApply={(s) => void applyBulk(s)} onClear={() => setSelected(new Set())} />
      {bulk.message && (
        <div role="alert" className={`notice ${bulk.errors.length ? "error" : "ok"}`}>
          <p>{bulk.message}</p>
          {bulk.errors.length > 0 && (
            <ul>
              {bulk.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {filtered.length === 0 ? <p className="empty">{m.my.empty}</p> : printing ? <PrintLedger rows={display} title={title} subtitle={`${m.my.asOf(formatDate(chinaDate(asOf)))} · ${m.my.count(filtered.length, rows.length)}`} /> : <ChecklistList rows={display} render={render} resetKey={listKey} />}
    </section>
  );
}
