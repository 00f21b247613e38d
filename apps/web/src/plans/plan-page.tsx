import type { Part, Task } from "@taizhang/core";
import type { Plan } from "@taizhang/core";
import { useMemo } from "react";
import { useOp } from "../api/queries.js";
import { unitName } from "../ui/unit-name.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { AsyncView } from "../ui/async-view.js";
import { usePageTitle } from "../ui/page-title.js";
import { DownloadLinks } from "../exports/download-links.js";

/** One plan as a readable document; printed, it becomes an A4 ledger table. */
export function PlanPage({ planId }: { planId: string }) {
  const plan = useOp("getPlan", { params: { planId } });
  // The whole-task items' due dates come from the API's checklist (core's rule), when the plan has any lines.
  const checklist = useOp("planChecklist", { params: { planId } });
  const dues = useMemo(() => {
    const found = new Map<string, string>();
    for (const row of checklist.data?.items ?? []) if (row.item.kind === "task") found.set(row.item.taskId, row.item.due);
    return found;
  }, [checklist.data]);
  // The document waits for the checklist too (a failed checklist only leaves the dues out).
  if (checklist.status === "pending" && plan.status !== "error") return <AsyncView query={checklist}>{() => null}</AsyncView>;
  return <AsyncView query={plan}>{(doc) => <PlanDocument plan={doc} taskDues={dues} />}</AsyncView>;
}

function partAnchor(part: Part) {
  return `part-${part.number}`;
}

/** The document and its print ledger; exported for tests. */
export function PlanDocument({ plan, taskDues = new Map() }: { plan: Plan; taskDues?: ReadonlyMap<string, string> }) {
  const { m } = useI18n();
  usePageTitle(plan.title);
  const tasksOf = (part: Part, section: number | null) => plan.tasks.filter((t) => t.partNumber === part.number && t.sectionNumber === section);
  return (
    <article className="plan-doc">
      <header className="page-head">
        <h1>{plan.title}</h1>
        <p className="muted">
          {[plan.issuer, plan.documentNumber, m.plans.period(plan.period.startYear, plan.period.endYear)].filter(Boolean).join(" · ")}
        </p>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {m.app.print}
        </button>{" "}
        <DownloadLinks planId={plan.id} />
      </header>
      <div className="screen-only">
        <nav aria-label={m.plans.contents} className="toc">
          <h2>{m.plans.contents}</h2>
          <ul className="plain">
            {plan.parts.map((part) => (
              <li key={part.number}>
                <a href={`#${partAnchor(part)}`}>
                  {part.ordinal}、{part.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {plan.basis.length > 0 && (
          <section>
            <h2>{m.plans.basis}</h2>
            <ul>
              {plan.basis.map((c, i) => (
                <li key={i}>
                  《{c.title}》{c.documentNumber ? `(${c.documentNumber})` : ""}
                </li>
              ))}
            </ul>
          </section>
        )}
        {plan.parts.map((part) => (
          <section key={part.number} id={partAnchor(part)} aria-labelledby={`${partAnchor(part)}-h`}>
            <h2 id={`${partAnchor(part)}-h`}>
              {part.ordinal}、{part.title}
            </h2>
            {part.text && <Paragraphs text={part.text} />}
            {/* A task right under a part is one level below it (h3), under a section two (h4): no level is skipped. */}
            {tasksOf(part, null).map((task) => (
              <TaskBlock key={task.id} task={task} level={3} />
            ))}
            {part.sections.map((section) => (
              <section key={section.number} aria-labelledby={`section-${section.number}`}>
                <h3 id={`section-${section.number}`}>
                  {section.ordinal}
                  {section.title}
                </h3>
                {tasksOf(part, section.number).map((task) => (
                  <TaskBlock key={task.id} task={task} level={4} />
                ))}
              </section>
            ))}
          </section>
        ))}
      </div>
      <PlanLedger plan={plan} taskDues={taskDues} />
    </article>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

function UnitList({ ids }: { ids: readonly string[] }) {
  return <>{ids.map(unitName).join("、")}</>;
}

function TaskBlock({ task, level }: { task: Task; level: 3 | 4 }) {
  const { m, formatDate } = useI18n();
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <div className="task-block">
      <Heading className="task-heading">
        <span className="task-number">{task.ordinal}</span>{" "}
        <Link href={paths.task(task.id)}>{task.title}</Link>
        {task.guarantee && <span className="badge"> {m.task.guarantee}</span>}
      </Heading>
      <Paragraphs text={task.text} />
      {(task.lead.length > 0 || task.responsible.length > 0) && (
        <p className="units small">
          {task.lead.length > 0 && (
            <>
              {m.app.pair(m.unitRoleLong.lead, task.lead.map(unitName).join("、"))}{" "}
            </>
          )}
          {task.responsible.length > 0 && (
            <>
              {m.app.pair(m.unitRoleLong.responsible, task.responsible.map(unitName).join("、"))}
            </>
          )}
        </p>
      )}
      {task.milestones.length > 0 && (
        <ul className="milestones small">
          {task.milestones.map((ms) => (
            <li key={ms.index}>
              <time dateTime={ms.due}>{formatDate(ms.due)}</time> {ms.clause}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PlanLedger({ plan, taskDues }: { plan: Plan; taskDues: ReadonlyMap<string, string> }) {
  const { m, formatDate } = useI18n();
  return (
    <table className="ledger plan print-only">
      <caption>
        {plan.title}
        <small>{[m.plans.ledger, plan.issuer, plan.documentNumber].filter(Boolean).join(" · ")}</small>
      </caption>
      <thead>
        <tr>
          <th scope="col">{m.plans.ledgerNumber}</th>
          <th scope="col">{m.plans.ledgerTask}</th>
          <th scope="col">{m.plans.ledgerLead}</th>
          <th scope="col">{m.plans.ledgerResponsible}</th>
          <th scope="col">{m.plans.ledgerDue}</th>
        </tr>
      </thead>
      <tbody>
        {plan.tasks.map((task) => (
          <tr key={task.id}>
            <td>{task.number}</td>
            <td>
              <strong>{task.title}</strong>
              {task.milestones.map((ms) => (
                <div key={ms.index} className="small">
                  {m.app.pair(ms.phrase, ms.clause)}
                </div>
              ))}
            </td>
            <td>
              <UnitList ids={task.lead} />
            </td>
            <td>
              <UnitList ids={task.responsible} />
            </td>
            <td>
              {task.milestones.map((ms) => (
                <div key={ms.index}>{formatDate(ms.due)}</div>
              ))}
              {taskDues.has(task.id) ? <div>{formatDate(taskDues.get(task.id) ?? "")}</div> : task.milestones.length === 0 && "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
