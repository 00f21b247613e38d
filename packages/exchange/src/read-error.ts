/** Why a file could not be read as an edited ledger; nothing is read from it. */
export type LedgerFileProblem = "not_spreadsheet" | "too_large" | "unreadable" | "no_header" | "missing_columns" | "formula" | "empty";

/**
 * What reading an edited ledger may cost. Every limit is checked while the
 * file is read (a CSV as a stream, an .xlsx's zip directory before anything is
 * unpacked, then its sheet as a stream), so a file over one is refused as soon
 * as it is passed, not after the whole file was parsed.
 */
export interface ReadLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Most rows below the header row; blank rows count. */
  maxRows: number;
  /** Most cells in one row. */
  maxCells: number;
  /** Most entries (files) in an .xlsx's zip. */
  maxEntries: number;
  /** Largest uncompressed size of one entry of an .xlsx, in bytes. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries of an .xlsx together, in bytes. */
  maxUnzippedBytes: number;
  /** Highest compression ratio (uncompressed : compressed) of an .xlsx entry over 64 KiB. */
  maxRatio: number;
}

export type ReadLimit = keyof ReadLimits;

/** The defaults: a national ledger's largest plan has a few thousand rows and ~25 columns; its workbook unpacks to a few MiB. */
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxCells: 200,
  maxEntries: 500,
  maxEntryBytes: 64 * 1024 * 1024,
  maxUnzippedBytes: 128 * 1024 * 1024,
  maxRatio: 100,
};

export interface LedgerFileErrorDetails {
  /** The limit the file passed, and its value. */
  limit?: { name: ReadLimit; value: number };
  /**
   * What the underlying parser (zlib, the XML or CSV parser) said: for the
   * server's log, never for the person who uploaded the file.
   */
  reason?: string;
}

export class LedgerFileError extends Error {
  readonly limit: LedgerFileErrorDetails["limit"];
  readonly reason: string | undefined;

  constructor(
    readonly code: LedgerFileProblem,
    message: string,
    /** The cells concerned, e.g. ["台账!M12"], when the problem is in cells. */
    readonly cells: readonly string[] = [],
    details: LedgerFileErrorDetails = {},
  ) {
    super(message);
    this.name = "LedgerFileError";
    this.limit = details.limit;
    this.reason = details.reason;
  }
}

/** A {@link LedgerFileError} for a limit passed. */
export function overLimit(name: ReadLimit, value: number, message: string): LedgerFileError {
  return new LedgerFileError("too_large", message, [], { limit: { name, value } });
}

export const count = (n: number): string => n.toLocaleString("en");
