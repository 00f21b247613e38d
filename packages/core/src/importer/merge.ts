import type { Citation } from "../model/citation.js";
import { PlanSchema, type Plan } from "../model/plan.js";
import type { ImportWarning } from "../model/provenance.js";
import { ImportError } from "./import-error.js";
import type { ImportResult } from "./import-plan.js";
import { importWarning } from "./import-warning.js";

/** How complete a copy is: an issuer, a title naming it, a 文号, simplified script, intact citations and text. */
function completeness({ plan, warnings }: ImportResult): number {
  let score = 0;
  if (plan.issuer !== null) score += 4;
  if (plan.issuer !== null && plan.title.startsWith(plan.issuer)) score += 2;
  if (plan.documentNumber !== null) score += 2;
  if (plan.provenance.sourceFiles.every((f) => f.script === "simplified")) score += 1;
  score -= warnings.filter((w) => w.code === "citation-repaired" || w.code === "garbled-text").length;
  return score;
}

/** Whether a copy printed this citation's 文号 intact (no repair warning names it). */
function intact(citation: Citation, result: ImportResult): boolean {
  return !result.warnings.some(
    (w) => w.code === "citation-repaired" && w.message.includes(`《${citation.title}》`),
  );
}

function sourceLabel(result: ImportResult): string {
  return result.plan.provenance.sourceFiles.map((f) => f.name).join("+");
}

/**
 * Merges imports of copies of the same plan (a simplified text and a
 * traditional scrape, say) into one plan: the tasks of the copy with the most
 * complete metadata, each cited basis taken from a copy that printed its 文号
 * intact, and provenance listing every source file. Copies that disagree on
 * the number of tasks are not the same plan: that is an {@link ImportError}.
 */
export function mergeImports(results: readonly ImportResult[]): ImportResult {
  const [first] = results;
  if (first === undefined) throw new ImportError("merge-mismatch", "there is nothing to merge");
  if (results.length === 1) return first;

  const ranked = [...results].sort((a, b) => completeness(b) - completeness(a));
  const base = ranked[0] ?? first;
  const others = ranked.slice(1);
  const warnings: ImportWarning[] = [];

  for (const other of others) {
    if (other.plan.tasks.length !== base.plan.tasks.length) {
      throw new ImportError(
        "merge-mismatch",
        `${sourceLabel(base)} has ${base.plan.tasks.length} tasks but ${sourceLabel(other)} has ${other.plan.tasks.length}: they are not copies of one plan`,
      );
    }
    other.plan.tasks.forEach((task, i) => {
      const mine = base.plan.tasks[i];
      if (mine !== undefined && mine.title !== task.title) {
        warnings.push(
          importWarning(
            "merge-title-mismatch",
            `task ${mine.number} is titled ${mine.title} in ${sourceLabel(base)} but ${task.title} in ${sourceLabel(other)}`,
            null,
            task.title,
          ),
        );
      }
    });
    if (other.plan.title !== base.plan.title) {
      warnings.push(
        importWarning("merge-metadata-differs", `the title in ${sourceLabel(other)} differs; kept the one from ${sourceLabel(base)}`, null, other.plan.title),
      );
    }
  }

  const basis: Citation[] = [];
  for (const result of ranked) {
    for (const citation of result.plan.basis) {
      const at = basis.findIndex((b) => b.title === citation.title);
      const better = ranked.find((r) => r.plan.basis.some((c) => c.title === citation.title) && intact(citation, r));
      const chosen = better?.plan.basis.find((c) => c.title === citation.title) ?? citation;
      if (at < 0) basis.push(chosen);
    }
  }

  const tagged = ranked.flatMap((r) =>
    r.warnings.map((w) => ({ ...w, message: `${sourceLabel(r)}: ${w.message}` })),
  );
  const allWarnings = [...tagged, ...warnings];
  const merged: Plan = {
    ...base.plan,
    issuer: base.plan.issuer ?? others.find((o) => o.plan.issuer !== null)?.plan.issuer ?? null,
    documentNumber: base.plan.documentNumber ?? others.find((o) => o.plan.documentNumber !== null)?.plan.documentNumber ?? null,
    basis,
    guidingIdeology: base.plan.guidingIdeology ?? others.find((o) => o.plan.guidingIdeology !== null)?.plan.guidingIdeology ?? null,
    goals: base.plan.goals ?? others.find((o) => o.plan.goals !== null)?.plan.goals ?? null,
    provenance: {
      sourceFiles: results.flatMap((r) => r.plan.provenance.sourceFiles),
      importerVersion: base.plan.provenance.importerVersion,
      warnings: allWarnings,
    },
  };
  const checked = PlanSchema.safeParse(merged);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ImportError("invalid-plan", `the merged plan is not valid${issue === undefined ? "" : ` at ${issue.path.join(".")}: ${issue.message}`}`);
  }
  return { plan: checked.data, warnings: allWarnings };
}
