import {
  AssignmentHistoryEntrySchema,
  type AssignmentHistoryEntry,
  ProgressSchema,
  TaskSchema,
  type HistoryEntry,
  HistoryEntrySchema,
  type Jurisdiction,
  JurisdictionSchema,
  type Progress,
  type Task,
  type Unit,
  type UnitId,
  UnitSchema,
} from "@taizhang/core";
import type { Selectable } from "kysely";
import type { AssignmentHistoryTable, HistoryTable, MilestonesTable, PlansTable, ProgressTable, TargetsTable, TasksTable, TokensTable, UnitsTable } from "./database.js";
import type { Role, TokenRecord } from "./ledger.js";

/*
 * Rows become model objects through core's zod schemas: a row that no longer
 * fits the model (a hand-edited database, a half-applied migration) fails
 * loudly here instead of leaking a malformed object to the API.
 */

export function toProgress(row: Selectable<ProgressTable>): Progress {
  return ProgressSchema.parse({
    itemId: row.item_id,
    unitId: row.unit_id,
    status: row.status,
    percent: row.percent,
    note: row.note,
    evidence: JSON.parse(row.evidence_json),
    measuredValue: row.measured_value_json === null ? null : JSON.parse(row.measured_value_json),
    responsiblePerson: row.responsible_person_json === null ? null : JSON.parse(row.responsible_person_json),
    version: row.version,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  });
}

export function toHistoryEntry(row: Selectable<HistoryTable>): HistoryEntry {
  return HistoryEntrySchema.parse({
    id: row.id,
    itemId: row.item_id,
    unitId: row.unit_id,
    version: row.version,
    actor: row.actor,
    source: row.source,
    at: row.at,
    // Entries written before migration 0004 have no responsiblePerson: they named no one.
    before: { responsiblePerson: null, ...JSON.parse(row.before_json) },
    after: { responsiblePerson: null, ...JSON.parse(row.after_json) },
    note: row.note,
  });
}

export function toAssignmentHistoryEntry(row: Selectable<AssignmentHistoryTable>): AssignmentHistoryEntry {
  return AssignmentHistoryEntrySchema.parse({
    id: row.id,
    planId: row.plan_id,
    taskId: row.task_id,
    kind: row.kind,
    actor: row.actor,
    source: row.source,
    at: row.at,
    before: JSON.parse(row.before_json),
    after: JSON.parse(row.after_json),
    reason: row.reason,
    orphaned: JSON.parse(row.orphaned_json),
    restored: JSON.parse(row.restored_json),
  });
}

export function toJurisdiction(row: Pick<Selectable<PlansTable>, "jurisdiction" | "jurisdiction_level" | "jurisdiction_parent">): Jurisdiction {
  return JurisdictionSchema.parse({ name: row.jurisdiction, level: row.jurisdiction_level, parent: row.jurisdiction_parent });
}

export function toUnit(row: Selectable<UnitsTable>, aliases: string[]): Unit {
  return UnitSchema.parse({
    id: row.id,
    name: row.name,
    aliases,
    jurisdiction: row.jurisdiction,
    collective: row.collective === 1,
  });
}

export function toTokenRecord(row: Selectable<TokensTable>): TokenRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    unitId: row.unit_id as UnitId | null,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export interface TaskParts {
  lead: string[];
  responsible: string[];
  milestones: Array<Selectable<MilestonesTable>>;
  targets: Array<Selectable<TargetsTable>>;
}

export function toTask(row: Selectable<TasksTable>, parts: TaskParts): Task {
  return TaskSchema.parse({
    id: row.id,
    planId: row.plan_id,
    number: row.number,
    ordinal: row.ordinal,
    partNumber: row.part_number,
    sectionNumber: row.section_number,
    guarantee: row.guarantee === 1,
    title: row.title,
    text: row.text,
    originalText: row.original_text,
    lead: parts.lead,
    responsible: parts.responsible,
    milestones: parts.milestones.map((m) => ({
      index: m.idx,
      phrase: m.phrase,
      clause: m.clause,
      due: m.due,
      rule: m.rule,
      yearInferred: m.year_inferred === 1,
    })),
    targets: parts.targets.map((t) => ({
      index: t.idx,
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      unit: t.unit,
      per: t.per,
      phrase: t.phrase,
      clause: t.clause,
      due: t.due,
    })),
    citations: JSON.parse(row.citations_json),
    themes: JSON.parse(row.themes_json),
  });
}
