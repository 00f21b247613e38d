import { z } from "zod";
import { IsoDateSchema } from "../model/ids.js";
import type { Milestone } from "../model/milestone.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import type { ImportWarning } from "../model/provenance.js";
import { ImportError } from "./import-error.js";
import { importWarning } from "./import-warning.js";
import { UnitRegistry } from "./unit-registry.js";

/** An admin's correction of one imported task, made on the import preview before storing. */
export const TaskCorrectionSchema = z
  .object({
    number: z.number().int().min(1).describe("任务序号 the task's number in the imported plan"),
    lead: z.array(z.string().trim().min(1).max(200)).max(50).optional().describe("牵头单位 the lead units' names, replacing the imported ones"),
    responsible: z.array(z.string().trim().min(1).max(200)).max(100).optional().describe("责任单位 the responsible units' names, replacing the imported ones"),
    milestones: z
      .array(
        z.object({
          due: IsoDateSchema,
          phrase: z.string().trim().min(1).max(200).optional().describe("时限表述 the phrase as printed; a milestone with the phrase of an imported one keeps its clause and rule"),
          clause: z.string().trim().min(1).max(2000).optional().describe("节点内容 what is due; the task's title when absent"),
        }),
      )
      .max(100)
      .optional()
      .describe("时间节点 the task's deadlines, replacing the imported ones"),
  })
  .describe("导入更正 correction of one imported task");
export type TaskCorrection = z.infer<typeof TaskCorrectionSchema>;

export const ImportCorrectionsSchema = z
  .object({ tasks: z.array(TaskCorrectionSchema).max(5000).describe("更正的任务 the corrected tasks") })
  .describe("导入更正 corrections to an import, applied before it is stored");
export type ImportCorrections = z.infer<typeof ImportCorrectionsSchema>;

/**
 * Applies an admin's corrections (units per task, deadlines) to an imported
 * plan: units are named as the importer names them (one unit per canonical
 * name, aliases merged), milestones renumbered, a `corrected` warning recorded
 * per task. Throws ImportError("invalid-correction") for a task number the
 * plan does not have. Pure.
 */
export function applyImportCorrections(plan: Plan, corrections: ImportCorrections): { plan: Plan; warnings: ImportWarning[] } {
  const registry = new UnitRegistry(plan.jurisdiction.name, plan.units);
  const warnings: ImportWarning[] = [];
  const byNumber = new Map(corrections.tasks.map((c) => [c.number, c]));
  for (const number of byNumber.keys()) {
    if (!plan.tasks.some((t) => t.number === number)) {
      throw new ImportError("invalid-correction", `a correction names task ${number}, which the imported plan does not have`);
    }
  }
  const tasks = plan.tasks.map((task) => {
    const c = byNumber.get(task.number);
    if (c === undefined) return task;
    const changed: string[] = [];
    const next = { ...task };
    if (c.lead !== undefined) {
      next.lead = registry.addAll(c.lead);
      changed.push("lead");
    }
    if (c.responsible !== undefined) {
      next.responsible = registry.addAll(c.responsible).filter((id) => !next.lead.includes(id));
      changed.push("responsible");
    }
    if (c.milestones !== undefined) {
      next.milestones = c.milestones
        .map((m): Omit<Milestone, "index"> => {
          const imported = task.milestones.find((old) => m.phrase !== undefined && old.phrase === m.phrase);
          return {
            phrase: m.phrase ?? m.due,
            clause: m.clause ?? imported?.clause ?? task.title,
            due: m.due,
            rule: imported?.rule ?? "exact-date",
            yearInferred: false,
          };
        })
        .map((m, i) => ({ ...m, index: i + 1 }) as Milestone);
      changed.push("milestones");
    }
    warnings.push(importWarning("corrected", `task ${task.number}: ${changed.join(", ")} corrected before storing`, null, task.title));
    return next;
  });
  const used = new Set(tasks.flatMap((t) => [...t.lead, ...t.responsible]) as string[]);
  const units = registry.list().filter((u) => used.has(u.id));
  const candidate: Plan = {
    ...plan,
    tasks,
    units,
    provenance: { ...plan.provenance, warnings: [...plan.provenance.warnings, ...warnings] },
  };
  const parsed = PlanSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError("invalid-correction", `the corrected plan is not valid${issue === undefined ? "" : ` at ${issue.path.join(".")}: ${issue.message}`}`);
  }
  return { plan: parsed.data, warnings };
}
