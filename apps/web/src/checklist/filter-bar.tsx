import { useId, useState } from "react";
import type { PlanSummary } from "@taizhang/core";
import { useI18n } from "../i18n/i18n.js";
import { STATUSES, isProgressStatus } from "../ui/status.js";
import { NO_FILTERS, hasFilters, type ChecklistFilters } from "./filters.js";

/** The filter controls of 我的任务; the state itself lives in the URL. */
export function FilterBar({ filters, plans, onChange }: { filters: ChecklistFilters; plans: readonly PlanSummary[]; onChange: (next: ChecklistFilters, typing?: boolean) => void }) {
  const { m } = useI18n();
  const id = useId();
  // On a phone the controls fold away behind one button unless a filter is active.
  const [open, setOpen] = useState(false);
  const active = hasFilters(filters);
  const set = <K extends keyof ChecklistFilters>(key: K, value: ChecklistFilters[K], typing = false) => onChange({ ...filters, [key]: value }, typing);
  return (
    <>
    <button type="button" className="filters-toggle no-print" aria-expanded={open || active} aria-controls={`${id}-filters`} onClick={() => setOpen(!open)}>
      {m.filters.title}
      {active ? " ●" : ""}
    </button>
    <form id={`${id}-filters`} className={`filters no-print${open || active ? "" : " folded"}`} role="search" aria-label={m.filters.title} onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{m.filters.text}</label>
        <input id={`${id}-q`} type="search" placeholder={m.filters.textPlaceholder} value={filters.q} onChange={(e) => set("q", e.target.value, true)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-plan`}>{m.filters.plan}</label>
        <select id={`${id}-plan`} value={filters.plan ?? ""} onChange={(e) => set("plan", e.target.value || null)}>
          <option value="">{m.filters.allPlans}</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{m.filters.status}</label>
        <select id={`${id}-status`} value={filters.status ?? ""} onChange={(e) => set("status", isProgressStatus(e.target.value) ? e.target.value : null)}>
          <option value="">{m.filters.allStatuses}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {m.status[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>{m.filters.role}</label>
        <select
          id={`${id}-role`}
          value={filters.role ?? ""}
          onChange={(e) => set("role", e.target.value === "lead" || e.target.value === "responsible" ? e.target.value : null)}
        >
          <option value="">{m.filters.allRoles}</option>
          <option value="lead">{m.unitRoleLong.lead}</option>
          <option value="responsible">{m.unitRoleLong.responsible}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-within`}>{m.filters.dueWithin}</label>
        <input
          id={`${id}-within`}
          type="number"
          min={0}
          inputMode="numeric"
          placeholder={m.filters.dueWithinPlaceholder}
          value={filters.within ?? ""}
          onChange={(e) => set("within", /^\d+$/.test(e.target.value) ? Number(e.target.value) : null, true)}
        />
      </div>
      <div className="field checkbox">
        <input id={`${id}-overdue`} type="checkbox" checked={filters.overdue} onChange={(e) => set("overdue", e.target.checked)} />
        <label htmlFor={`${id}-overdue`}>{m.filters.overdue}</label>
      </div>
      {hasFilters(filters) && (
        <button type="button" onClick={() => onChange(NO_FILTERS)}>
          {m.filters.clear}
        </button>
      )}
    </form>
    </>
  );
}
