import { z } from "zod";
import { HistoryRowSchema } from "../domain/history-rows.js";
import { LedgerRowSchema } from "../domain/ledger-rows.js";
import { AssignmentHistoryEntrySchema } from "../model/assignment.js";
import { ChecklistItemSchema } from "../model/checklist.js";
import { MODEL_SCHEMA_VERSION, PlanSchema } from "../model/plan.js";
import { HistoryEntrySchema, ProgressSchema } from "../model/progress.js";

/** Where the published schemas say they live (their `$id`s); the files are docs/schema/<name>.schema.json. */
export const JSON_SCHEMA_BASE = "https://taizhang.dev/schema/";

/**
 * The documents of the model that services exchange, each with its zod
 * schema (the single source of truth) and a JSON Schema generated from it.
 */
export const MODEL_DOCUMENTS = {
  plan: { schema: PlanSchema, title: "Plan 规划", description: "A plan with its parts, sections, tasks, units, milestones and targets (GET /api/plans/{planId})." },
  "checklist-item": { schema: ChecklistItemSchema, title: "ChecklistItem 清单事项", description: "One checklist item: a task as a whole or one of its milestones." },
  progress: { schema: ProgressSchema, title: "Progress 进展", description: "The progress of one (checklist item, unit)." },
  "history-entry": { schema: HistoryEntrySchema, title: "HistoryEntry 变更记录", description: "One immutable change of progress." },
  "assignment-history-entry": {
    schema: AssignmentHistoryEntrySchema,
    title: "AssignmentHistoryEntry 分工变更记录",
    description: "One immutable change of a task's units (GET /api/history/assignments), with the progress rows it orphaned or restored.",
  },
  "ledger-export": {
    schema: z
      .object({
        asOf: z.string().describe("截至 the instant overdue was judged at (ISO)"),
        rows: z.array(LedgerRowSchema).optional().describe("台账 the ledger's rows; absent when only the history was asked for"),
        history: z.array(HistoryRowSchema).optional().describe("变更记录 the change history, newest first, when asked for"),
      })
      .describe("台账导出 a ledger exported as JSON"),
    title: "LedgerExport 台账导出",
    description: "A ledger exported as JSON (GET /api/exports/ledger?format=json, taizhang export --format json): one row per (checklist item, unit).",
  },
} as const;

export type ModelDocumentName = keyof typeof MODEL_DOCUMENTS;
export const MODEL_DOCUMENT_NAMES = Object.keys(MODEL_DOCUMENTS) as ModelDocumentName[];

/** The JSON Schema (draft 2020-12) of one document of the model, generated from its zod schema. */
export function modelJsonSchema(name: ModelDocumentName): Record<string, unknown> {
  const doc = MODEL_DOCUMENTS[name];
  const generated = z.toJSONSchema(doc.schema, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>;
  return {
    $schema: generated["$schema"],
    $id: `${JSON_SCHEMA_BASE}${name}.schema.json`,
    title: doc.title,
    description: doc.description,
    "x-taizhang-model-schema-version": MODEL_SCHEMA_VERSION,
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== "$schema" && key !== "description")),
  };
}

/** One violation of a document: where (a JSON path such as `$.tasks[3].title`) and what. */
export interface Violation {
  path: string;
  message: string;
}

/** `["tasks", 3, "title"]` → `$.tasks[3].title` (keys that are not identifiers are quoted: `$["牵头"]`). */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    const k = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(k) ? `${out}.${k}` : `${out}[${JSON.stringify(k)}]`;
  }, "$");
}

/** The kinds of file `validateDocument` recognises. */
export type DocumentKind = ModelDocumentName | "plans" | "history";

/**
 * Which document a parsed JSON value is meant to be, by its shape: a plan has
 * `schemaVersion` and `tasks`; a ledger export has `asOf` and `rows`; an array
 * of plans, of history entries (with `before` and `after`), or one checklist
 * item, progress or history entry.
 * Null when it looks like none of them.
 */
export function detectDocument(value: unknown): DocumentKind | null {
  const has = (v: unknown, ...keys: string[]) => typeof v === "object" && v !== null && !Array.isArray(v) && keys.every((k) => k in v);
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => has(v, "tasks"))) return "plans";
    if (value.length > 0 && value.every((v) => has(v, "before", "after"))) return "history";
    return null;
  }
  if (has(value, "asOf", "rows") || has(value, "asOf", "history")) return "ledger-export";
  if (has(value, "tasks") || has(value, "schemaVersion", "parts")) return "plan";
  if (has(value, "before", "after")) return "history-entry";
  if (has(value, "assignments") || has(value, "kind", "due", "taskId")) return "checklist-item";
  if (has(value, "status", "version")) return "progress";
  return null;
}

/** Every violation of `value` against the schema of `kind`, with JSON paths; empty when it is valid. */
export function validateDocument(kind: DocumentKind, value: unknown): Violation[] {
  const schema =
    kind === "plans" ? z.array(PlanSchema) : kind === "history" ? z.array(HistoryEntrySchema) : MODEL_DOCUMENTS[kind].schema;
  const result = (schema as z.ZodType).safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}
