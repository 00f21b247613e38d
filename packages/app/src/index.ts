import type { AppDeps } from "./deps.js";
import { historyUseCases } from "./use-cases/history.js";
import { planUseCases } from "./use-cases/plans.js";
import { progressUseCases } from "./use-cases/progress.js";
import { reportUseCases } from "./use-cases/reports.js";
import { searchUseCases } from "./use-cases/search.js";
import { taskUseCases } from "./use-cases/tasks.js";
import { tokenUseCases } from "./use-cases/tokens.js";
import { unitUseCases } from "./use-cases/units.js";

export { AppError, isAppError } from "./app-error.js";
export { ANONYMOUS, actorOf, localCaller, type Caller, type ChangeSource } from "./caller.js";
export { authorize, may, POLICY, type Action } from "./policy.js";
export { checklistEntry, deadlineOf, resolveAsOf } from "./as-of.js";
export { fromStore, toAppError } from "./store-errors.js";
export type { AppDeps } from "./deps.js";
export type { UseCase, UseCasesFor } from "./use-case.js";
export { findUnit, resolveOneUnit } from "./use-cases/units.js";
export { textMatches } from "./use-cases/tasks.js";
export { checkEvidenceFiles, DEFAULT_EVIDENCE_LIMITS, evidenceFileName, evidenceUseCases, type EvidenceLimits, type EvidenceRowParams, type EvidenceUseCases } from "./use-cases/evidence.js";
export { invokeUseCase, type InvokableOperation, type InvokeInput } from "./invoke.js";
export { exportLedger, EXPORT_PAGE, MAX_EXPORT_HISTORY, type ExportedFile } from "./use-cases/exports.js";
export { checklistOf, checklistStoreFilter, DEFAULT_CHECKLIST_PAGE, type ChecklistQuery } from "./use-cases/plans.js";

/**
 * Every use case, by the operationId of its route: the API's routes, the
 * TUI's local mode and the CLI call these, and nothing else holds policy.
 */
export function createUseCases(deps: AppDeps) {
  return {
    ...planUseCases(deps),
    ...taskUseCases(deps),
    ...unitUseCases(deps),
    ...progressUseCases(deps),
    ...historyUseCases(deps),
    ...reportUseCases(deps),
    ...searchUseCases(deps),
    ...tokenUseCases(deps),
  };
}
export type UseCases = ReturnType<typeof createUseCases>;
