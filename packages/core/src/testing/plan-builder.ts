import { unitId } from "../model/ids.js";
import { MODEL_SCHEMA_VERSION, PlanSchema, type Jurisdiction, type Plan } from "../model/plan.js";
import type { Target } from "../model/target.js";

/** A unit of a test plan: its name, and optionally its aliases and whether it is a collective (各区县政府). */
export interface TestUnitSpec {
  name: string;
  aliases?: string[];
  collective?: boolean;
}

/** A milestone of a test task: its due date, and optionally the phrase and clause the importer would have read. */
export interface TestMilestoneSpec {
  due: string;
  phrase?: string;
  clause?: string;
}

/** A task of a test plan; units are named by name (they become ids of the plan's jurisdiction). */
export interface TestTaskSpec {
  title: string;
  text?: string;
  /** The section (1..n, across the plan) it sits in; main tasks sit in section 1 when none is given. */
  section?: number;
  /** A guarantee measure (保障措施): sits in the guarantees part, with no section. */
  guarantee?: boolean;
  ordinal?: string;
  lead?: string[];
  responsible?: string[];
  milestones?: TestMilestoneSpec[];
  targets?: Array<Pick<Target, "metric" | "comparator" | "value" | "unit"> & Partial<Pick<Target, "per" | "phrase" | "due">>>;
  originalText?: string;
  themes?: string[];
}

export interface TestPlanSpec {
  id?: string;
  title?: string;
  issuer?: string | null;
  documentNumber?: string | null;
  jurisdiction?: Jurisdiction;
  period?: { startYear: number; endYear: number };
  /** Section titles of the tasks part; one ("依法全面履行政府职能") when absent. */
  sections?: string[];
  /** Units the tasks name are added by themselves; list them here for aliases and collectives. */
  units?: TestUnitSpec[];
  tasks: TestTaskSpec[];
}

const ORDINALS = "一二三四五六七八九十";

/**
 * A plan for tests, in the model's own shape and validated by core's
 * PlanSchema (so a fixture can never drift from the model): only what a
 * test cares about is given, the rest is filled in as the importer would —
 * parts (总体要求, 主要任务, and 保障措施 when a task is a guarantee),
 * numbers, ids, unit ids of the plan's jurisdiction, milestone and target
 * indexes. The one fixture builder of every package's tests.
 */
export function buildTestPlan(spec: TestPlanSpec): Plan {
  const jurisdiction = spec.jurisdiction ?? { name: "测试市", level: "city", parent: "测试省" };
  const startYear = spec.period?.startYear ?? 2016;
  const period = spec.period ?? { startYear, endYear: startYear + 4 };
  const id = spec.id ?? `testville-${startYear}`;
  const sections = (spec.sections ?? ["依法全面履行政府职能"]).map((title, i) => ({ number: i + 1, ordinal: `(${ORDINALS[i] ?? i + 1})`, title }));
  const hasGuarantees = spec.tasks.some((t) => t.guarantee === true);
  const parts = [
    { number: 1, ordinal: "一", title: "总体要求", kind: "general" as const, text: "全面推进依法行政。", sections: [] },
    { number: 2, ordinal: "二", title: "主要任务", kind: "tasks" as const, text: "", sections },
    ...(hasGuarantees ? [{ number: 3, ordinal: "三", title: "保障措施", kind: "guarantees" as const, text: "", sections: [] }] : []),
  ];
  const units = new Map<string, TestUnitSpec>();
  for (const unit of spec.units ?? []) units.set(unit.name, unit);
  for (const task of spec.tasks) for (const name of [...(task.lead ?? []), ...(task.responsible ?? [])]) if (!units.has(name)) units.set(name, { name });
  const idOf = (name: string) => unitId(jurisdiction.name, name);
  let guarantees = 0;
  const tasks = spec.tasks.map((task, i) => {
    const number = i + 1;
    const text = task.text ?? `${task.title}。`;
    if (task.guarantee === true) guarantees += 1;
    return {
      id: `${id}/${number}`,
      planId: id,
      number,
      ordinal: task.ordinal ?? (task.guarantee === true ? `(${ORDINALS[guarantees - 1] ?? guarantees})` : String(number)),
      partNumber: task.guarantee === true ? 3 : 2,
      sectionNumber: task.guarantee === true ? null : (task.section ?? 1),
      guarantee: task.guarantee === true,
      title: task.title,
      text,
      originalText: task.originalText ?? null,
      lead: (task.lead ?? []).map(idOf),
      responsible: (task.responsible ?? []).map(idOf),
      milestones: (task.milestones ?? []).map((m, k) => ({
        index: k + 1,
        phrase: m.phrase ?? `${m.due.slice(0, 4)}年${Number(m.due.slice(5, 7))}月底前`,
        clause: m.clause ?? text,
        due: m.due,
        rule: "end-of-month",
        yearInferred: false,
      })),
      targets: (task.targets ?? []).map((t, k) => ({
        index: k + 1,
        metric: t.metric,
        comparator: t.comparator,
        value: t.value,
        unit: t.unit,
        per: t.per ?? null,
        phrase: t.phrase ?? `${t.metric}${t.value}${t.unit}`,
        clause: text,
        due: t.due ?? null,
      })),
      citations: [],
      themes: task.themes ?? [],
    };
  });
  return PlanSchema.parse({
    schemaVersion: MODEL_SCHEMA_VERSION,
    id,
    title: spec.title ?? `${jurisdiction.name}法治政府建设实施方案(${period.startYear}—${period.endYear}年)`,
    issuer: spec.issuer === undefined ? `${jurisdiction.name}人民政府` : spec.issuer,
    documentNumber: spec.documentNumber === undefined ? null : spec.documentNumber,
    jurisdiction,
    period,
    basis: [],
    guidingIdeology: null,
    goals: null,
    parts,
    tasks,
    units: [...units.values()].map((u) => ({ id: idOf(u.name), name: u.name, aliases: u.aliases ?? [], jurisdiction: jurisdiction.name, collective: u.collective ?? /^各/.test(u.name) })),
    provenance: { sourceFiles: [{ name: `${id}.txt`, sha256: "0".repeat(64), script: "simplified", format: "plain" }], importerVersion: "test", warnings: [] },
  });
}
