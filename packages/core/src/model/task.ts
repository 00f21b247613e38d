import { z } from "zod";
import { CitationSchema } from "./citation.js";
import { PlanIdSchema, TaskIdSchema, UnitIdSchema } from "./ids.js";
import { MilestoneSchema } from "./milestone.js";
import { TargetSchema } from "./target.js";

/** One task (任务) of a plan. Guarantee measures (保障措施) are tasks too. */
export const TaskSchema = z
  .object({
    id: TaskIdSchema,
    planId: PlanIdSchema,
    number: z
      .number()
      .int()
      .min(1)
      .describe("任务序号 the task's number as the document prints it (3 for the document's task 3, even after items that are not tasks); increasing across the plan"),
    ordinal: z.string().min(1).describe("原编号 the number as printed, e.g. 12 or (三)"),
    partNumber: z.number().int().min(1).describe("所属部分 the number (1..n) of the part the task sits in"),
    sectionNumber: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe("所属板块 the number (1..n across the plan) of its section; null when the part has no sections"),
    guarantee: z
      .boolean()
      .describe("保障措施 true for guarantee measures (保障措施/保障机制/组织实施), numbered after the other tasks"),
    title: z.string().min(1).describe("任务名称 the heading phrase, e.g. 深化行政审批制度改革"),
    text: z.string().min(1).describe("任务内容 the full text of the task (simplified script, normalised)"),
    originalText: z
      .string()
      .nullable()
      .describe("原文 the text as it appeared before script conversion; null when the source was already simplified"),
    lead: z.array(UnitIdSchema).describe("牵头单位 lead units"),
    responsible: z.array(UnitIdSchema).describe("责任单位 responsible units"),
    milestones: z.array(MilestoneSchema).describe("时间节点 dated milestones"),
    targets: z.array(TargetSchema).describe("量化指标 measurable targets"),
    citations: z.array(CitationSchema).describe("引用文件 documents the task cites"),
    themes: z.array(z.string()).describe("主题 theme ids (see themes); empty until classified"),
  })
  .describe("任务 task");
export type Task = z.infer<typeof TaskSchema>;
