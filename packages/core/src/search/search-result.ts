import { z } from "zod";
import { PlanIdSchema, TaskIdSchema } from "../model/ids.js";

export const SEARCH_FIELDS = ["title", "text", "milestones", "targets", "units"] as const;
export const SearchFieldSchema = z
  .enum(SEARCH_FIELDS)
  .describe(
    "字段 where a match was found: title 任务名称, text 任务内容, milestones 时间节点, targets 量化指标, units 牵头/责任单位 (names and aliases)",
  );
export type SearchField = z.infer<typeof SearchFieldSchema>;

export const HighlightSchema = z
  .object({
    start: z.number().int().min(0).describe("起点 offset (UTF-16 code units) in the snippet text"),
    end: z.number().int().min(0).describe("终点 end offset, exclusive"),
  })
  .describe("高亮 a highlighted range");
export type Highlight = z.infer<typeof HighlightSchema>;

export const SnippetSchema = z
  .object({
    field: SearchFieldSchema,
    text: z.string().describe("片段 an excerpt of the field, as stored (not normalised)"),
    highlights: z.array(HighlightSchema).describe("高亮 matched ranges in text, ascending, not overlapping"),
    truncatedStart: z.boolean().describe("前有省略 true when the field continues before the excerpt"),
    truncatedEnd: z.boolean().describe("后有省略 true when the field continues after the excerpt"),
  })
  .describe("摘要 a snippet of a matching field");
export type Snippet = z.infer<typeof SnippetSchema>;

export const SearchHitSchema = z
  .object({
    taskId: TaskIdSchema,
    planId: PlanIdSchema,
    score: z.number().describe("得分 matched query terms in the title × 1,000,000 + matches in all fields (capped)"),
    field: SearchFieldSchema.describe("主要字段 the title when it matched, else the field with most matches"),
    snippets: z.array(SnippetSchema).describe("摘要 the title (when it matched) and up to two other fields"),
  })
  .describe("检索结果 one task that matched");
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z
  .object({
    total: z.number().int().min(0).describe("总数 tasks matching, before paging"),
    hits: z.array(SearchHitSchema).describe("结果 the requested page, best first"),
  })
  .describe("检索结果页 a page of search results");
export type SearchResult = z.infer<typeof SearchResultSchema>;
