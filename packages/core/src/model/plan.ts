import { z } from "zod";
import { CitationSchema } from "./citation.js";
import { PlanIdSchema } from "./ids.js";
import { ProvenanceSchema } from "./provenance.js";
import { TaskSchema } from "./task.js";
import { UnitSchema } from "./unit.js";

/** Carried by every stored and exported plan; see docs/extending.md on versioning. */
export const MODEL_SCHEMA_VERSION = 1 as const;

export const JURISDICTION_LEVELS = ["national", "region", "city", "county"] as const;
export const JurisdictionLevelSchema = z
  .enum(JURISDICTION_LEVELS)
  .describe("行政层级 national 国家, region 自治区/省, city 市/盟, county 县/旗/区");
export type JurisdictionLevel = z.infer<typeof JurisdictionLevelSchema>;

export const JurisdictionSchema = z
  .object({
    name: z.string().min(1).describe("行政区名称 e.g. 呼和浩特市"),
    level: JurisdictionLevelSchema,
    parent: z.string().nullable().describe("上级行政区 parent jurisdiction name, e.g. 内蒙古自治区; null when unknown"),
  })
  .describe("行政区 jurisdiction");
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;

/**
 * The name that tells a jurisdiction apart from every other: its name, except for a county-level
 * place, whose name repeats across the country (朝阳区, 城关区, 鼓楼区) and so is qualified by its
 * parent, as it is written in full: 成都市锦江区, 北京市朝阳区. Unit ids and units' jurisdiction are
 * scoped by it (成都市锦江区:区司法局), so two districts' same-named offices never become one unit.
 * A county whose parent is unknown keeps its bare name.
 */
export function jurisdictionKey(jurisdiction: Jurisdiction): string {
  const { name, level, parent } = jurisdiction;
  if (level !== "county" || parent === null || name.startsWith(parent)) return name;
  return `${parent}${name}`;
}

export const SectionSchema = z
  .object({
    number: z.number().int().min(1).describe("板块序号 1..n across the whole plan"),
    ordinal: z.string().min(1).describe("原编号 as printed, e.g. (一)"),
    title: z.string().min(1).describe("板块标题 e.g. 依法全面履行政府职能"),
  })
  .describe("板块 section");
export type Section = z.infer<typeof SectionSchema>;

export const PART_KINDS = ["general", "tasks", "guarantees"] as const;
export const PartSchema = z
  .object({
    number: z.number().int().min(1).describe("部分序号 1..n"),
    ordinal: z.string().min(1).describe("原编号 as printed, e.g. 三"),
    title: z.string().min(1).describe("部分标题 e.g. 主要任务"),
    kind: z
      .enum(PART_KINDS)
      .describe("类别 general 总体要求 (no tasks), tasks 主要任务, guarantees 保障措施/保障机制/组织实施"),
    text: z.string().describe("正文 the part's own text when it holds no tasks (e.g. 指导思想); empty otherwise"),
    sections: z.array(SectionSchema).describe("板块 the part's (一)(二) sections; empty when its tasks sit directly under it"),
  })
  .describe("部分 part");
export type Part = z.infer<typeof PartSchema>;

export const PlanSchema = z
  .object({
    schemaVersion: z.literal(MODEL_SCHEMA_VERSION).describe("模型版本 schema version of this document"),
    id: PlanIdSchema,
    title: z.string().min(1).describe("标题 full title"),
    issuer: z.string().nullable().describe("发文机关 issuing authority, e.g. 成都市人民政府; null when not stated"),
    documentNumber: z.string().nullable().describe("文号 e.g. 成府发〔2015〕20号; null when none"),
    jurisdiction: JurisdictionSchema,
    period: z
      .object({
        startYear: z.number().int().min(1949).max(2200).describe("起始年"),
        endYear: z.number().int().min(1949).max(2200).describe("终止年"),
      })
      .refine((p) => p.endYear >= p.startYear, "the period ends before it starts")
      .describe("规划期 period covered"),
    basis: z.array(CitationSchema).describe("制定依据 documents cited as the plan's basis"),
    guidingIdeology: z.string().nullable().describe("指导思想 guiding ideology text"),
    goals: z.string().nullable().describe("总体目标 goal text (目标要求/总体目标)"),
    parts: z.array(PartSchema).min(1).describe("部分 parts (一、二、…)"),
    tasks: z.array(TaskSchema).describe("任务 every task, in document order, numbered in increasing order (the document's own numbers)"),
    units: z.array(UnitSchema).describe("单位 every office the plan names"),
    provenance: ProvenanceSchema,
  })
  .superRefine((plan, ctx) => {
    plan.tasks.forEach((task, i) => {
      const previous = plan.tasks[i - 1];
      if (previous !== undefined && task.number <= previous.number) {
        ctx.addIssue({ code: "custom", path: ["tasks", i, "number"], message: `task ${task.number} follows task ${previous.number}: numbers must increase` });
      }
      if (task.planId !== plan.id) {
        ctx.addIssue({ code: "custom", path: ["tasks", i, "planId"], message: `task belongs to ${task.planId}, not ${plan.id}` });
      }
      if (!plan.parts.some((p) => p.number === task.partNumber)) {
        ctx.addIssue({ code: "custom", path: ["tasks", i, "partNumber"], message: `no part ${task.partNumber}` });
      }
    });
    const unitIds = new Set(plan.units.map((u) => u.id));
    plan.tasks.forEach((task, i) => {
      for (const role of ["lead", "responsible"] as const) {
        task[role].forEach((u, j) => {
          if (!unitIds.has(u)) ctx.addIssue({ code: "custom", path: ["tasks", i, role, j], message: `unknown unit ${u}` });
        });
      }
    });
  })
  .describe("规划 plan");
export type Plan = z.infer<typeof PlanSchema>;

/** A one-line summary of a plan, for lists. */
export const PlanSummarySchema = z.object({
  id: PlanIdSchema,
  title: z.string(),
  issuer: z.string().nullable(),
  documentNumber: z.string().nullable(),
  jurisdiction: JurisdictionSchema,
  period: z.object({ startYear: z.number().int(), endYear: z.number().int() }),
  counts: z.object({
    parts: z.number().int(),
    sections: z.number().int(),
    tasks: z.number().int().describe("任务 every task, guarantee measures included: the count task lists hold"),
    guarantees: z.number().int().describe("保障措施 how many of those tasks are guarantee measures (not to be added to tasks)"),
    milestones: z.number().int(),
    targets: z.number().int(),
    units: z.number().int(),
    warnings: z.number().int(),
  }),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;
