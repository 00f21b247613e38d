export * from "./ledger.js";
export { openLedger, EVIDENCE_DIR_NAME, SQLITE_FILE_NAME, type OpenLedgerOptions } from "./open-ledger.js";
export { sha256Of, type EvidenceFiles, type StoredEvidenceFile } from "./evidence-files.js";
export { loadBuiltInPlans } from "./built-in-plans.js";
export type { SqliteSynchronous } from "./sqlite-dialect.js";
export type { StoreDialect } from "./store-dialect.js";
export { PlanCatalog, type CatalogView } from "./plan-catalog.js";
export { applyProgressImport, previewProgressImport, type ApplyImportOptions, type ImportRowPreview, type ImportSummary, type ProgressImportPreview, type ProgressImportResult } from "./progress-import.js";
export {
  appliedMigrations,
  backupLedger,
  restoreLedger,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupLines,
  type BackupSummary,
  type BackupTrailer,
  type BackupValue,
  type RestoreOptions,
  type RestoreSummary,
} from "./backup.js";
export { backupToFile, restoreFromFile } from "./backup-file.js";
export { BACKUP_TABLES } from "./backup-tables.js";
export { historyEntries } from "./history-entries.js";
export { MAX_TASK_IDS } from "./task-reads.js";
export { dropPostgresSchema, postgresSchemaBytes, rawNoteUpdate, rowCounts } from "./maintenance.js";
export { listTextRepairs, type TextRepair } from "./text-repairs.js";
