import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  counterparts,
  CounterpartSchema,
  OUTLINE_2015_AREAS,
  regionalReport,
  RegionalReportSchema,
  SearchHitSchema,
  TaskIdSchema,
  THEMES,
  themeCoverage,
  ThemeCoverageSchema,
  ThemeIdSchema,
  type PlanId,
  type TaskId,
} from "@taizhang/core";
import type { AppEnv } from "../app-env.js";
import { resolveAsOf } from "../as-of.js";
import { DUE_SOON_DAYS } from "../checklist-entry.js";
import { validationHook } from "../on-error.js";
import { ApiError, problemResponses } from "../problem.js";
import { AsOfQuery, PlanIdParam, PlanIdSchema, TaskNumberParam } from "../schemas.js";
import { withOpenApi } from "../with-openapi.js";

/** What a list needs to show a task found elsewhere without fetching it. */
export const TaskRefSchema = z
  .object({
    number: z.number().int(),
    ordinal: z.string().describe("序号 as printed"),
    title: z.string().describe("任务名称"),
    planTitle: z.string().describe("规划名称"),
  })
  .openapi("TaskRef");

export const SearchResponse = z
  .object({
    query: z.string(),
    total: z.number().int().describe("tasks matching, before paging"),
    offset: z.number().int(),
    limit: z.number().int(),
    hits: z.array(withOpenApi(SearchHitSchema, "SearchHit").and(z.object({ task: TaskRefSchema }))),
  })
  .openapi("SearchResults");

const ThemeSchema = z
  .object({
    id: ThemeIdSchema,
    zh: z.string(),
    en: z.string(),
    outlineChapter: z.string().describe("chapter of 法治政府建设实施纲要(2021—2025年)"),
    parent: ThemeIdSchema.nullable().describe("the parent theme of a sub-theme"),
    taskCount: z.number().int().describe("tasks of all stored plans under the theme"),
  })
  .openapi("Theme");

export const ThemesResponse = z
  .object({
    themes: z.array(ThemeSchema),
    outline2015: z
      .array(z.object({ zh: z.string(), themeId: ThemeIdSchema }))
      .describe("areas of the 2015—2020 outline and the theme each became"),
  })
  .openapi("Themes");

export const MatrixResponse = withOpenApi(ThemeCoverageSchema, "ThemeCoverage")
  .and(
    z.object({
      asOf: z.string(),
      plans: z.array(z.object({ id: PlanIdSchema, title: z.string() })).describe("the columns, in planIds order"),
    }),
  )
  .openapi("ThemeMatrix");

export const CounterpartsResponse = z
  .object({
    taskId: TaskIdSchema,
    counterparts: z.array(withOpenApi(CounterpartSchema, "Counterpart").and(z.object({ task: TaskRefSchema }))),
  })
  .openapi("Counterparts");

const tags = ["search"];

function refOf(view: { task(id: TaskId): { number: number; ordinal: string; title: string } | undefined; plan(id: PlanId): { title: string } | undefined }, taskId: TaskId, planId: PlanId) {
  const task = view.task(taskId);
  const plan = view.plan(planId);
  if (!task || !plan) throw new ApiError("internal-error", `the catalog lost task ${taskId}`);
  return { number: task.number, ordinal: task.ordinal, title: task.title, planTitle: plan.title };
}

