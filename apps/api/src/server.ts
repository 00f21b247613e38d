import { ConfigError, parseConfig } from "./env.js";
import { createLogger } from "./logger.js";
import { startServer } from "./start-server.js";

// `pnpm start`: configuration from the environment, one process, one port.
let config;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`taizhang: ${error.message}\nSee docs/api.md for the environment variables.\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
const server = await startServer(config, { logger }).catch((error: unknown) => {
  const reason = error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ""}` : String(error);
  process.stderr.write(`taizhang: could not start: ${reason}\n`);
  process.exit(1);
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error("shutdown failed", { error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
