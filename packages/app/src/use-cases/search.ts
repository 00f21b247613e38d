import { counterparts, OUTLINE_2015_AREAS, regionalReport, THEMES, themeCoverage, type PlanId, type TaskId } from "@taizhang/core";
import { DUE_SOON_DAYS, taskIdOf, type TaskRef } from "@taizhang/contract";
import type { CatalogView } from "@taizhang/store";
import { AppError } from "../app-error.js";
import { resolveAsOf } from "../as-of.js";
import type { AppDeps } from "../deps.js";
import { fromStore } from "../store-errors.js";
import type { UseCasesFor } from "../use-case.js";

/** What a list shows of a task found in the catalog. */
export function taskRefOf(view: CatalogView, taskId: TaskId, planId: PlanId): TaskRef {
  const task = view.task(taskId);
  const plan = view.plan(planId);
  if (!task || !plan) throw new Error(`the catalog lost task ${taskId}`);
  return { number: task.number, ordinal: task.ordinal, title: task.title, planTitle: plan.title };
}

/** Search, themes, the themes × plans matrix, counterparts and the regional report (core's engines over the stored plans). */
export function searchUseCases({ ledger, catalog, clock }: AppDeps): UseCasesFor<"search" | "listThemes" | "themeMatrix" | "counterparts" | "regionalReport"> {
  return {
    search: async (_caller, { query }) => {
      const { q, planId, theme, limit, offset } = query;
      const view = await catalog.view();
      const result = view.index.search(q, {
        limit,
        offset,
        ...(planId !== undefined ? { planIds: [planId] } : {}),
        ...(theme !== undefined ? { filter: (task) => task.themes.includes(theme) } : {}),
      });
      return { query: q, total: result.total, offset, limit, hits: result.hits.map((hit) => ({ ...hit, task: taskRefOf(view, hit.taskId, hit.planId) })) };
    },
    listThemes: async () => {
      const view = await catalog.view();
      const counts = new Map<string, number>();
      for (const plan of view.plans) for (const task of plan.tasks) for (const t of task.themes) counts.set(t, (counts.get(t) ?? 0) + 1);
      return { themes: THEMES.map((t) => ({ ...t, taskCount: counts.get(t.id) ?? 0 })), outline2015: OUTLINE_2015_AREAS.map((a) => ({ ...a })) };
    },
    themeMatrix: async (_caller, { query }) => {
      const asOf = resolveAsOf(query.asOf, clock);
      const view = await catalog.view();
      const rows = (await fromStore(ledger.checklist({}))).map((row) => ({ taskId: row.item.taskId, status: row.progress.status, percent: row.progress.percent, due: row.item.due }));
      const coverage = themeCoverage(view.plans, rows, asOf, { dueSoonDays: DUE_SOON_DAYS });
      return { ...coverage, asOf: asOf.toISOString(), plans: view.plans.map((p) => ({ id: p.id, title: p.title })) };
    },
    counterparts: async (_caller, { params, query }) => {
      const taskId = taskIdOf(params);
      const view = await catalog.view();
      if (!view.task(taskId)) throw new AppError("not-found", `no task ${taskId}`);
      const found = counterparts({ id: taskId }, view.plans, {
        limit: query.limit,
        ...(query.perPlan !== undefined ? { perPlan: query.perPlan } : {}),
        ...(query.minScore !== undefined ? { minScore: query.minScore } : {}),
        ...(query.planId !== undefined ? { planIds: [query.planId] } : {}),
      });
      return { taskId, counterparts: found.map((cp) => ({ ...cp, task: taskRefOf(view, cp.taskId, cp.planId) })) };
    },
    regionalReport: async (_caller, { params, query }) => {
      const view = await catalog.view();
      const plan = view.plan(params.planId);
      if (!plan) throw new AppError("not-found", `no plan ${params.planId}`);
      return regionalReport(plan, view.plans, query.threshold !== undefined ? { threshold: query.threshold } : {});
    },
  };
}
