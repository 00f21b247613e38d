import { deadlineState, type TaskId } from "@taizhang/core";
import { ok, type DataResult } from "../../data/data-result.js";
import type { CounterpartRef, TaskDetail } from "../../data/data-source.js";
import { statusLabel } from "../i18n.js";
import { displayWidth, truncate, wrap } from "../text/index.js";
import { chinaTime, daysText, stateColor, unitName, worstState } from "./format.js";
import { historyChanges } from "./history-changes.js";
import type { Row, ScreenContent, ScreenContext, Segment } from "./screen-types.js";
import { fitColumns, line, tableRow, type Cell, type FitColumn } from "./table.js";

const COMPARATOR_SIGNS = { gte: "≥", lte: "≤", gt: ">", lt: "<", eq: "=", within: "≤" } as const;

/**
 * One task in full: where it sits, its units, each unit's progress (the
 * lines `s` and `n` act on), milestones with due dates and overdue marks,
 * targets, the full text wrapped to the width, and recent history.
 */
export async function loadTaskScreen(taskId: TaskId, ctx: ScreenContext): Promise<DataResult<ScreenContent>> {
  const [detail, related] = await Promise.all([ctx.ds.getTask(taskId), ctx.ds.counterparts(taskId, { limit: 6, perPlan: 2 })]);
  if (!detail.ok) return detail;
  // Counterparts are a help, not the task: when they cannot be had (an older server), the screen goes on without them.
  return ok(taskContent(detail.value, related.ok ? related.value : null, ctx));
}

