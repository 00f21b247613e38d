import { resolve } from "node:path";
import { loadBuiltInPlans, openLedger, type Actor } from "@taizhang/store";
import { fail, ok, type DataResult } from "./data-result.js";
import type { DataSource } from "./data-source.js";
import { LocalDataSource } from "./local-data-source.js";

/** The local server the TUI and CLI try first. */
export const DEFAULT_API = "http://127.0.0.1:8787";
/** How long the default server gets to answer /healthz before the embedded store is used. */
export const PROBE_TIMEOUT_MS = 300;

export interface SourceChoice {
  api?: string | undefined;
  token?: string | undefined;
  data?: string | undefined;
  local?: boolean | undefined;
  /** Who writes locally, as history shows it. */
  source: "tui" | "cli";
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether a server answers at a URL; replaceable in tests. */
  probe?: (baseUrl: string) => Promise<boolean>;
}

/** True when `<baseUrl>/healthz` answers 2xx within {@link PROBE_TIMEOUT_MS}. */
export async function probeServer(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/healthz", baseUrl), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    // No answer in time is exactly the case this probe exists for: fall back to the store.
    return false;
  }
}

export type SourceTarget = { kind: "remote"; url: string; token: string | null } | { kind: "local"; dir: string };

/**
 * Decides where the data comes from: `--api`/TAIZHANG_API names a server;
 * `--data` or `--local` the embedded store; otherwise the default server if
 * it answers, else the embedded store (TAIZHANG_DATA, default ./data).
 */
export async function chooseSource(choice: SourceChoice): Promise<SourceTarget> {
  const token = choice.token ?? choice.env.TAIZHANG_TOKEN ?? null;
  const dir = resolve(choice.cwd, choice.data ?? choice.env.TAIZHANG_DATA ?? "./data");
  if (choice.data !== undefined || choice.local) return { kind: "local", dir };
  const api = choice.api ?? choice.env.TAIZHANG_API;
  if (api) return { kind: "remote", url: api, token };
  const probe = choice.probe ?? probeServer;
  if (await probe(DEFAULT_API)) return { kind: "remote", url: DEFAULT_API, token };
  return { kind: "local", dir };
}

/**
 * Opens the embedded store in `dir` as a data source that writes as
 * `source`. A new store gets the built-in plans first, as the server does on
 * its first start, so `taizhang` works on a fresh machine without a server.
 */
export async function openLocal(dir: string, source: "tui" | "cli"): Promise<DataResult<DataSource>> {
  const actor: Actor = { name: source, role: "admin", unitId: null, source };
  try {
    const ledger = await openLedger({ dataDir: dir });
    try {
      if ((await ledger.listPlans()).length === 0) await loadBuiltInPlans(ledger);
    } catch (error) {
      await ledger.close();
      throw error;
    }
    return ok(new LocalDataSource(ledger, dir, actor));
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return fail("unavailable", `cannot open the store in ${dir}: ${error instanceof Error ? error.message : String(error)}${cause}`, { said: { key: "storeFailed", dir } });
  }
}
