import type { InvokableOperation, InvokeInput } from "@taizhang/app";
import type { LedgerExportQuery, RouteOutput, Routes } from "@taizhang/contract";
import type { DataOrigin, Identity, LedgerImportOutcome } from "./data-source.js";

/**
 * How a data source reaches the use cases: on this machine, by calling them
 * (`@taizhang/app`, as the local caller), or across the network, by calling
 * the API's routes (`@taizhang/client`). Both take a route's input and answer
 * its output; both throw (an `AppError` or a `TaizhangApiError`, each with the
 * problem code of the contract; `TaizhangNetworkError`) and the data source
 * turns what they throw into results, once.
 */
export interface Door {
  readonly origin: DataOrigin;
  /** Whether the caller holds a token (a remote door without one is anonymous). */
  readonly hasToken: boolean;
  call<K extends InvokableOperation>(operation: K, input: InvokeInput<K>): Promise<RouteOutput<Routes[K]>>;
  whoami(): Promise<Identity>;
  /** An edited ledger: previewed, or applied; a refused apply is an answer (`applied: false`), not a throw. */
  importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<LedgerImportOutcome>;
  /** A ledger export as the API's export route makes it: its file name and its bytes as they are made. */
  exportLedger(query: LedgerExportRequest): Promise<LedgerExportFile>;
  close(): Promise<void>;
}

/** What an export asks for, as a caller gives it (the route's defaults fill in the rest). */
export type LedgerExportRequest = Partial<Omit<LedgerExportQuery, "planId" | "unitId">> & { planId?: string; unitId?: string };

/** An export being made: its name, its bytes, and (when this side made it) how many rows it holds. */
export interface LedgerExportFile {
  name: string;
  body: AsyncIterable<Uint8Array>;
  /** Ledger and history rows written, once `body` is read through; null when a server made the file. */
  written(): { rows: number; changes: number } | null;
}
