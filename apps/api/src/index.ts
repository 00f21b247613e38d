export { createApp, API_VERSION, type AppDeps, type AppType } from "./app.js";
export { parseConfig, ConfigError, LOG_LEVELS, type ApiConfig, type LogLevel } from "./env.js";
export { createLogger, type Logger, type LogFields } from "./logger.js";
export { ApiError, PROBLEMS, PROBLEM_BASE, ProblemSchema, problemType, type Problem, type ProblemKind } from "./problem.js";