/** Search, themes, the themes × plans matrix, counterparts and the regional report (core's engines over the stored plans). */
export const searchRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/search",
      tags,
      summary: "Search tasks: Chinese n-grams, traditional or simplified, pinyin (full or initials), unit aliases; AND, \"phrases\", -exclusions",
      request: {
        query: z.object({
          q: z.string().trim().min(1).max(200).openapi({ description: "the query, e.g. 行政復議, xzfy, \"公众参与\" -听证", example: "行政复议" }),
          planId: PlanIdSchema.optional().openapi({ description: "only this plan" }),
          theme: ThemeIdSchema.optional().openapi({ description: "only tasks under this theme" }),
          limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ type: "integer" }),
          offset: z.coerce.number().int().min(0).max(100_000).default(0).openapi({ type: "integer" }),
        }),
      },
      responses: {
        200: { description: "One page of hits, best first, with highlighted snippets", content: { "application/json": { schema: SearchResponse } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { q, planId, theme, limit, offset } = c.req.valid("query");
      const view = await c.var.catalog.view();
      const result = view.index.search(q, {
        limit,
        offset,
        ...(planId !== undefined ? { planIds: [planId] } : {}),
        ...(theme !== undefined ? { filter: (task) => task.themes.includes(theme) } : {}),
      });
      const hits = result.hits.map((hit) => ({ ...hit, task: refOf(view, hit.taskId, hit.planId) }));
      return c.json({ query: q, total: result.total, offset, limit, hits }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/themes",
      tags,
      summary: "The theme taxonomy of the 2021—2025 outline, with task counts and the 2015—2020 mapping",
      responses: {
        200: { description: "Every theme, in outline order", content: { "application/json": { schema: ThemesResponse } } },
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const view = await c.var.catalog.view();
      const counts = new Map<string, number>();
      for (const plan of view.plans) for (const task of plan.tasks) for (const t of task.themes) counts.set(t, (counts.get(t) ?? 0) + 1);
      const themes = THEMES.map((t) => ({ ...t, taskCount: counts.get(t.id) ?? 0 }));
      return c.json({ themes, outline2015: OUTLINE_2015_AREAS.map((a) => ({ ...a })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/themes/matrix",
      tags,
      summary: "Themes × plans: task counts and completion of each cell",
      request: { query: z.object({ asOf: AsOfQuery }) },
      responses: {
        200: { description: "One row per theme, one cell per plan", content: { "application/json": { schema: MatrixResponse } } },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const asOf = resolveAsOf(c.req.valid("query").asOf, c.var.clock);
      const view = await c.var.catalog.view();
      const rows = (await c.var.ledger.checklist({})).map((row) => ({
        taskId: row.item.taskId,
        status: row.progress.status,
        percent: row.progress.percent,
        due: row.item.due,
      }));
      const coverage = themeCoverage(view.plans, rows, asOf, { dueSoonDays: DUE_SOON_DAYS });
      const plans = view.plans.map((p) => ({ id: p.id, title: p.title }));
      return c.json({ ...coverage, asOf: asOf.toISOString(), plans }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/tasks/{planId}/{number}/counterparts",
      tags,
      summary: "The task's closest counterparts in the other plans, with similarity and shared key terms",
      request: {
        params: z.object({ planId: PlanIdParam, number: TaskNumberParam }),
        query: z.object({
          limit: z.coerce.number().int().min(1).max(50).default(5).openapi({ type: "integer" }),
          perPlan: z.coerce.number().int().min(1).max(50).optional().openapi({ type: "integer", description: "at most this many from one plan" }),
          minScore: z.coerce.number().min(0).max(1).optional().openapi({ description: "leave out counterparts scoring below this (0..1)" }),
          planId: PlanIdSchema.optional().openapi({ description: "only counterparts in this plan" }),
        }),
      },
      responses: {
        200: { description: "Best first", content: { "application/json": { schema: CounterpartsResponse } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { planId, number } = c.req.valid("param");
      const { limit, perPlan, minScore, planId: only } = c.req.valid("query");
      const taskId = TaskIdSchema.parse(`${planId}/${number}`);
      const view = await c.var.catalog.view();
      if (!view.task(taskId)) throw new ApiError("not-found", `no task ${taskId}`);
      const found = counterparts({ id: taskId }, view.plans, {
        limit,
        ...(perPlan !== undefined ? { perPlan } : {}),
        ...(minScore !== undefined ? { minScore } : {}),
        ...(only !== undefined ? { planIds: [only] } : {}),
      });
      return c.json({ taskId, counterparts: found.map((cp) => ({ ...cp, task: refOf(view, cp.taskId, cp.planId) })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/plans/{planId}/regional-report",
      tags,
      summary: "A regional plan against the plans of its cities: counterparts per task, and city tasks with no regional parent",
      request: {
        params: z.object({ planId: PlanIdParam }),
        query: z.object({ threshold: z.coerce.number().min(0).max(1).optional().openapi({ description: "minimum similarity (default 0.15)" }) }),
      },
      responses: {
        200: { description: "The report", content: { "application/json": { schema: withOpenApi(RegionalReportSchema, "RegionalReport") } } },
        ...problemResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { planId } = c.req.valid("param");
      const { threshold } = c.req.valid("query");
      const view = await c.var.catalog.view();
      const plan = view.plan(planId);
      if (!plan) throw new ApiError("not-found", `no plan ${planId}`);
      return c.json(regionalReport(plan, view.plans, threshold !== undefined ? { threshold } : {}), 200);
    },
  );
