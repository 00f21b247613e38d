import { z } from "zod";
import { IsoDateSchema } from "./ids.js";

export const DEADLINE_RULES = [
  "end-of-year",
  "end-of-month",
  "end-of-half-year",
  "end-of-quarter",
  "by-year",
  "before-year",
  "exact-date",
] as const;

/** Which rule turned the phrase into a date; docs/importer.md documents each. */
export const DeadlineRuleSchema = z
  .enum(DEADLINE_RULES)
  .describe(
    "时限规则 how the due date was derived: end-of-year (年底前 → Dec 31), end-of-month (N月底前 → last day of N), " +
      "end-of-half-year (上半年 → Jun 30), end-of-quarter (第N季度 → quarter end), by-year (到2020年 → Dec 31 of that year), " +
      "before-year (2025年前 → Dec 31 of that year), exact-date (N月N日前 → that day)",
  );
export type DeadlineRule = z.infer<typeof DeadlineRuleSchema>;

/** A dated commitment inside a task ("2016年年底前全部公布收费目录清单"). */
export const MilestoneSchema = z
  .object({
    index: z.number().int().min(1).describe("序号 1..n in the task's text order"),
    phrase: z.string().min(1).describe("时限表述 the deadline phrase as printed (normalised), e.g. 2016年年底前"),
    clause: z.string().min(1).describe("节点内容 the clause the deadline governs"),
    due: IsoDateSchema.describe("完成时限 due date"),
    rule: DeadlineRuleSchema,
    yearInferred: z
      .boolean()
      .describe("年份推定 true when the phrase had no year of its own and took the nearest earlier year in the task"),
  })
  .describe("时间节点 milestone");
export type Milestone = z.infer<typeof MilestoneSchema>;
