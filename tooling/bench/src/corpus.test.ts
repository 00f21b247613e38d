import { deriveChecklist, PlanSchema, type Plan } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { generateCorpus, jurisdictionTree, NATIONAL_CORPUS } from "./corpus.js";

const small = { seed: 7, plans: 60 };

describe("the synthetic national corpus", () => {
  it("is deterministic: the same seed gives the same plans, another seed other plans", () => {
    const a = [...generateCorpus(small)];
    const b = [...generateCorpus(small)];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = [...generateCorpus({ ...small, seed: 8 })];
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it("makes valid plans with themes, across regions, cities and counties, with unique ids", () => {
    const plans: Plan[] = [...generateCorpus(small)];
    expect(plans).toHaveLength(60);
    for (const plan of plans) expect(() => PlanSchema.parse(plan)).not.toThrow();
    expect(new Set(plans.map((p) => p.id)).size).toBe(60);
    const levels = new Set(plans.map((p) => p.jurisdiction.level));
    expect([...levels].sort()).toEqual(["city", "county", "region"]);
    const tasks = plans.flatMap((p) => p.tasks);
    expect(tasks.every((t) => t.themes.length > 0)).toBe(true);
    // Units belong to the plan's own jurisdiction, and tasks point at them.
    for (const plan of plans) {
      const ids = new Set(plan.units.map((u) => u.id));
      for (const t of plan.tasks) for (const u of [...t.lead, ...t.responsible]) expect(ids.has(u), `${t.id} ${u}`).toBe(true);
      for (const u of plan.units) expect(u.jurisdiction).toBe(plan.jurisdiction.name);
    }
    // Deadlines move with the plan's period.
    for (const plan of plans) for (const t of plan.tasks) for (const m of t.milestones) expect(Number(m.due.slice(0, 4))).toBeGreaterThanOrEqual(plan.period.startYear - 1);
  });

  it("has the national shape: 3,000 plans in a tree whose parents exist, about 120,000 tasks", () => {
    const tree = jurisdictionTree(NATIONAL_CORPUS);
    expect(tree).toHaveLength(3000);
    const names = new Set(tree.map((j) => j.name));
    expect(names.size).toBe(3000);
    for (const j of tree.filter((x) => x.level !== "region")) expect(names.has(j.parent ?? ""), j.name).toBe(true);
    expect(tree.filter((j) => j.level === "region")).toHaveLength(31);
    // Sampled, not generated whole here (the bench does that): ~40 tasks per plan.
    let tasks = 0;
    let n = 0;
    for (const plan of generateCorpus({ ...NATIONAL_CORPUS, plans: 200 })) {
      tasks += plan.tasks.length;
      n++;
    }
    expect(tasks / n).toBeGreaterThan(36);
    expect(tasks / n).toBeLessThan(46);
  });

  it("assigns units (牵头单位, 责任单位) to every task, giving about 600,000 (item, unit) progress rows at national scale", () => {
    let rows = 0;
    let n = 0;
    for (const plan of generateCorpus({ ...NATIONAL_CORPUS, plans: 100 })) {
      for (const t of plan.tasks) expect(t.lead.length + t.responsible.length, t.id).toBeGreaterThan(0);
      rows += deriveChecklist(plan).reduce((sum, item) => sum + item.assignments.length, 0);
      n++;
    }
    expect((rows / n) * 3000).toBeGreaterThan(500_000);
    expect((rows / n) * 3000).toBeLessThan(750_000);
  });
});
