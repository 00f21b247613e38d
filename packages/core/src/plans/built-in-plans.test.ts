import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PlanManifestSchema, buildPlans, serializePlan, type SourceText } from "./build-plans.js";
import { BUILT_IN_PLAN_IDS, builtInPlans, getBuiltInPlan } from "./index.js";

const CORE = join(import.meta.dirname, "..", "..");
const manifest = PlanManifestSchema.parse(JSON.parse(readFileSync(join(CORE, "plans", "manifest.json"), "utf8")));
const read = (name: string): SourceText => {
  const bytes = readFileSync(join(CORE, "plans", "sources", name));
  return { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), sha256: createHash("sha256").update(bytes).digest("hex") };
};

describe("built-in plans", () => {
  const regenerated = buildPlans(manifest, read);

  it.each(regenerated.map((plan) => [plan.id, plan] as const))(
    "%s: the checked-in JSON is exactly what the importer makes of the sources (pnpm --filter @taizhang/core generate:plans)",
    (id, plan) => {
      const checkedIn = readFileSync(join(CORE, "src", "plans", `${id}.json`), "utf8");
      expect(checkedIn).toBe(serializePlan(plan));
    },
  );

  it("ships every plan of the manifest, and only those", () => {
    expect([...BUILT_IN_PLAN_IDS].sort()).toEqual(manifest.plans.map((p) => p.id).sort());
    const jsonFiles = readdirSync(join(CORE, "src", "plans")).filter((f) => f.endsWith(".json"));
    expect(jsonFiles.sort()).toEqual(manifest.plans.map((p) => `${p.id}.json`).sort());
  });

  it("uses every source file, each once", () => {
    const used = manifest.plans.flatMap((p) => p.sources).sort();
    const files = readdirSync(join(CORE, "plans", "sources")).sort();
    expect(used).toEqual(files);
  });

  it("merges the two Hohhot copies into one plan that lists both", () => {
    const hohhot = getBuiltInPlan("hohhot-2015");
    expect(hohhot?.provenance.sourceFiles.map((f) => f.name)).toEqual(["000_303cee155329faa7.txt", "001_4e84aac5f35be19d.txt"]);
    expect(hohhot?.provenance.sourceFiles.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it("finds plans by id", () => {
    expect(builtInPlans).toHaveLength(4);
    expect(getBuiltInPlan("chengdu-2015")?.tasks).toHaveLength(48);
    expect(getBuiltInPlan("nowhere-1999")).toBeUndefined();
  });

  it("fails the build of a plan whose manifest id the importer does not derive", () => {
    const wrong = { plans: [{ id: "baotou-2015", sources: ["002_08d0e86018707fca.txt"] }] };
    expect(() => buildPlans(wrong, read)).toThrow(/manifest names baotou-2015 but the importer reads .* as baotou-2016/);
  });
});
