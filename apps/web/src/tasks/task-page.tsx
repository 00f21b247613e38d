import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { opKey, taskParams, useOp, useProgressChanged } from "../api/queries.js";
import type { HistoryEntry, Progress } from "@taizhang/core";
import type { TaskDetail, ChecklistEntry as ChecklistRow } from "@taizhang/contract";
import { ChecklistItemRow, itemTargets } from "../checklist/checklist-item-row.js";
import { rowKey } from "../checklist/group-rows.js";
import { useApp } from "../app-context.js";
import { unitName } from "../ui/unit-name.js";
import { EvidenceList, NoteText } from "../checklist/progress-view.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../ui/link.js";
import { paths } from "../paths.js";
import { AsyncView } from "../ui/async-view.js";
import { usePageTitle } from "../ui/page-title.js";
import { DeadlineBadge, StatusBadge } from "../ui/badges.js";
import { HistoryTable } from "./history-table.js";

/** The task's (item, unit) lines in the shape the checklist uses. */
export function taskRows(detail: TaskDetail): ChecklistRow[] {
  return detail.checklist.flatMap(({ item, progress }) =>
    progress.map((p) => ({
      item,
      unitId: p.unitId,
      role: p.role,
      progress: p.progress,
      deadline: p.deadline,
      taskNumber: detail.task.number,
      taskTitle: detail.task.title,
      sectionTitle: null,
      partTitle: "",
    })),
  );
}

/** One task: full text, milestones, targets, units, every unit's progress and the history. */
export function TaskPage({ taskId }: { taskId: string }) {
  const { api } = useApp();
  const detail = useOp("getTask", { params: taskParams(taskId) });
  // The task's whole history (every item, every unit), page by page to its end; cached under listHistory, so saves refresh it.
  const history = useQuery({
    queryKey: [...opKey("listHistory", { query: { taskId } }), "all"],
    queryFn: async ({ signal }): Promise<HistoryEntry[]> => {
      const entries: HistoryEntry[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: HistoryEntry[]; nextCursor: string | null } = await api.op.listHistory({ query: { taskId, limit: 500, ...(cursor ? { cursor } : {}) } }, { signal });
        entries.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return entries.sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
    },
  });
  return (
    <AsyncView query={detail}>
      {(d) => <AsyncView query={history}>{(entries) => <TaskView detail={d} history={entries} />}</AsyncView>}
    </AsyncView>
  );
}

