import { z } from "zod";
import type { Plan } from "../model/plan.js";
import { ImportError } from "../importer/import-error.js";
import { importPlan } from "../importer/import-plan.js";
import { mergeImports } from "../importer/merge.js";

/** packages/core/plans/manifest.json: which source texts make which built-in plan. */
export const PlanManifestSchema = z
  .object({
    plans: z
      .array(
        z.object({
          id: z.string().min(1).describe("计划标识 the id the importer must derive for this plan"),
          sources: z.array(z.string().min(1)).min(1).describe("来源文件 source file names; several are copies of one plan"),
        }),
      )
      .min(1),
  })
  .describe("内置规划清单 manifest of the built-in plans");
export type PlanManifest = z.infer<typeof PlanManifestSchema>;

/** A source text with the sha256 of its raw bytes (hashed by the caller, which has the bytes). */
export interface SourceText {
  name: string;
  text: string;
  sha256: string;
}

/**
 * Imports one manifest entry: each source, merged when there are several.
 * The id is derived by the importer, never forced: a manifest id that the
 * importer does not derive is an error, so the data cannot drift from the code.
 */
export function buildPlan(entry: PlanManifest["plans"][number], sources: readonly SourceText[]): Plan {
  const results = sources.map((s) => importPlan(s.text, { sourceName: s.name, sha256: s.sha256 }));
  const { plan } = mergeImports(results);
  if (plan.id !== entry.id) {
    throw new ImportError("invalid-id", `the manifest names ${entry.id} but the importer reads ${entry.sources.join(", ")} as ${plan.id}`);
  }
  return plan;
}

/** Builds every plan of a manifest; `read` supplies a source by file name. */
export function buildPlans(manifest: PlanManifest, read: (name: string) => SourceText): Plan[] {
  return manifest.plans.map((entry) => buildPlan(entry, entry.sources.map(read)));
}

/** The checked-in form of a plan: stable, diff-friendly JSON. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
