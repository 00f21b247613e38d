import { chinaDate, PERCENT_RANGE_OF_STATUS, type PlanSummary, type Progress, type ProgressPatch, type ProgressStatus, type UnitId } from "@taizhang/core";
import { useCallback, useEffect, useMemo, useState } from "react";
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

/** A bulk row refused because someone changed it first: their state, our change, and whether the user confirmed applying ours on theirs. */
interface BulkConflict {
  key: string;
  label: string;
  current: Progress;
  patch: ProgressPatch;
  confirmed: boolean;
}

/**
 * The change a bulk status makes on one row: 已完成 and 未开始 with their one percent (core's rule);
 * another status alone, so the API judges it (进行中 on a row at 100 % is refused for that row: which percent is meant is not known).
 */
function bulkPatch(status: ProgressStatus): ProgressPatch {
  const [min, max] = PERCENT_RANGE_OF_STATUS[status];
  return min === max ? { status, percent: min } : { status };
}

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
  // Rows a bulk change was refused on because someone changed them first: their state and our change, until the user confirms each.
  const [bulkConflicts, setBulkConflicts] = useState<BulkConflict[]>([]);
  const [pruned, setPruned] = useState(0);
  const printing = usePrintMode();
  usePageTitle(title);
  const editable = info.role === "admin" || (info.role === "office" && info.unitId === unitId);

  const filters = useMemo(() => parseFilters(location.search), [location.search]);
  const planIds = useMemo(() => [...new Set(rows.map((r) => r.item.planId))], [rows]);
  const tasks = usePlanTasks(planIds);
  const planTitles = useMemo(() => new Map(plans.map((p) => [p.id as string, p.title])), [plans]);
  const search = useServerSearch(unitId, filters.q);
  const filtered = useMemo(() => applyFilters(rows, filters, search.matches), [rows, filters, search.matches]);
  const searching = filters.q.trim() !== "" && search.matches === null && !search.failed;
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
  // Only what is shown can be selected: a filter that hides selected rows unselects them (and says so),
  // so 应用 never changes a row the office cannot see.
  useEffect(() => {
    const visible = new Set(visibleKeys);
    setSelected((current) => {
      const kept = [...current].filter((k) => visible.has(k));
      if (kept.length === current.size) return current;
      setPruned(current.size - kept.length);
      return new Set(kept);
    });
  }, [visibleKeys]);

  const applyBulk = async (status: ProgressStatus) => {
    const visible = new Set(visibleKeys);
    const chosen = rows.filter((r) => selected.has(rowKey(r)) && visible.has(rowKey(r)));
    if (chosen.length === 0) return;
    const patchFor = (_row: ChecklistEntry): ProgressPatch => bulkPatch(status);
    setBulk({ busy: true, message: null, errors: [] });
    setPruned(0);
    try {
      const result = await api.op.bulkUpdateProgress({
        json: {
          updates: chosen.map((r) => {
            // A row confirmed after a conflict is sent with the version the user saw in the conflict, never a newer one.
            const confirmed = bulkConflicts.find((c) => c.key === rowKey(r) && c.confirmed);
            return { itemId: r.item.id, unitId: r.unitId, version: confirmed ? confirmed.current.version : r.progress.version, patch: patchFor(r) };
          }),
        },
      });
      setBulkConflicts([]);
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
        const conflicts: BulkConflict[] = [];
        const errors = results.flatMap((res) => {
          const row = chosen[res.index];
          if (!row || !res.error) return [];
          if (res.error.current) {
            newer.push({ itemId: row.item.id, unitId: row.unitId, progress: res.error.current });
            conflicts.push({ key: rowKey(row), label: row.item.label, current: res.error.current, patch: patchFor(row), confirmed: false });
            return [];
          }
          // Updates that were fine but not applied because another was refused need no line of their own.
          if (res.error.code === "not_applied") return [];
          const [min, max] = PERCENT_RANGE_OF_STATUS[status];
          const reason =
            res.error.code === "forbidden"
              ? m.item.forbidden
              : res.error.code === "inconsistent"
                ? m.progressRule.inconsistent(m.status[status], min === max ? String(min) : `${min}–${max}`)
                : res.error.message;
          return [m.bulk.itemFailed(row.item.label, reason)];
        });
        // The rows someone else changed leave the selection until the user confirms each: 应用 again never overwrites them silently.
        if (conflicts.length > 0) setSelected((current) => new Set([...current].filter((k) => !conflicts.some((c) => c.key === k))));
        setBulkConflicts(conflicts);
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
      {pruned > 0 && selected.size > 0 && (
        <p role="status" className="notice no-print">
          {m.bulkConflict.pruned(pruned)}
        </p>
      )}
      <BulkBar count={selected.size} busy={bulk.busy} onApply={(s) => void applyBulk(s)} onClear={() => setSelected(new Set())} />
      {bulkConflicts.length > 0 && (
        <section className="conflict bulk-conflicts no-print" aria-label={m.bulkConflict.title}>
          <h4>
            <span aria-hidden="true">⚠ </span>
            {m.bulkConflict.title}
          </h4>
          <ul>
            {bulkConflicts.map((c) => (
              <li key={c.key}>
                <strong>{c.label}</strong>: {m.bulkConflict.theirs(m.status[c.current.status], c.current.percent, c.current.updatedBy ?? "—")} ·{" "}
                {m.bulkConflict.yours(c.patch.status ? m.status[c.patch.status] : "—")}
                {c.current.note && <span className="muted"> · {c.current.note}</span>}{" "}
                <label>
                  <input
                    type="checkbox"
                    checked={c.confirmed}
                    onChange={(e) => {
                      const on = e.target.checked;
                      setBulkConflicts((list) => list.map((x) => (x.key === c.key ? { ...x, confirmed: on } : x)));
                      onSelect(c.key, on);
                    }}
                  />{" "}
                  {m.bulkConflict.confirm(c.label)}
                </label>
              </li>
            ))}
          </ul>
          <p className="muted small">{m.bulkConflict.hint}</p>
        </section>
      )}
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
      {searching ? (
        <p role="status">{m.app.loading}</p>
      ) : filtered.length === 0 ? <p className="empty">{m.my.empty}</p> : printing ? <PrintLedger rows={display} title={title} subtitle={`${m.my.asOf(formatDate(chinaDate(asOf)))} · ${m.my.count(filtered.length, rows.length)}`} /> : <ChecklistList rows={display} render={render} resetKey={listKey} />}
    </section>
  );
}
