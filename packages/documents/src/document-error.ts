export const DOCUMENT_ERROR_CODES = [
  "empty-file",
  "binary-file",
  "undecodable-text",
  "unsupported-format",
  "legacy-format",
  "conversion-failed",
  "damaged-file",
  "encrypted-file",
  "no-text",
] as const;
export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

/** A file that cannot be read as a plan document; the message says what it is and what to do. */
export class DocumentError extends Error {
  override readonly name = "DocumentError";
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export function isDocumentError(error: unknown): error is DocumentError {
  return error instanceof DocumentError;
}
