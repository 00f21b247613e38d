import { ImportError, importPlan, type ImportErrorCode, type ImportOptions, type ImportResult } from "@taizhang/core";
import { LedgerFileError, readLedgerFile, type LedgerFile, type LedgerFileProblem, type ReadLimit, type ReadLimits } from "@taizhang/exchange";

/*
 * What the parse workers do, as plain functions and messages: a job in, an
 * outcome out, errors as data (a structured clone keeps no classes) and made
 * into the same error classes again on the other side.
 */

/** Work that parses what a user sent. */
export type ParseJob = { kind: "ledger-file"; bytes: Uint8Array; limits: ReadLimits } | { kind: "plan-text"; text: string; options: ImportOptions };

export type ParseValue<J extends ParseJob> = J extends { kind: "ledger-file" } ? LedgerFile : ImportResult;

/** An error as it crosses between threads. */
export type SerializedError =
  | { kind: "ledger-file"; code: LedgerFileProblem; message: string; cells: string[]; limit?: { name: ReadLimit; value: number }; reason?: string }
  | { kind: "import"; code: ImportErrorCode; message: string; line: number | null }
  | { kind: "unexpected"; name: string; message: string; stack?: string };

export type ParseOutcome = { ok: true; value: LedgerFile | ImportResult } | { ok: false; error: SerializedError };

/** Runs a job in this thread. */
export async function runParseJob(job: ParseJob): Promise<LedgerFile | ImportResult> {
  if (job.kind === "ledger-file") return readLedgerFile(job.bytes, job.limits);
  return importPlan(job.text, job.options);
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof LedgerFileError) {
    return {
      kind: "ledger-file",
      code: error.code,
      message: error.message,
      cells: [...error.cells],
      ...(error.limit ? { limit: error.limit } : {}),
      ...(error.reason !== undefined ? { reason: error.reason } : {}),
    };
  }
  if (error instanceof ImportError) return { kind: "import", code: error.code, message: error.message, line: error.line };
  if (error instanceof Error) return { kind: "unexpected", name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { kind: "unexpected", name: "Error", message: String(error) };
}

/** The error a job threw, as the class it was. */
export function deserializeError(error: SerializedError): Error {
  switch (error.kind) {
    case "ledger-file":
      return new LedgerFileError(error.code, error.message, error.cells, { ...(error.limit ? { limit: error.limit } : {}), ...(error.reason !== undefined ? { reason: error.reason } : {}) });
    case "import":
      return new ImportError(error.code, error.message, { line: error.line });
    default: {
      const made = new Error(error.message);
      made.name = error.name;
      if (error.stack) made.stack = error.stack;
      return made;
    }
  }
}
