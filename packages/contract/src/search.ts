import { CounterpartSchema, PlanIdSchema, RegionalReportSchema, SearchHitSchema, TaskIdSchema, ThemeCoverageSchema, ThemeIdSchema } from "@taizhang/core";
import { z } from "zod";
import { AsOfQuery, integerQuery, PlanIdParam, TaskParams } from "./common.js";
import { problemResponses } from "./problems.js";
import { defineRoute } from "./route.js";

/** What a list needs to show a task found elsewhere without fetching it. */
export const TaskRefSchema = z
  .object({
    number: z.number().int(),
    ordinal: z.string().describe("序号 as printed"),
    title: z.string().describe("任务名称"),
    planTitle: z.string().describe("规划名称"),
  })
  .meta({ id: "TaskRef" });
export type TaskRef = z.infer<typeof TaskRefSchema>;

export const SearchResponse = z
  .object({
    query: z.string(),
    total: z.number().int().describe("tasks matching, before paging"),
    offset: z.number().int(),
    limit: z.number().int(),
    hits: z.array(SearchHitSchema.meta({ id: "SearchHit" }).and(z.object({ task: TaskRefSchema }))),
  })
  .meta({ id: "SearchResults" });
export type SearchResults = z.infer<typeof SearchResponse>;

const ThemeSchema = z
  .object({
    id: ThemeIdSchema,
    zh: z.string(),
    en: z.string(),
    outlineChapter: z.string().describe("chapter of 法治政府建设实施纲要(2021—2025年)"),
    parent: ThemeIdSchema.nullable().describe("the parent theme of a sub-theme"),
    taskCount: z.number().int().describe("tasks of all stored plans under the theme"),
  })
  .meta({ id: "Theme" });

export const ThemesResponse = z
  .object({
    themes: z.array(ThemeSchema),
    outline2015: z.array(z.object({ zh: z.string(), themeId: ThemeIdSchema })).describe("areas of the 2015—2020 outline and the theme each became"),
  })
  .meta({ id: "Themes" });
export type ThemesInfo = z.infer<typeof ThemesResponse>;

export const MatrixResponse = ThemeCoverageSchema.meta({ id: "ThemeCoverage" })
  .and(
    z.object({
      asOf: z.string(),
      plans: z.array(z.object({ id: PlanIdSchema, title: z.string() })).describe("the columns, in planIds order"),
    }),
  )
  .meta({ id: "ThemeMatrix" });
export type ThemeMatrix = z.infer<typeof MatrixResponse>;

export const CounterpartsResponse = z
  .object({
    taskId: TaskIdSchema,
    counterparts: z.array(CounterpartSchema.meta({ id: "Counterpart" }).and(z.object({ task: TaskRefSchema }))),
  })
  .meta({ id: "Counterparts" });
export type Counterparts = z.infer<typeof CounterpartsResponse>;

export const RegionalReportResponse = RegionalReportSchema.meta({ id: "RegionalReport" });

const tags = ["search"];

/** Search, themes, the themes × plans matrix, counterparts and the regional report (core's engines over the stored plans). */
export const searchRoutes = {
  search: defineRoute({
    operationId: "search",
    method: "get",
    path: "/api/search",
    tags,
    summary: 'Search tasks: Chinese n-grams, traditional or simplified, pinyin (full or initials), unit aliases; AND, "phrases", -exclusions',
    request: {
      query: z.object({
        q: z.string().trim().min(1).max(200).meta({ description: 'the query, e.g. 行政復議, xzfy, "公众参与" -听证', example: "行政复议" }),
        planId: PlanIdSchema.optional().meta({ description: "only this plan" }),
        theme: ThemeIdSchema.optional().meta({ description: "only tasks under this theme" }),
        limit: integerQuery(1, 100).default(20),
        offset: integerQuery(0, 100_000).default(0),
      }),
    },
    responses: {
      200: { description: "One page of hits, best first, with highlighted snippets", content: { "application/json": { schema: SearchResponse } } },
      ...problemResponses(400, 401),
    },
  }),
  listThemes: defineRoute({
    operationId: "listThemes",
    method: "get",
    path: "/api/themes",
    tags,
    summary: "The theme taxonomy of the 2021—2025 outline, with task counts and the 2015—2020 mapping",
    responses: {
      200: { description: "Every theme, in outline order", content: { "application/json": { schema: ThemesResponse } } },
      ...problemResponses(401),
    },
  }),
  themeMatrix: defineRoute({
    operationId: "themeMatrix",
    method: "get",
    path: "/api/themes/matrix",
    tags,
    summary: "Themes × plans: task counts and completion of each cell",
    request: { query: z.object({ asOf: AsOfQuery }) },
    responses: {
      200: { description: "One row per theme, one cell per plan", content: { "application/json": { schema: MatrixResponse } } },
      ...problemResponses(400, 401),
    },
  }),
  counterparts: defineRoute({
    operationId: "counterparts",
    method: "get",
    path: "/api/tasks/{planId}/{number}/counterparts",
    tags,
    summary: "The task's closest counterparts in the other plans, with similarity and shared key terms",
    request: {
      params: TaskParams,
      query: z.object({
        limit: integerQuery(1, 50).default(5),
        perPlan: integerQuery(1, 50).optional().meta({ description: "at most this many from one plan" }),
        minScore: z.coerce.number().min(0).max(1).optional().meta({ description: "leave out counterparts scoring below this (0..1)" }),
        planId: PlanIdSchema.optional().meta({ description: "only counterparts in this plan" }),
      }),
    },
    responses: {
      200: { description: "Best first", content: { "application/json": { schema: CounterpartsResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
  regionalReport: defineRoute({
    operationId: "regionalReport",
    method: "get",
    path: "/api/plans/{planId}/regional-report",
    tags,
    summary: "A regional plan against the plans of its cities: counterparts per task, and city tasks with no regional parent",
    request: {
      params: z.object({ planId: PlanIdParam }),
      query: z.object({ threshold: z.coerce.number().min(0).max(1).optional().meta({ description: "minimum similarity (default 0.15)" }) }),
    },
    responses: {
      200: { description: "The report", content: { "application/json": { schema: RegionalReportResponse } } },
      ...problemResponses(400, 401, 404),
    },
  }),
};
