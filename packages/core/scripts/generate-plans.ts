// Regenerates src/plans/<id>.json from plans/sources/ as plans/manifest.json
// lists them: `pnpm --filter @taizhang/core generate:plans`. The built-in
// plans are data produced by the importer; src/plans/built-in-plans.test.ts
// fails when the checked-in JSON differs from what this script would write.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PlanManifestSchema, buildPlans, serializePlan, type SourceText } from "../src/plans/build-plans.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourcesDir = join(root, "plans", "sources");
const outDir = join(root, "src", "plans");

const manifest = PlanManifestSchema.parse(JSON.parse(readFileSync(join(root, "plans", "manifest.json"), "utf8")));
const read = (name: string): SourceText => {
  const bytes = readFileSync(join(sourcesDir, name));
  return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), sha256: createHash("sha256").update(bytes).digest("hex") };
};

const plans = buildPlans(manifest, read);
const written = new Set<string>();
for (const plan of plans) {
  const file = `${plan.id}.json`;
  writeFileSync(join(outDir, file), serializePlan(plan));
  written.add(file);
  console.log(`${file}: ${plan.tasks.length} tasks, ${plan.provenance.warnings.length} warnings`);
}
for (const stale of readdirSync(outDir).filter((f) => f.endsWith(".json") && !written.has(f))) {
  unlinkSync(join(outDir, stale));
  console.log(`${stale}: removed (not in the manifest)`);
}
