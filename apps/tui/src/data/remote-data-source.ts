import type { InvokableOperation, InvokeInput } from "@taizhang/app";
import { TaizhangApiError, TaizhangClient, type CallOptions } from "@taizhang/client";
import { routes, type RouteOutput, type Routes } from "@taizhang/contract";
import type { DataOrigin, Identity, LedgerImportOutcome } from "./data-source.js";
import type { Door, LedgerExportFile, LedgerExportRequest } from "./door.js";
import { UseCaseDataSource } from "./use-case-data-source.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The door of a Taizhang server: its routes, through `@taizhang/client` (answers checked against the contract). */
export class RemoteDoor implements Door {
  readonly origin: DataOrigin;
  readonly hasToken: boolean;
  private readonly client: TaizhangClient;

  constructor(baseUrl: string, token: string | null, fetchImpl?: (input: string, init: RequestInit) => Promise<Response>) {
    this.origin = { kind: "remote", location: baseUrl };
    this.hasToken = token !== null;
    this.client = new TaizhangClient({ baseUrl, ...(token !== null ? { token } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  }

  call<K extends InvokableOperation>(operation: K, input: InvokeInput<K>): Promise<RouteOutput<Routes[K]>> {
    const { headers, ...rest } = input as { headers?: Record<string, string> };
    const send = this.client.op[operation] as unknown as (input: unknown, options: CallOptions) => Promise<RouteOutput<Routes[K]>>;
    return send(rest, headers ? { headers } : {});
  }

  async whoami(): Promise<Identity> {
    const location = this.origin.location;
    if (!this.hasToken) return { name: "anonymous", role: "anonymous", unitId: null, location, kind: "remote", canWrite: false };
    const session = await this.client.op.getSession();
    if (!session.signedIn) return { name: "anonymous", role: "anonymous", unitId: null, location, kind: "remote", canWrite: false };
    const { name, role, unitId } = session;
    return { name, role, unitId, location, kind: "remote", canWrite: role !== "viewer" };
  }

  async importLedger(file: { bytes: Uint8Array; name: string | null }, options: { apply: boolean; skipRejected: boolean }): Promise<LedgerImportOutcome> {
    const query = { apply: options.apply, skipRejected: options.skipRejected, ...(file.name ? { fileName: file.name } : {}) };
    const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
    try {
      return await this.client.call(routes.importLedger, { query }, { raw: { body: file.bytes, contentType: isZip ? XLSX : "text/csv" } });
    } catch (error) {
      // A refused apply carries the rows and why: that is an answer, not a failure.
      if (error instanceof TaizhangApiError && error.code === "import-rejected" && error.problem.import) return error.problem.import;
      throw error;
    }
  }

  async exportLedger(query: LedgerExportRequest): Promise<LedgerExportFile> {
    const res = await this.client.send(routes.exportLedger, { query });
    const disposition = res.headers.get("content-disposition") ?? "";
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const name = encoded !== undefined ? decodeURIComponent(encoded) : "ledger";
    const body = res.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    return { name, body: body as unknown as AsyncIterable<Uint8Array>, written: () => null };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The data source over a Taizhang server; nothing is sent until the first call. */
export class RemoteDataSource extends UseCaseDataSource {
  constructor(baseUrl: string, token: string | null, fetchImpl?: (input: string, init: RequestInit) => Promise<Response>) {
    super(new RemoteDoor(baseUrl, token, fetchImpl));
  }
}
