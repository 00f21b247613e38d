export * from "./model/ids.js";
export * from "./model/citation.js";
export * from "./model/unit.js";
export * from "./model/milestone.js";
export * from "./model/target.js";
export * from "./model/task.js";
export * from "./model/provenance.js";
export * from "./model/plan.js";
export * from "./model/checklist.js";
export * from "./model/progress.js";
export * from "./model/assignment.js";
export * from "./domain/calendar.js";
export * from "./domain/deadlines.js";
export * from "./domain/plan-limits.js";
export * from "./domain/checklist.js";
export * from "./domain/rollup.js";
export * from "./search/search-index.js";
export * from "./search/search-result.js";
export * from "./search/normalize.js";
export * from "./search/query.js";
export type { SearchablePlan } from "./search/search-document.js";
export * from "./domain/plan-summary.js";
export * from "./domain/plan-replacement.js";
export { importPlan, checkInput, IMPORTER_VERSION, type ImportOptions, type ImportResult } from "./importer/import-plan.js";
export { ImportError, isImportError, IMPORT_ERROR_CODES, type ImportErrorCode } from "./importer/import-error.js";
export { mergeImports } from "./importer/merge.js";
export { documentText, taskTableLines, type DocumentBlock, type TableCell } from "./importer/document-text.js";
export {
  applyImportCorrections,
  ImportCorrectionsSchema,
  TaskCorrectionSchema,
  type ImportCorrections,
  type TaskCorrection,
} from "./importer/corrections.js";
export { normalizeText, type NormalizedText, type Script, type SourceFormat } from "./importer/normalize.js";
export { builtInPlans, getBuiltInPlan, BUILT_IN_PLAN_IDS } from "./plans/index.js";
export { buildPlan, buildPlans, serializePlan, PlanManifestSchema, type PlanManifest, type SourceText } from "./plans/build-plans.js";
export * from "./themes/taxonomy.js";
export * from "./themes/classify-task.js";
export * from "./themes/classify-plan.js";
export * from "./themes/coverage-matrix.js";
export { THEME_OVERRIDES, type ThemeOverride } from "./themes/overrides.js";
export { THEME_RULES, TITLE_MIN_WEIGHT, GUARANTEE_HEADING_TERMS, type ThemeRule } from "./themes/theme-rules.js";
export * from "./concordance/concordance.js";
export * from "./concordance/regional-report.js";
export { DOMAIN_TERMS, sharedTerms } from "./concordance/domain-terms.js";
export * from "./schema/json-schemas.js";
export * from "./domain/ledger-rows.js";
export * from "./domain/ledger-import.js";
export * from "./domain/history-rows.js";
export * from "./domain/stored-text.js";
export * from "./domain/progress-consistency.js";
export * from "./domain/target-attainment.js";
export * from "./domain/evidence-file.js";
