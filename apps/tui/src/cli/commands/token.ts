import { resolve } from "node:path";
import type { Ledger, Role, TokenRecord } from "@taizhang/store";
import type { CliIo, Command } from "../command.js";
import { EXIT_CODES, exitCodeOf, type DataError } from "../../data/data-result.js";
import type { DataOrigin } from "../../data/data-source.js";
import { problemText, type Subject } from "../../data/problem-messages.js";
import { parseCommandArgs } from "../ledger/source-options.js";
import { missingStoreFolder } from "../ledger/store-options.js";
import { printJson, usageError } from "../ledger/with-source.js";

const OPTIONS = {
  unit: { type: "string" },
  role: { type: "string" },
  name: { type: "string" },
  jurisdiction: { type: "string" },
  api: { type: "string" },
  token: { type: "string" },
  data: { type: "string" },
  "database-url": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const ROLES: readonly Role[] = ["admin", "office", "viewer"];

const HELP = `Usage: taizhang token create --role office|viewer|admin [--unit NAME] [--name N]
       taizhang token list
       taizhang token revoke ID

Manages access tokens. A token's secret is printed once, when it is made;
the store keeps only its hash.
  create           a new token; an office token needs --unit (its office may
                   change only its own unit's progress), viewer tokens only read,
                   admin tokens do everything
    --role R       office, viewer or admin
    --unit NAME    the office: a name, alias or id (e.g. 市政府法制办)
    --jurisdiction J  to tell apart offices of the same name (e.g. 成都市)
    --name N       shown in history (default: the unit and role)
  list             every token (never their secrets), with when each was last used
  revoke ID        stops a token at once

Where (default: the embedded store in TAIZHANG_DATA, or DATABASE_URL):
  --data DIR       the embedded store's directory (default ./data); it must exist:
                   give the server's data folder (its first start prints the command)
  --database-url URL  a PostgreSQL store instead (or DATABASE_URL)
  --api URL        a Taizhang server instead, with
  --token TOKEN    an admin token for it (or TAIZHANG_TOKEN)
Output:
  --json           JSON instead of text
  -h, --help       this help
`;

/** What a token command does: the app's token use cases, on the local store or through a server. */
interface TokenStore {
  create(input: { role: Role; unit: string | undefined; jurisdiction: string | undefined; name: string | undefined }): Promise<{ token: string; record: TokenRecord }>;
  list(): Promise<TokenRecord[]>;
  revoke(id: string): Promise<TokenRecord>;
  close(): Promise<void>;
}

/** A refusal to report as one line with its exit code. */
/** A refusal of the token command: a data error, said from the catalogue when printed. */
class TokenCommandError extends Error {
  constructor(readonly error: DataError) {
    super(error.message);
  }
}

const createInput = ({ role, unit, jurisdiction, name }: Parameters<TokenStore["create"]>[0]) => ({
  json: { role, ...(unit !== undefined ? { unit } : {}), ...(jurisdiction !== undefined ? { jurisdiction } : {}), ...(name !== undefined ? { name } : {}) },
});

/** Runs a use case (or a call of the API), turning a refusal into its exit code by the problem's code. */
async function refusing<T>(work: Promise<T>, hasToken: boolean, origin: DataOrigin, subject: Subject | null = null): Promise<T> {
  try {
    return await work;
  } catch (error) {
    // Loaded here, with the app and the client it reads errors of, so `token --help` loads neither.
    const { dataErrorOf } = await import("../../data/data-errors.js");
    const failed = dataErrorOf<T>(error, { hasToken, origin }, subject);
    if (failed.ok) return failed.value;
    throw new TokenCommandError(failed.error);
  }
}

/** A token's unit, named by the one creating it: what a refusal to find it is about. */
const unitSubject = (input: { unit?: string | undefined }): Subject | null => (input.unit !== undefined ? { kind: "unit", id: input.unit } : null);

async function localStore(dir: string | undefined, databaseUrl: string | undefined, io: CliIo): Promise<TokenStore> {
  const { loadBuiltInPlans, openLedger, PlanCatalog } = await import("@taizhang/store");
  const { createUseCases, invokeUseCase, localCaller } = await import("@taizhang/app");
  let ledger: Ledger;
  if (databaseUrl) ledger = await openLedger({ databaseUrl });
  else {
    const dataDir = resolve(io.cwd, dir ?? process.env.TAIZHANG_DATA ?? "./data");
    const missing = missingStoreFolder(dataDir, { kind: "databaseUrl" });
    if (missing !== null) throw new TokenCommandError({ kind: "unavailable", message: `no store in ${dataDir}`, said: missing });
    ledger = await openLedger({ dataDir });
  }
  // A store the server has never opened still needs the offices of the built-in plans.
  await loadBuiltInPlans(ledger);
  const useCases = createUseCases({ ledger, catalog: new PlanCatalog(ledger), clock: () => new Date() });
  const caller = localCaller("cli");
  const origin: DataOrigin = { kind: "local", location: databaseUrl ?? resolve(io.cwd, dir ?? process.env.TAIZHANG_DATA ?? "./data") };
  return {
    create: (input) => refusing(invokeUseCase(useCases, caller, "createToken", createInput(input)), true, origin, unitSubject(input)),
    list: async () => (await refusing(invokeUseCase(useCases, caller, "listTokens", {}), true, origin)).items,
    revoke: (id) => refusing(invokeUseCase(useCases, caller, "revokeToken", { params: { id } }), true, origin),
    close: () => ledger.close(),
  };
}

async function remoteStore(url: string, token: string, fetcher: typeof fetch | undefined): Promise<TokenStore> {
  const { TaizhangClient } = await import("@taizhang/client");
  const client = new TaizhangClient({ baseUrl: url, token, ...(fetcher ? { fetch: fetcher } : {}) });
  const origin: DataOrigin = { kind: "remote", location: url };
  return {
    create: (input) => refusing(client.op.createToken(createInput(input)), true, origin, unitSubject(input)),
    list: async () => (await refusing(client.op.listTokens(), true, origin)).items,
    revoke: (id) => refusing(client.op.revokeToken({ params: { id } }), true, origin),
    close: async () => undefined,
  };
}

function describeRecord(r: TokenRecord): string {
  const state = r.revokedAt ? `revoked ${r.revokedAt}` : r.lastUsedAt ? `last used ${r.lastUsedAt}` : "never used";
  return `${r.id}  ${r.role.padEnd(6)}  ${r.unitId ?? "-"}  ${r.name}  (created ${r.createdAt}, ${state})`;
}

/** `taizhang token …`; `fetch` is for tests that answer the API in process. */
export function tokenCommandWith(deps: { fetch?: typeof fetch } = {}): Command {
  return {
    name: "token",
    summary: "create, list and revoke access tokens (admin, office, viewer)",
    help: HELP,
    async run(args, io) {
      const p = parseCommandArgs(args, OPTIONS);
      if (!p.ok) return usageError(io, p.message, "token");
      const { values, positionals } = p.parsed;
      if (values.help) {
        io.stdout(HELP);
        return EXIT_CODES.ok;
      }
      const [action, ...rest] = positionals;
      if (action !== "create" && action !== "list" && action !== "revoke") return usageError(io, "say create, list or revoke", "token");
      if (action === "revoke" && rest.length !== 1) return usageError(io, "give the id of the token to revoke", "token");
      if (action !== "revoke" && rest.length > 0) return usageError(io, `unexpected ${rest.join(" ")}`, "token");
      const role = values.role as Role | undefined;
      if (action === "create") {
        if (role === undefined || !ROLES.includes(role)) return usageError(io, "--role must be office, viewer or admin", "token");
        if (role === "office" && values.unit === undefined) return usageError(io, "an office token needs --unit NAME", "token");
      }
      const adminToken = values.token ?? process.env.TAIZHANG_TOKEN;
      if (values.api !== undefined && !adminToken) return usageError(io, "--api needs --token with an admin token", "token");
      if (values.data !== undefined && values["database-url"] !== undefined) return usageError(io, "give --data or --database-url, not both", "token");
      const databaseUrl = values["database-url"] ?? (values.data === undefined ? process.env.DATABASE_URL?.trim() : undefined);

      let store: TokenStore;
      try {
        store = values.api !== undefined && adminToken ? await remoteStore(values.api, adminToken, deps.fetch) : await localStore(values.data, databaseUrl, io);
      } catch (error) {
        if (error instanceof TokenCommandError) {
          io.stderr(`taizhang token: ${problemText(error.error, io.lang ?? "zh")}\n`);
          return exitCodeOf(error.error);
        }
        io.stderr(`taizhang token: cannot open the store: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_CODES.unavailable;
      }
      try {
        if (action === "create" && role !== undefined) {
          const created = await store.create({ role, unit: values.unit, jurisdiction: values.jurisdiction, name: values.name });
          if (values.json) printJson(io, created);
          else {
            io.stdout(`Created ${describeRecord(created.record)}\n`);
            io.stdout(`The token is shown this once; hand it over safely:\n\n    ${created.token}\n\n`);
          }
        } else if (action === "list") {
          const records = await store.list();
          if (values.json) printJson(io, records);
          else io.stdout(records.length === 0 ? "No tokens.\n" : `${records.map(describeRecord).join("\n")}\n`);
        } else {
          const revoked = await store.revoke(rest[0] ?? "");
          if (values.json) printJson(io, revoked);
          else io.stdout(`Revoked ${describeRecord(revoked)}\n`);
        }
        return EXIT_CODES.ok;
      } catch (error) {
        if (!(error instanceof TokenCommandError)) throw error;
        io.stderr(`taizhang token: ${problemText(error.error, io.lang ?? "zh")}\n`);
        return exitCodeOf(error.error);
      } finally {
        await store.close();
      }
    },
  };
}

export const tokenCommand: Command = tokenCommandWith();
