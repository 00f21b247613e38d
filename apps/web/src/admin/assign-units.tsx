import type { Task } from "@taizhang/core";
import { useId, useState, type FormEvent } from "react";
import type { Plan } from "@taizhang/core";
import { useApp } from "../app-context.js";
import { unitName } from "../ui/unit-name.js";
import { useI18n } from "../i18n/i18n.js";
import { AsyncView } from "../ui/async-view.js";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { problemText } from "../i18n/problem-text.js";
import { invalidateAfter, taskParams } from "../api/queries.js";

/** Unit names typed as 市司法局、市财政局 (also with commas or semicolons). */
export function splitNames(text: string): string[] {
  return text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Admin: give units to the tasks of plans that name none. */
export function AssignUnits() {
  const { api } = useApp();
  const { m } = useI18n();
  // Under getPlan, so that an import or an assignment marks it stale.
  const plans = useQuery({
    queryKey: ["getPlan", { unassigned: true }],
    queryFn: async ({ signal }) => {
      const list = (await api.op.listPlans({}, { signal })).items;
      const full = await Promise.all(list.map((p) => api.op.getPlan({ params: { planId: p.id } }, { signal })));
      return full.filter((p) => p.tasks.some((t) => t.lead.length === 0 && t.responsible.length === 0));
    },
  });
  return (
    <section>
      <h2>{m.admin.assignTitle}</h2>
      <p className="muted">{m.admin.assignIntro}</p>
      <AsyncView query={plans}>
        {(list) =>
          list.length === 0 ? (
            <p>{m.admin.noUnassigned}</p>
          ) : (
            list.map((plan) => <PlanAssignments key={plan.id} plan={plan} />)
          )
        }
      </AsyncView>
    </section>
  );
}

function PlanAssignments({ plan }: { plan: Plan }) {
  const tasks = plan.tasks.filter((t) => t.lead.length === 0 && t.responsible.length === 0);
  return (
    <details className="card">
      <summary>
        {plan.title} ({tasks.length})
      </summary>
      {tasks.map((t) => (
        <AssignForm key={t.id} task={t} />
      ))}
    </details>
  );
}

function AssignForm({ task }: { task: Task }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const { m } = useI18n();
  const id = useId();
  const [lead, setLead] = useState(task.lead.map(unitName).join("、"));
  const [responsible, setResponsible] = useState(task.responsible.map(unitName).join("、"));
  const [reason, setReason] = useState("");
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: boolean }>({ busy: false, message: null, error: false });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true, message: null, error: false });
    try {
      // Every change is kept in the assignment history, with the reason when one is given.
      const saved = await api.op.assignTaskUnits({
        params: taskParams(task.id),
        json: { lead: splitNames(lead), responsible: splitNames(responsible), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      void invalidateAfter(queryClient, "assignment");
      setLead(saved.lead.map(unitName).join("、"));
      setResponsible(saved.responsible.map(unitName).join("、"));
      setState({ busy: false, message: m.admin.assignSaved, error: false });
    } catch (error) {
      setState({ busy: false, message: problemText(m, error), error: true });
    }
  };
  return (
    <form className="assign" onSubmit={(e) => void submit(e)} aria-label={task.title}>
      <h3>
        {task.ordinal} {task.title}
      </h3>
      <label htmlFor={`${id}-lead`}>{m.admin.assignLead}</label>
      <input id={`${id}-lead`} value={lead} onChange={(e) => setLead(e.target.value)} />
      <label htmlFor={`${id}-resp`}>{m.admin.assignResponsible}</label>
      <input id={`${id}-resp`} value={responsible} onChange={(e) => setResponsible(e.target.value)} />
      <label htmlFor={`${id}-reason`}>{m.admin.assignReason}</label>
      <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" disabled={state.busy || (splitNames(lead).length === 0 && splitNames(responsible).length === 0)}>
        {m.admin.assignSave}
      </button>
      {state.message && (
        <span role={state.error ? "alert" : "status"} className={state.error ? "error" : "ok"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
