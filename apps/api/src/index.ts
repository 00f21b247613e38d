import { hc } from "hono/client";
import type { AppType } from "./app.js";

export { createApp, API_VERSION, type AppDeps, type AppType } from "./app.js";
export { parseConfig, ConfigError, LOG_LEVELS, type ApiConfig, type LogLevel } from "./env.js";
export { createLogger, type Logger, type LogFields } from "./logger.js";
export { ApiError, PROBLEMS, PROBLEM_BASE, ProblemSchema, problemType, type Problem, type ProblemKind } from "./problem.js";
export * from "./schemas.js";
export { TaskRefSchema, SearchResponse, ThemesResponse, MatrixResponse, CounterpartsResponse } from "./routes/search.js";

/** A typed client of the API: `createClient("http://127.0.0.1:8787").api.plans.$get()`. */
export function createClient(baseUrl: string, options?: Parameters<typeof hc>[1]) {
  return hc<AppType>(baseUrl, options);
}
export type Client = ReturnType<typeof createClient>;
export { LedgerImportResult } from "./ledger-import-schemas.js";
