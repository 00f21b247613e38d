import { jurisdictionKey, type Jurisdiction } from "../model/plan.js";

/** What identifies a plan to a person: enough to show old against new before one replaces the other. */
export interface PlanHeading {
  id: string;
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  jurisdiction: Jurisdiction;
}

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
      differs: Array<"title" | "documentNumber" | "jurisdiction">;
      existing: PlanHeading;
      incoming: PlanHeading;
    };

const describe = (p: PlanHeading) => `《${p.title}》(${p.documentNumber ?? "无文号"}, ${jurisdictionKey(p.jurisdiction)})`;

/** The fields in which two plans of one id differ: another plan under the same id, not a new text of it. */
export function headingDifferences(existing: PlanHeading, incoming: PlanHeading): Array<"title" | "documentNumber" | "jurisdiction"> {
  const differs: Array<"title" | "documentNumber" | "jurisdiction"> = [];
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
