import { z } from "zod";
import { IsoDateSchema } from "./ids.js";

export const COMPARATORS = ["gte", "lte", "gt", "lt", "eq", "within"] as const;
export const ComparatorSchema = z
  .enum(COMPARATORS)
  .describe(
    "比较 comparator: gte 不低于/不少于/至少/以上, lte 不高于/不超过/以内, gt 高于/超过, lt 低于/少于, eq 达到, within N个工作日内 (a time limit)",
  );
export type Comparator = z.infer<typeof ComparatorSchema>;

/** A measurable commitment ("出庭应诉率不低于90%"). */
export const TargetSchema = z
  .object({
    index: z.number().int().min(1).describe("序号 1..n in the task's text order"),
    metric: z.string().min(1).describe("指标 what is measured, e.g. 盟市行政机关负责人出庭应诉率"),
    comparator: ComparatorSchema,
    value: z.number().describe("目标值 the number, e.g. 90"),
    unit: z.string().describe("计量单位 e.g. %, 学时, 人, 次, 个工作日; empty when the number stands alone"),
    per: z.string().nullable().describe("频次 the period the value applies to, e.g. 每年, 每人每年; null when none"),
    phrase: z.string().min(1).describe("原文 the phrase as printed, e.g. 出庭应诉率不低于90%"),
    clause: z.string().min(1).describe("所在条款 the clause it comes from"),
    due: IsoDateSchema.nullable().describe("完成时限 due date when a milestone in the same clause governs it"),
  })
  .describe("量化指标 target");
export type Target = z.infer<typeof TargetSchema>;
