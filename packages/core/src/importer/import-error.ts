export const IMPORT_ERROR_CODES = [
  "empty-input",
  "binary-input",
  "not-a-plan",
  "period-unknown",
  "invalid-id",
  "invalid-jurisdiction",
  "invalid-plan",
  "merge-mismatch",
  "invalid-correction",
  "internal-error",
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/**
 * The one error the importer throws: the input cannot become a plan. The
 * message says what was wrong and, where it can, where (`line`, 1-based).
 */
export class ImportError extends Error {
  override readonly name = "ImportError";
  readonly code: ImportErrorCode;
  readonly line: number | null;

  constructor(code: ImportErrorCode, message: string, options: { line?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.line = options.line ?? null;
  }
}

export function isImportError(error: unknown): error is ImportError {
  return error instanceof ImportError;
}
