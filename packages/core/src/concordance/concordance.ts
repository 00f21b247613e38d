import { z } from "zod";
import { PlanIdSchema, TaskIdSchema, type PlanId, type TaskId } from "../model/ids.js";
import type { Plan } from "../model/plan.js";
import type { Task } from "../model/task.js";
import { sharedTerms } from "./domain-terms.js";
import { bigramCounts, cosine, documentFrequencies, tfidfVector, type SparseVector } from "./tfidf.js";

export const CounterpartSchema = z
  .object({
    taskId: TaskIdSchema,
    planId: PlanIdSchema,
    score: z.number().min(0).max(1).describe("相似度 cosine similarity of TF-IDF character-bigram vectors, 0..1"),
    sharedTerms: z.array(z.string()).describe("共同关键词 domain terms found in both tasks, longest first"),
  })
  .describe("对应任务 a task of another plan that covers the same ground");
export type Counterpart = z.infer<typeof CounterpartSchema>;

export interface CounterpartOptions {
  /** Most counterparts to return; 5 when absent. */
  limit?: number;
  /** At most this many from any one plan; no bound when absent. */
  perPlan?: number;
  /** Leave out counterparts scoring below this; 0 when absent. */
  minScore?: number;
  /** Only these plans; every other plan when absent. */
  planIds?: readonly PlanId[];
}

/** Similarity model over a fixed set of plans (IDF is computed over all their tasks). */
export interface Concordance {
  /** Closest tasks of the other plans to the task, best first. */
  counterparts(taskId: TaskId, options?: CounterpartOptions): Counterpart[];
  /** Similarity of two tasks of the set, 0..1. */
  similarity(a: TaskId, b: TaskId): number;
  task(taskId: TaskId): Task | undefined;
}

export type ConcordancePlan = Pick<Plan, "id" | "tasks">;

// A function of its own so the bigram counts are garbage once the vectors exist
// (closures of createConcordance would otherwise keep them alive).
function taskVectors(tasks: readonly Task[]): Map<TaskId, SparseVector> {
  const bigrams = tasks.map((t) => ({ title: bigramCounts(t.title), text: bigramCounts(t.text) }));
  const df = documentFrequencies(bigrams);
  const vectors = new Map<TaskId, SparseVector>();
  tasks.forEach((t, i) => {
    const b = bigrams[i];
    if (b) vectors.set(t.id, tfidfVector(b, df, tasks.length));
  });
  return vectors;
}

/** Builds the similarity model of a set of plans. */
export function createConcordance(plans: readonly ConcordancePlan[]): Concordance {
  const tasks = plans.flatMap((p) => p.tasks);
  const vectors = taskVectors(tasks);
  const byId = new Map<TaskId, Task>(tasks.map((t) => [t.id, t]));
  const vectorOf = (id: TaskId): SparseVector => {
    const v = vectors.get(id);
    if (!v) throw new Error(`task ${id} is not in the concordance`);
    return v;
  };
  const body = (t: Task): string => `${t.title}\n${t.text}`;
  return {
    counterparts(taskId, options = {}) {
      const source = byId.get(taskId);
      const v = vectorOf(taskId);
      if (!source) throw new Error(`task ${taskId} is not in the concordance`);
      const limit = options.limit ?? 5;
      const minScore = options.minScore ?? 0;
      const allowed = options.planIds ? new Set(options.planIds) : null;
      const scored = tasks
        .filter((t) => t.planId !== source.planId && (!allowed || allowed.has(t.planId)))
        .map((t) => ({ task: t, score: cosine(v, vectorOf(t.id)) }))
        .filter((s) => s.score >= minScore && s.score > 0)
        .sort((a, b) => b.score - a.score || a.task.planId.localeCompare(b.task.planId) || a.task.number - b.task.number);
      const perPlan = new Map<PlanId, number>();
      const result: Counterpart[] = [];
      for (const { task, score } of scored) {
        if (result.length >= limit) break;
        const n = perPlan.get(task.planId) ?? 0;
        if (options.perPlan !== undefined && n >= options.perPlan) continue;
        perPlan.set(task.planId, n + 1);
        result.push({ taskId: task.id, planId: task.planId, score, sharedTerms: sharedTerms(body(source), body(task)) });
      }
      return result;
    },
    similarity(a, b) {
      return cosine(vectorOf(a), vectorOf(b));
    },
    task(taskId) {
      return byId.get(taskId);
    },
  };
}

const cache = new WeakMap<readonly ConcordancePlan[], Concordance>();

/**
 * The closest tasks to `task` in the other plans of `plans`, with similarity
 * and shared key terms (docs/search.md, "Concordance"). The model is cached
 * per `plans` array.
 */
export function counterparts(task: Pick<Task, "id">, plans: readonly ConcordancePlan[], options: CounterpartOptions = {}): Counterpart[] {
  let concordance = cache.get(plans);
  if (!concordance) {
    concordance = createConcordance(plans);
    cache.set(plans, concordance);
  }
  return concordance.counterparts(task.id, options);
}
