import type { ImportOptions, ImportResult } from "@taizhang/core";
import { LedgerFileError, type LedgerFile, type ReadLimit, type ReadLimits } from "@taizhang/exchange";
import type { ApiConfig } from "../env.js";
import type { Logger } from "../logger.js";
import { ApiError } from "../problem.js";
import { ParsePoolError, parsePoolFor } from "./parse-pool.js";

/** The setting behind each limit of reading a ledger, as a refusal names it (docs/api.md, Limits). */
export const LIMIT_SETTINGS: Record<ReadLimit, string> = {
  maxBytes: "TAIZHANG_IMPORT_BODY_LIMIT",
  maxRows: "TAIZHANG_UPLOAD_MAX_ROWS",
  maxCells: "TAIZHANG_UPLOAD_MAX_CELLS",
  maxEntries: "TAIZHANG_XLSX_MAX_ENTRIES",
  maxEntryBytes: "TAIZHANG_XLSX_MAX_ENTRY_SIZE",
  maxUnzippedBytes: "TAIZHANG_XLSX_MAX_UNZIPPED",
  maxRatio: "TAIZHANG_XLSX_MAX_RATIO",
};

/** The limits of reading an upload under a configuration. */
export function readLimitsOf(config: ApiConfig): ReadLimits {
  return { maxBytes: config.importBodyLimit, ...config.uploadLimits };
}

interface Context {
  config: ApiConfig;
  logger: Logger;
  requestId: string;
}

/** A pool refusal as the API's problem: 503 when busy, 422 naming the worker limit passed. */
function poolProblem(error: ParsePoolError, config: ApiConfig, kind: "invalid-ledger-file" | "import-failed", code: string): ApiError | ParsePoolError {
  switch (error.problem) {
    case "busy":
      return new ApiError("busy", error.message);
    case "timeout":
      return new ApiError(kind, error.message, { code, limit: { name: "TAIZHANG_PARSE_TIMEOUT", value: config.parseWorkers.timeoutMs } });
    case "memory":
      return new ApiError(kind, error.message, { code, limit: { name: "TAIZHANG_PARSE_MEMORY", value: config.parseWorkers.memoryBytes } });
    default:
      return error;
  }
}

/**
 * Reads an uploaded ledger on a parse worker, within the configured limits.
 * A file that cannot be read becomes a 413 (over the size limit) or 422
 * problem naming what is wrong and, for a limit, its setting and value; what
 * the parser itself said goes to the log only.
 */
export async function readUploadedLedger(bytes: Uint8Array, c: Context): Promise<LedgerFile> {
  try {
    return await parsePoolFor(c.config.parseWorkers).run({ kind: "ledger-file", bytes, limits: readLimitsOf(c.config) });
  } catch (error) {
    if (error instanceof ParsePoolError) throw poolProblem(error, c.config, "invalid-ledger-file", "too_large");
    if (!(error instanceof LedgerFileError)) throw error;
    if (error.reason !== undefined) c.logger.warn("ledger file unreadable", { requestId: c.requestId, code: error.code, reason: error.reason });
    const limit = error.limit ? { name: LIMIT_SETTINGS[error.limit.name], value: error.limit.value } : undefined;
    if (error.limit?.name === "maxBytes") throw new ApiError("payload-too-large", error.message, { code: error.code, ...(limit ? { limit } : {}) });
    throw new ApiError("invalid-ledger-file", error.message, { code: error.code, ...(limit ? { limit } : {}) });
  }
}

/** Runs the importer on a plan's text on a parse worker; an ImportError comes back as itself (the app answers 422). */
export async function importPlanOffLoop(text: string, options: ImportOptions, c: Omit<Context, "logger" | "requestId">): Promise<ImportResult> {
  try {
    return await parsePoolFor(c.config.parseWorkers).run({ kind: "plan-text", text, options });
  } catch (error) {
    if (error instanceof ParsePoolError) throw poolProblem(error, c.config, "import-failed", "too-large");
    throw error;
  }
}
