import { z } from "zod";
import { JurisdictionSchema, jurisdictionKey } from "../model/plan.js";

/** What identifies a plan to a person: enough to show old against new before one replaces the other. */
export const PlanHeadingSchema = z
  .object({
    id: z.string().describe("计划标识 plan id"),
    title: z.string().describe("标题 title"),
    documentNumber: z.string().nullable().describe("文号 document number"),
    issuer: z.string().nullable().describe("发文机关 issuer"),
    jurisdiction: JurisdictionSchema,
  })
  .describe("规划标识信息 a plan's heading: id, title, 文号, issuer, jurisdiction");
export type PlanHeading = z.infer<typeof PlanHeadingSchema>;

export const PLAN_HEADING_FIELDS = ["title", "documentNumber", "jurisdiction"] as const;
export type PlanHeadingField = (typeof PLAN_HEADING_FIELDS)[number];

/** How an import may treat a stored plan of the same id. */
export interface ReplacementOptions {
  /** Update the stored plan's text (progress is kept). */
  replace: boolean;
  /** Also when the stored plan's title, 文号 or jurisdiction differ: the admin saw both and confirmed. */
  replaceDifferent: boolean;
}

export type ReplacementDecision =
  | { ok: true; action: "insert" | "replace" }
  | {
      ok: false;
      /** plan-exists: replace was not asked for; plan-differs: it was, but the plans differ and that was not confirmed. */
      code: "plan-exists" | "plan-differs";
      message: string;
      /** The fields that differ (title, documentNumber, jurisdiction); empty for plan-exists when they agree. */
      differs: PlanHeadingField[];
      existing: PlanHeading;
      incoming: PlanHeading;
    };

const describe = (p: PlanHeading) => `《${p.title}》(${p.documentNumber ?? "无文号"}, ${jurisdictionKey(p.jurisdiction)})`;

/** A plan's heading. */
export function planHeading(plan: PlanHeading): PlanHeading {
  return { id: plan.id, title: plan.title, documentNumber: plan.documentNumber, issuer: plan.issuer, jurisdiction: plan.jurisdiction };
}

/** The fields in which two plans of one id differ: another plan under the same id, not a new text of it. */
export function headingDifferences(existing: PlanHeading, incoming: PlanHeading): PlanHeadingField[] {
  const differs: PlanHeadingField[] = [];
  if (existing.title.trim() !== incoming.title.trim()) differs.push("title");
  if ((existing.documentNumber ?? "").trim() !== (incoming.documentNumber ?? "").trim()) differs.push("documentNumber");
  if (jurisdictionKey(existing.jurisdiction) !== jurisdictionKey(incoming.jurisdiction)) differs.push("jurisdiction");
  return differs;
}

/**
 * Whether an imported plan may be stored over the plan stored under its id: a new id is stored; a
 * stored one only with `replace`; and one whose title, 文号 or jurisdiction differ — another plan
 * filed under the same id, such as a sibling district's — only with `replaceDifferent` as well, so
 * that nobody replaces 锦江区's plan with 武侯区's by ticking one box. Pure; the callers (API, CLI)
 * turn a refusal into their own error.
 */
export function decideReplacement(existing: PlanHeading | null, incoming: PlanHeading, options: ReplacementOptions): ReplacementDecision {
  if (existing === null) return { ok: true, action: "insert" };
  const differs = headingDifferences(existing, incoming);
  if (!options.replace) {
    return {
      ok: false,
      code: "plan-exists",
      message: `a plan ${existing.id} is already stored: ${describe(existing)}; replace it explicitly (its progress is kept) or give another id`,
      differs,
      existing,
      incoming,
    };
  }
  if (differs.length > 0 && !options.replaceDifferent) {
    return {
      ok: false,
      code: "plan-differs",
      message: `the stored plan ${existing.id} is ${describe(existing)}, the new text is ${describe(incoming)}: they differ in ${differs.join(", ")}; confirm replacing one with the other explicitly, or give another id`,
      differs,
      existing,
      incoming,
    };
  }
  return { ok: true, action: "replace" };
}