function taskContent(detail: TaskDetail, counterparts: CounterpartRef[] | null, ctx: ScreenContext): ScreenContent {
  const { task, plan, rows, history } = detail;
  const { t, lang, asOf, dueSoonDays } = ctx;
  const part = plan.parts.find((p) => p.number === task.partNumber);
  const section = part?.sections.find((s) => s.number === task.sectionNumber);
  return {
    title: `${plan.title} › ${task.number}. ${task.title}`,
    planId: plan.id,
    layout(width) {
      const out: Row[] = [];
      let n = 0;
      const push = (segments: Segment[], extra: Partial<Row> = {}): void => {
        out.push({ key: `l${n++}`, segments, selectable: true, ...extra });
      };
      const heading = (text: string): void => push(line(text, width, { bold: true, color: "cyan" }));
      const blank = (): void => push(line("", width));
      const indentWrapped = (text: string, indent: number, style: Omit<Segment, "text"> = {}): void => {
        for (const l of wrap(text, Math.max(4, width - indent))) push(line(" ".repeat(indent) + l, width, style));
      };

      push(line(`${task.id}  ${task.title}`, width, { bold: true }));
      indentWrapped([part ? `${part.ordinal}、${part.title}` : "", section ? `${section.ordinal}${section.title}` : ""].filter(Boolean).join(" › "), 0, { dim: true });
      indentWrapped(`${t("lead")}: ${task.lead.map(unitName).join("、") || t("none")}`, 0);
      indentWrapped(`${t("responsible")}: ${task.responsible.map(unitName).join("、") || t("none")}`, 0);
      blank();

      heading(t("progress"));
      if (rows.length === 0) push(line(`  ${t("noUnits")}`, width, { dim: true }));
      else {
        const titles: Cell[] = [{ text: `  ${t("item")}` }, { text: t("due") }, { text: t("unit") }, { text: t("status") }, { text: "%", align: "right" }, { text: "" }];
        const cells = rows.map((row): Cell[] => {
          const state = deadlineState(row.due, row.progress.status, asOf, dueSoonDays);
          return [
            { text: `  ${row.milestoneIndex === null ? t("wholeTask") : `m${row.milestoneIndex}`}` },
            { text: row.due },
            { text: unitName(row.unitId) + (row.role === "lead" ? "*" : "") },
            { text: statusLabel(row.progress.status, lang), color: row.progress.status === "done" ? "green" : row.progress.status === "blocked" ? "red" : undefined },
            { text: String(row.progress.percent), align: "right" },
            { text: daysText(row.due, row.progress.status, asOf, t, dueSoonDays), color: stateColor(state) },
          ];
        });
        const texts = (i: number): string[] => [titles[i]?.text ?? "", ...cells.map((c) => c[i]?.text ?? "")];
        // Columns as wide as what they hold; the unit gives up room first, and 逾期N天 last.
        const columns: FitColumn[] = [{ texts: texts(0) }, { texts: texts(1) }, { texts: texts(2), min: 8, shrink: 1 }, { texts: texts(3) }, { texts: texts(4), min: 3 }, { texts: texts(5) }];
        const widths = fitColumns(width, columns);
        push(
          tableRow(titles, widths, columns, width).map((s) => ({ ...s, bold: true })),
          { selectable: false },
        );
        rows.forEach((row, i) => {
          push(tableRow(cells[i] ?? [], widths, columns, width), { progress: row, key: `p:${row.itemId}|${row.unitId}` });
          const person = row.progress.responsiblePerson;
          if (person) indentWrapped(`└ ${t("responsiblePerson")}: ${[person.name, person.post, person.contact].filter(Boolean).join(" · ")}`, 8, { dim: true });
          if (row.progress.note) indentWrapped(`└ ${row.progress.note}`, 8, { dim: true });
          // Uploaded evidence files by name (read only: they are uploaded on the web or through the API).
          const files = row.progress.evidence.flatMap((e) => (e.file ? [e.file.name] : []));
          if (files.length > 0) indentWrapped(`└ ${t("evidenceFiles")}: ${files.join("、")}`, 8, { dim: true });
        });
      }
      blank();

      heading(`${t("milestones")} (${task.milestones.length})`);
      if (task.milestones.length === 0) push(line(`  ${t("none")}`, width, { dim: true }));
      for (const m of task.milestones) {
        const mine = rows.filter((r) => r.milestoneIndex === m.index);
        const state = worstState(mine.length > 0 ? mine.map((r) => deadlineState(r.due, r.progress.status, asOf, dueSoonDays)) : [deadlineState(m.due, "not_started", asOf, dueSoonDays)]);
        const mark = state === "overdue" ? ` [${t("overdue")}]` : state === "due-soon" ? ` [${t("dueSoon")}]` : "";
        const head = `  ${m.index}. ${m.due} ${m.phrase}`;
        const markWidth = displayWidth(mark);
        const headText = truncate(head, Math.max(0, width - markWidth));
        push([
          { text: headText },
          { text: mark, color: state ? stateColor(state) : undefined, bold: true },
          { text: " ".repeat(Math.max(0, width - displayWidth(headText) - markWidth)) },
        ]);
        indentWrapped(m.clause, 5);
      }
      blank();

      heading(`${t("targets")} (${task.targets.length})`);
      if (task.targets.length === 0) push(line(`  ${t("none")}`, width, { dim: true }));
      for (const target of task.targets) {
        indentWrapped(
          `${target.index}. ${target.metric} ${COMPARATOR_SIGNS[target.comparator]} ${target.value}${target.unit}${target.per ? ` (${target.per})` : ""}${target.due ? ` · ${target.due}` : ""}`,
          2,
        );
      }
      blank();

      heading(t("text"));
      indentWrapped(task.text, 2);
      blank();

      if (counterparts !== null) {
        heading(`${t("counterparts")} (${counterparts.length})`);
        if (counterparts.length === 0) push(line(`  ${t("none")}`, width, { dim: true }));
        for (const c of counterparts) {
          const head = `  ${c.score.toFixed(2)}  ${c.taskId}  ${c.task.title}`;
          push(line(truncate(head, width), width), { open: { kind: "task", taskId: c.taskId }, key: `c:${c.taskId}` });
          if (c.sharedTerms.length > 0) indentWrapped(`${t("sharedTerms")}: ${c.sharedTerms.join("、")}`, 8, { dim: true });
        }
        blank();
      }

      heading(t("history"));
      if (history.length === 0) push(line(`  ${t("none")}`, width, { dim: true }));
      for (const h of history) {
        const item = h.itemId.slice(h.itemId.indexOf("#") + 1);
        // Every field the change touched, not only the status.
        const changes = historyChanges(h, lang);
        indentWrapped(`${chinaTime(h.at)} ${h.actor} ${item} ${unitName(h.unitId)}: ${changes.shift() ?? t("noChange")}${h.note ? ` (${h.note})` : ""}`, 2);
        for (const change of changes) indentWrapped(change, 4);
      }
      return { header: null, rows: out };
    },
  };
}
