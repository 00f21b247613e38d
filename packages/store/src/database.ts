import type { Generated } from "kysely";

/**
 * The tables as Kysely sees them. Column types are the ones both SQLite and
 * PostgreSQL accept: text, integer, double precision. Booleans are integers
 * (0/1), JSON is text, timestamps are ISO-8601 text (they sort as text).
 */
export interface Database {
  plans: PlansTable;
  parts: PartsTable;
  sections: SectionsTable;
  tasks: TasksTable;
  units: UnitsTable;
  unit_aliases: UnitAliasesTable;
  plan_units: PlanUnitsTable;
  task_units: TaskUnitsTable;
  /** One row per theme of a task (migration 0003), for the theme filter. */
  task_themes: TaskThemesTable;
  milestones: MilestonesTable;
  targets: TargetsTable;
  checklist_items: ChecklistItemsTable;
  progress: ProgressTable;
  history: HistoryTable;
  /** One row per change of a task's units (migration 0008). */
  assignment_history: AssignmentHistoryTable;
  tokens: TokensTable;
  /** One row per stored text migration 0009 repaired (docs/reliability.md). */
  text_repairs: TextRepairsTable;
  /** Web sessions (migration 0010): the hash of each session id, never the id. */
  sessions: SessionsTable;
  /** Uploaded evidence files by sha256 (migration 0011); empty on the embedded store, which keeps them as files. */
  evidence_files: EvidenceFilesTable;
}

export interface EvidenceFilesTable {
  sha256: string;
  size: number;
  content: Uint8Array;
  created_at: string;
}

export interface PlansTable {
  id: string;
  title: string;
  issuer: string | null;
  document_number: string | null;
  jurisdiction: string;
  jurisdiction_level: string;
  jurisdiction_parent: string | null;
  start_year: number;
  end_year: number;
  /** The plan document as loaded (JSON text): the importer's output, kept verbatim. */
  plan_json: string;
  /** sha256 (hex) of the canonical plan JSON: equal hash, nothing to load. */
  content_hash: string;
  importer_version: string;
  schema_version: number;
  /** PlanSummary counts (JSON text). */
  counts_json: string;
  loaded_at: string;
  updated_at: string;
}

export interface PartsTable {
  plan_id: string;
  number: number;
  ordinal: string;
  title: string;
  kind: string;
  text: string;
}

export interface SectionsTable {
  plan_id: string;
  number: number;
  part_number: number;
  ordinal: string;
  title: string;
}

export interface TasksTable {
  id: string;
  plan_id: string;
  number: number;
  ordinal: string;
  part_number: number;
  section_number: number | null;
  guarantee: number;
  title: string;
  text: string;
  original_text: string | null;
  /** Title and text folded by core's search normalisation; what the free-text filter matches. */
  search_text: string;
  citations_json: string;
  themes_json: string;
  /** Earliest due date of the task's checklist items: the key of the "due" sort. */
  first_due: string;
  /** 1 when a newer version of the plan no longer has this task. */
  orphaned: number;
}

export interface UnitsTable {
  id: string;
  name: string;
  jurisdiction: string;
  collective: number;
}

export interface UnitAliasesTable {
  unit_id: string;
  alias: string;
}

export interface PlanUnitsTable {
  plan_id: string;
  unit_id: string;
  position: number;
}

export interface TaskUnitsTable {
  task_id: string;
  unit_id: string;
  role: string;
  position: number;
}

export interface MilestonesTable {
  task_id: string;
  idx: number;
  phrase: string;
  clause: string;
  due: string;
  rule: string;
  year_inferred: number;
}

export interface TargetsTable {
  task_id: string;
  idx: number;
  metric: string;
  comparator: string;
  value: number;
  unit: string;
  per: string | null;
  phrase: string;
  clause: string;
  due: string | null;
}

export interface ChecklistItemsTable {
  id: string;
  plan_id: string;
  task_id: string;
  kind: string;
  milestone_index: number | null;
  label: string;
  due: string;
  target_indexes_json: string;
  /** Order within the plan (task by task, milestones before the whole-task item). */
  position: number;
  orphaned: number;
}

export interface ProgressTable {
  item_id: string;
  unit_id: string;
  role: string;
  status: string;
  percent: number;
  note: string;
  evidence_json: string;
  measured_value_json: string | null;
  /** Migration 0004: the 责任人 as JSON, null when none is named. */
  responsible_person_json: string | null;
  responsible_person_name: string | null;
  version: number;
  updated_by: string | null;
  updated_at: string | null;
  /** 1 when the item or the unit's assignment vanished from the plan; kept, never deleted. */
  orphaned: number;
}

export interface AssignmentHistoryTable {
  id: Generated<number>;
  plan_id: string;
  task_id: string;
  kind: string;
  actor: string;
  source: string;
  at: string;
  /** {lead, responsible} unit ids (JSON text). */
  before_json: string;
  after_json: string;
  reason: string | null;
  /** [{itemId, unitId, version}] (JSON text): rows the change orphaned, and rows it brought back. */
  orphaned_json: string;
  restored_json: string;
}

export interface HistoryTable {
  id: Generated<number>;
  plan_id: string;
  item_id: string;
  unit_id: string;
  version: number;
  actor: string;
  source: string;
  at: string;
  before_json: string;
  after_json: string;
  note: string | null;
}

export interface TokensTable {
  id: string;
  name: string;
  role: string;
  unit_id: string | null;
  /** sha256 (hex) of the secret; the secret itself is never stored. */
  secret_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface TaskThemesTable {
  task_id: string;
  theme: string;
}

export interface TextRepairsTable {
  id: Generated<number>;
  /** The table and the row (its key values joined by `|`) whose text was repaired. */
  table_name: string;
  row_key: string;
  /** The column, and for JSON columns the path of the first bad string, e.g. `after_json.note`. */
  field: string;
  /** The text before, its unstorable characters written `\u{…}` (so the report itself is storable). */
  before_escaped: string;
  after: string;
  repaired_at: string;
}

export interface SessionsTable {
  /** sha256 (hex) of the session id the cookie holds. */
  id_hash: string;
  token_id: string;
  created_at: string;
  expires_at: string;
  last_seen: string;
}