/** The task page's content; exported for tests. */
export function TaskView({ detail, history }: { detail: TaskDetail; history: readonly HistoryEntry[] }) {
  const { m, formatDate } = useI18n();
  const { session } = useApp();
  // The rows come from the query cache: a save puts its answer there and refetches, so deadline flags are the API's.
  const checklist = taskRows(detail);
  const progressChanged = useProgressChanged();
  const { task } = detail;
  usePageTitle(`${task.ordinal} ${task.title}`);
  const info = session.status === "signed-in" ? session.info : null;
  // An office edits its own lines here too; everyone else reads.
  const mine = info?.role === "office" ? checklist.filter((r) => r.unitId === info.unitId) : [];
  const onProgress = useCallback((row: ChecklistRow, progress: Progress) => progressChanged([{ itemId: row.item.id, unitId: row.unitId, progress }]), [progressChanged]);
  const labels = new Map(checklist.map((r) => [r.item.id as string, r.item.milestoneIndex !== null ? m.item.milestone(r.item.milestoneIndex) : m.item.wholeTask]));
  return (
    <article className="task-page">
      <p className="muted no-print">
        <Link href={paths.plan(task.planId)}>← {m.task.backToPlan}</Link>
      </p>
      <h1>
        <span className="task-number">{task.ordinal}</span> {task.title}
        {task.guarantee && <span className="badge"> {m.task.guarantee}</span>}
      </h1>
      <section>
        <h2>{m.task.text}</h2>
        <p className="task-text">{task.text}</p>
        {task.originalText && (
          <details>
            <summary>{m.task.originalText}</summary>
            <p lang="zh-Hant">{task.originalText}</p>
          </details>
        )}
      </section>
      <section>
        <h2>{m.task.units}</h2>
        {task.lead.length === 0 && task.responsible.length === 0 ? (
          <p className="muted">{m.task.noUnits}</p>
        ) : (
          <dl className="fields">
            <dt>{m.unitRoleLong.lead}</dt>
            <dd>{task.lead.map(unitName).join("、") || "—"}</dd>
            <dt>{m.unitRoleLong.responsible}</dt>
            <dd>{task.responsible.map(unitName).join("、") || "—"}</dd>
          </dl>
        )}
      </section>
      {task.milestones.length > 0 && (
        <section>
          <h2>{m.task.milestones}</h2>
          <ol className="milestones">
            {task.milestones.map((ms) => (
              <li key={ms.index}>
                <strong>
                  <time dateTime={ms.due}>{formatDate(ms.due)}</time>
                </strong>{" "}
                ({ms.phrase}
                {ms.yearInferred ? `，${m.task.inferredYear}` : ""}) {ms.clause}
              </li>
            ))}
          </ol>
        </section>
      )}
      {task.targets.length > 0 && (
        <section>
          <h2>{m.task.targets}</h2>
          <ul>
            {task.targets.map((t) => (
              <li key={t.index}>
                <strong>{t.phrase}</strong>
                {t.due ? ` (${formatDate(t.due)})` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      {task.citations.length > 0 && (
        <section>
          <h2>{m.task.citations}</h2>
          <ul>
            {task.citations.map((c, i) => (
              <li key={i}>
                《{c.title}》{c.documentNumber ? `(${c.documentNumber})` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      {mine.length > 0 && (
        <section className="no-print">
          <h2>{m.my.title}</h2>
          {mine.map((r) => (
            <ChecklistItemRow key={rowKey(r)} row={r} rowKey={rowKey(r)} targets={itemTargets(r.item, task)} selected={false} editable onProgress={onProgress} showTaskLink={false} />
          ))}
        </section>
      )}
      <CounterpartsSection taskId={task.id} />
      <section>
        <h2>{m.task.progress}</h2>
        {checklist.length === 0 ? (
          <p className="muted">{m.task.noUnits}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{m.plans.ledgerTask}</th>
                  <th scope="col">{m.my.pickUnit}</th>
                  <th scope="col">{m.item.due}</th>
                  <th scope="col">{m.item.status}</th>
                  <th scope="col">{m.item.percent}</th>
                  <th scope="col">{m.item.note}</th>
                  <th scope="col">{m.item.evidence}</th>
                  <th scope="col">{m.item.measured}</th>
                </tr>
              </thead>
              <tbody>
                {checklist.map((r) => (
                  <tr key={`${r.item.id}|${r.unitId}`}>
                    <td>
                      {labels.get(r.item.id)}
                      {r.item.milestoneIndex !== null && <div className="small muted">{r.item.label}</div>}
                    </td>
                    <td>
                      {unitName(r.unitId)} <span className={`role-badge role-${r.role}`}>{m.unitRole[r.role]}</span>
                    </td>
                    <td>
                      {formatDate(r.item.due)}
                      <br />
                      <DeadlineBadge deadline={r.deadline} />
                    </td>
                    <td>
                      <StatusBadge status={r.progress.status} />
                    </td>
                    <td>{r.progress.percent}%</td>
                    <td className="pre">{r.progress.note ? <NoteText note={r.progress.note} /> : "—"}</td>
                    <td>
                      <EvidenceList evidence={r.progress.evidence} of={r.progress} />
                    </td>
                    <td>{r.progress.measuredValue ? `${r.progress.measuredValue.value}${r.progress.measuredValue.unit}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {info?.role === "admin" && <OrphanedSection taskId={task.id} labels={labels} />}
      <section>
        <h2>{m.task.history}</h2>
        <HistoryTable entries={history} labels={labels} />
      </section>
      <AssignmentHistorySection taskId={task.id} />
    </article>
  );
}

/** Admin: the progress of units removed from the task, kept as it was (read-only); loaded on its own. */
function OrphanedSection({ taskId, labels }: { taskId: string; labels: ReadonlyMap<string, string> }) {
  const { m, formatDate } = useI18n();
  const found = useOp("orphanedTaskRows", { params: taskParams(taskId) });
  if (found.status !== "success") return null;
  const rows = found.data.items;
  return (
    <section className="orphaned no-print">
      <h2>{m.task.orphanedTitle}</h2>
      <p className="muted">{m.task.orphanedIntro}</p>
      {rows.length === 0 ? (
        <p className="muted">{m.task.noOrphaned}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{m.plans.ledgerTask}</th>
                <th scope="col">{m.my.pickUnit}</th>
                <th scope="col">{m.item.due}</th>
                <th scope="col">{m.item.status}</th>
                <th scope="col">{m.item.percent}</th>
                <th scope="col">{m.item.note}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.item.id}|${r.unitId}`}>
                  <td>{labels.get(r.item.id) ?? r.item.label}</td>
                  <td>
                    {unitName(r.unitId)} <span className={`role-badge role-${r.role}`}>{m.unitRole[r.role]}</span>
                  </td>
                  <td>{formatDate(r.item.due)}</td>
                  <td>
                    <StatusBadge status={r.progress.status} />
                  </td>
                  <td>{r.progress.percent}%</td>
                  <td className="pre">{r.progress.note || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** 分工变更记录: who changed the task's units, when and why; loaded on its own. */
function AssignmentHistorySection({ taskId }: { taskId: string }) {
  const { m, formatDateTime } = useI18n();
  const found = useOp("assignmentHistory", { query: { taskId, limit: 500 } });
  if (found.status !== "success") return null;
  const entries = found.data.items;
  const units = (u: { lead: readonly string[]; responsible: readonly string[] }) =>
    [...u.lead.map((id) => `${unitName(id)}（${m.unitRole.lead}）`), ...u.responsible.map(unitName)].join("、") || "—";
  return (
    <section className="assignment-history">
      <h2>{m.task.assignmentHistory}</h2>
      {entries.length === 0 ? (
        <p className="muted">{m.task.noAssignmentHistory}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{m.task.historyAt}</th>
                <th scope="col">{m.task.historyBy}</th>
                <th scope="col">{m.task.historyWhat}</th>
                <th scope="col">{m.task.assignmentBefore}</th>
                <th scope="col">{m.task.assignmentAfter}</th>
                <th scope="col">{m.task.assignmentReason}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td>
                    {m.task.assignmentKind[e.kind]}
                    <div className="small muted">{m.task.assignmentRows(e.orphaned.length, e.restored.length)}</div>
                  </td>
                  <td>{units(e.before)}</td>
                  <td>{units(e.after)}</td>
                  <td>{e.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The task's closest tasks in the other plans; loaded on its own so the page never waits for or fails on it. */
function CounterpartsSection({ taskId }: { taskId: string }) {
  const { m } = useI18n();
  const found = useOp("counterparts", { params: taskParams(taskId), query: { limit: 6 } });
  if (found.status !== "success") return null;
  const list = found.data.counterparts;
  return (
    <section className="counterparts no-print">
      <h2>{m.task.counterparts}</h2>
      <p className="muted">{m.task.counterpartsIntro}</p>
      {list.length === 0 ? (
        <p className="muted">{m.task.noCounterparts}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{m.task.similarity}</th>
                <th scope="col">{m.task.title}</th>
                <th scope="col">{m.task.plan}</th>
                <th scope="col">{m.task.sharedTerms}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.taskId}>
                  <td>{c.score.toFixed(2)}</td>
                  <td>
                    <Link href={paths.task(c.taskId)}>
                      <span className="task-number">{c.task.ordinal}</span> {c.task.title}
                    </Link>
                  </td>
                  <td>{c.task.planTitle}</td>
                  <td>{c.sharedTerms.join("、") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
