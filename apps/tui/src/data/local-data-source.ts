import { actorOf, AppError, createUseCases, exportLedger, fromStore, invokeUseCase, type AppDeps, type Caller, type InvokableOperation, type InvokeInput, type UseCases } from "@taizhang/app";
import { LedgerExportQuery, type RouteOutput, type Routes } from "@taizhang/contract";
import { LedgerFileError, readLedgerFile, type LedgerFile } from "@taizhang/exchange";
import { applyProgressImport, PlanCatalog, previewProgressImport, type Actor, type Ledger } from "@taizhang/store";
import type { DataOrigin, Identity, LedgerImportOutcome } from "./data-source.js";
import type { Door, LedgerExportFile, LedgerExportRequest } from "./door.js";
import { UseCaseDataSource } from "./use-case-data-source.js";

/**
 * The door of the embedded store: the application layer's use cases, called
 * as the local caller. Local use is trusted: it acts as an admin named after
 * where the change came from ("tui" or "cli").
 */
export class LocalDoor implements Door {
  readonly origin: DataOrigin;
  readonly hasToken = true;
  private readonly useCases: UseCases;
  private readonly deps: AppDeps;
  private readonly caller: Extract<Caller, { kind: "token" }>;

  constructor(
    private readonly ledger: Ledger,
    location: string,
    actor: Actor,
    clock: () => Date = () => new Date(),
  ) {
    this.origin = { kind: "local", location };
    this.caller = { kind: "token", tokenId: null, name: actor.name, role: actor.role, unitId: actor.unitId, source: actor.source };
    // The catalog keeps the stored plans and their search index current with the store (another process may import).
    this.deps = { ledger, catalog: new PlanCatalog(ledger), clock };
    this.useCases = createUseCases(this.deps);
  }

  call<K extends InvokableOperation>(operation: K, input: InvokeInput<K>): Promise<RouteOutput<Routes[K]>> {
    return invokeUseCase(this.useCases, this.caller, operation, input);
  }

  whoami(): Promise<Identity> {
    const { name, role, unitId } = this.caller;
    return Promise.resolve({ name, role, unitId, location: this.origin.location, kind: "local", canWrite: role !== "viewer" });
  }

  async importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<LedgerImportOutcome> {
    let read: LedgerFile;
    try {
      read = await readLedgerFile(file.bytes);
    } catch (error) {
      if (error instanceof LedgerFileError) throw new AppError("invalid-ledger-file", error.message, { code: error.code });
      throw error;
    }
    const info = { name: file.name, format: read.format, sheet: read.sheet, ignoredHeaders: read.ignoredHeaders };
    const actor = actorOf(this.caller);
    if (!options.apply) return { file: info, ...(await fromStore(previewProgressImport(this.ledger, actor, read.rows))), applied: false, written: 0 };
    return { file: info, ...(await fromStore(applyProgressImport(this.ledger, actor, read.rows, { skipRejected: options.skipRejected, fileName: file.name }))) };
  }

  async exportLedger(query: LedgerExportRequest): Promise<LedgerExportFile> {
    // Checked by the route's own schema, as the API would check it.
    const parsed = LedgerExportQuery.safeParse(query);
    if (!parsed.success) throw new AppError("validation-failed", parsed.error.issues.map((i) => `query.${i.path.join(".")}: ${i.message}`).join("; "));
    const file = await exportLedger(this.deps, this.caller, parsed.data);
    return { name: file.name, body: file.body, written: file.written };
  }

  close(): Promise<void> {
    return this.ledger.close();
  }
}

/** The data source over the embedded store, opened directly (SQLite in WAL mode is safe beside a running server). */
export class LocalDataSource extends UseCaseDataSource {
  constructor(ledger: Ledger, location: string, actor: Actor, clock?: () => Date) {
    super(new LocalDoor(ledger, location, actor, clock));
  }
}
