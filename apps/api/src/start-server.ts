import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { loadBuiltInPlans, openLedger, PlanCatalog, type Ledger } from "@taizhang/store";
import { answerClientError } from "./client-error.js";
import { createApp } from "./app.js";
import type { ApiConfig } from "./env.js";
import { createLogger, type Logger } from "./logger.js";
import { hasWebApp } from "./web-app.js";

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:8787/ (the real port when PORT=0). */
  url: string;
  ledger: Ledger;
  /** Stops accepting requests, waits for open ones, closes the store. */
  close(): Promise<void>;
}

/** Lines for people (not JSON): the start banner and the one-time admin token. */
export type Say = (line: string) => void;

const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

/**
 * The first-start hint's command for this server's own store: its data folder
 * as an absolute path (a relative one would mean another store from another
 * folder), or its PostgreSQL URL without the password.
 */
export function tokenCreateHint(config: Pick<ApiConfig, "dataDir" | "databaseUrl">): string[] {
  const command = "    taizhang token create --unit 市政府法制办 --role office";
  if (config.databaseUrl === null) return [`${command} --data ${shellWord(resolve(config.dataDir))}`];
  const url = new URL(config.databaseUrl);
  if (url.password === "") return [`${command} --database-url ${shellWord(url.toString())}`];
  url.password = "";
  return [`${command} --database-url ${shellWord(url.toString())}`, "    (the URL without its password: add it, or set DATABASE_URL as for the server and leave out --database-url)"];
}

/**
 * Opens the store (SQLite in the data directory, or PostgreSQL by URL),
 * loads the built-in plans (idempotent), mints the first admin token on the
 * very first start, and serves the app.
 */
export async function startServer(
  config: ApiConfig,
  options: { logger?: Logger; say?: Say } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const ledger = config.databaseUrl ? await openLedger({ databaseUrl: config.databaseUrl }) : await openLedger({ dataDir: config.dataDir });
  let server: ServerType | undefined;
  try {
    const loads = await loadBuiltInPlans(ledger);
    const changed = loads.filter((l) => l.action !== "unchanged");
    if (changed.length > 0) logger.info("built-in plans loaded", { plans: changed.map((l) => `${l.planId}: ${l.action}`) });

    if ((await ledger.listTokens()).length === 0) {
      const { token } = await ledger.createToken({ name: "管理员 first admin", role: "admin", unitId: null });
      say("");
      say("First start: this admin token is shown once and never again. Keep it safe:");
      say("");
      say(`    ${token}`);
      say("");
      say("Create a token for each office with it, on this machine (from any folder):");
      for (const line of tokenCreateHint(config)) say(line);
      say("or remotely:");
      say("    taizhang token create --unit 市政府法制办 --role office --api http://HOST:PORT --token <admin token>");
      say("");
    }

    const catalog = new PlanCatalog(ledger);
    const app = createApp({ ledger, config, logger, catalog });
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
      s.once("error", reject);
    });
    server.on("clientError", answerClientError);
    const address = server.address() as AddressInfo;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    const url = `http://${host}:${address.port}/`;
    if (!hasWebApp(config.webDist)) logger.warn("no built web app; only the API is served", { webDist: config.webDist });
    say(`Taizhang is running at ${url} (API: /api, docs: /docs)`);
    // Build the search index now, not on the first search; requests that come meanwhile wait for it.
    const warming = performance.now();
    const warmed = catalog.view().then(
      (view) => logger.info("search index ready", { plans: view.plans.length, ms: Math.round(performance.now() - warming) }),
      (error: unknown) => logger.warn("search index not built; it is built on the first search", { error: error instanceof Error ? error.message : String(error) }),
    );

    const running = server;
    let closing: Promise<void> | undefined;
    return {
      url,
      ledger,
      close: () =>
        (closing ??= (async () => {
          await new Promise<void>((resolve) => running.close(() => resolve()));
          await warmed;
          await ledger.close();
        })()),
    };
  } catch (error) {
    server?.close();
    await ledger.close();
    throw error;
  }
}
