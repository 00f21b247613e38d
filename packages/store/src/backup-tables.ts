import type { Database } from "./database.js";

/** What a backup checks a value against: text, a whole number or a double; `?` allows null. */
/** `bytes` is binary, written to the backup as base64 text. */
export type BackupColumnKind = "text" | "text?" | "integer" | "integer?" | "real" | "bytes";

/** One table as a backup writes it: every column, in this order, and the primary key rows are ordered by. */
export interface BackupTable {
  name: keyof Database & string;
  columns: ReadonlyArray<readonly [string, BackupColumnKind]>;
  key: readonly string[];
  /** Rows read and inserted per statement at most (plans carry their whole text). */
  batch: number;
}

/**
 * Declared per table so that tsc fails when database.ts gains a column the
 * backup does not list (every key of the row type must appear).
 */
function table<T extends keyof Database & string>(
  name: T,
  key: ReadonlyArray<keyof Database[T] & string>,
  columns: { [C in keyof Database[T] & string]-?: BackupColumnKind },
  batch = 1_000,
): BackupTable {
  return { name, key, columns: Object.entries(columns) as Array<[string, BackupColumnKind]>, batch };
}

/**
 * Every table of the store, parents before children (the order a restore
 * inserts in, foreign keys on). A new migration that adds a table or a
 * column must add it here; backup-tables.test.ts compares this list with
 * the database itself.
 */
export const BACKUP_TABLES: readonly BackupTable[] = [
  table(
    "plans",
    ["id"],
    {
      id: "text",
      title: "text",
      issuer: "text?",
      document_number: "text?",
      jurisdiction: "text",
      jurisdiction_level: "text",
      jurisdiction_parent: "text?",
      start_year: "integer",
      end_year: "integer",
      content_hash: "text",
      importer_version: "text",
      schema_version: "integer",
      counts_json: "text",
      loaded_at: "text",
      updated_at: "text",
      plan_json: "text",
    },
    8,
  ),
  table("parts", ["plan_id", "number"], { plan_id: "text", number: "integer", ordinal: "text", title: "text", kind: "text", text: "text" }),
  table("sections", ["plan_id", "number"], { plan_id: "text", number: "integer", part_number: "integer", ordinal: "text", title: "text" }),
  table("units", ["id"], { id: "text", name: "text", jurisdiction: "text", collective: "integer" }),
  table("unit_aliases", ["unit_id", "alias"], { unit_id: "text", alias: "text" }),
  table("plan_units", ["plan_id", "unit_id"], { plan_id: "text", unit_id: "text", position: "integer" }),
  table(
    "tasks",
    ["id"],
    {
      id: "text",
      plan_id: "text",
      number: "integer",
      ordinal: "text",
      part_number: "integer",
      section_number: "integer?",
      guarantee: "integer",
      first_due: "text",
      orphaned: "integer",
      title: "text",
      citations_json: "text",
      themes_json: "text",
      text: "text",
      original_text: "text?",
      search_text: "text",
    },
    200,
  ),
  table("task_themes", ["task_id", "theme"], { task_id: "text", theme: "text" }),
  table("task_units", ["task_id", "unit_id", "role"], { task_id: "text", unit_id: "text", role: "text", position: "integer" }),
  table("milestones", ["task_id", "idx"], {
    task_id: "text",
    idx: "integer",
    phrase: "text",
    clause: "text",
    due: "text",
    rule: "text",
    year_inferred: "integer",
  }),
  table("targets", ["task_id", "idx"], {
    task_id: "text",
    idx: "integer",
    metric: "text",
    comparator: "text",
    value: "real",
    unit: "text",
    per: "text?",
    phrase: "text",
    clause: "text",
    due: "text?",
  }),
  table("checklist_items", ["id"], {
    id: "text",
    plan_id: "text",
    task_id: "text",
    kind: "text",
    milestone_index: "integer?",
    label: "text",
    due: "text",
    target_indexes_json: "text",
    position: "integer",
    orphaned: "integer",
  }),
  table("progress", ["item_id", "unit_id"], {
    item_id: "text",
    unit_id: "text",
    role: "text",
    status: "text",
    percent: "integer",
    note: "text",
    evidence_json: "text",
    measured_value_json: "text?",
    version: "integer",
    updated_by: "text?",
    updated_at: "text?",
    orphaned: "integer",
    responsible_person_json: "text?",
    responsible_person_name: "text?",
  }),
  table("history", ["id"], {
    id: "integer",
    plan_id: "text",
    item_id: "text",
    unit_id: "text",
    version: "integer",
    actor: "text",
    source: "text",
    at: "text",
    before_json: "text",
    after_json: "text",
    note: "text?",
  }),
  table("assignment_history", ["id"], {
    id: "integer",
    plan_id: "text",
    task_id: "text",
    kind: "text",
    actor: "text",
    source: "text",
    at: "text",
    before_json: "text",
    after_json: "text",
    reason: "text?",
    orphaned_json: "text",
    restored_json: "text",
  }),
  // Tokens as stored: the sha256 of each secret, never a secret (the store has none).
  table("tokens", ["id"], {
    id: "text",
    name: "text",
    role: "text",
    unit_id: "text?",
    secret_hash: "text",
    created_at: "text",
    last_used_at: "text?",
    revoked_at: "text?",
  }),
  // Sessions as stored: the sha256 of each session id, never an id; they expire on their own.
  table("sessions", ["id_hash"], { id_hash: "text", token_id: "text", created_at: "text", expires_at: "text", last_seen: "text" }),
  // What migration 0009 repaired: a report, kept with the store it describes.
  table("text_repairs", ["id"], {
    id: "integer",
    table_name: "text",
    row_key: "text",
    field: "text",
    before_escaped: "text",
    after: "text",
    repaired_at: "text",
  }),
  // Evidence files held in the database (PostgreSQL, SQLite in memory); the embedded store's files are in <data>/evidence.
  table("evidence_files", ["sha256"], { sha256: "text", size: "integer", content: "bytes", created_at: "text" }, 1),
];
