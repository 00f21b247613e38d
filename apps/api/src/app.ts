import { OpenAPIHono } from "@hono/zod-openapi";
import type { Ledger } from "@taizhang/store";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { allowedHosts } from "./allowed-hosts.js";
import { isHttps, jsonBodyEncoding } from "./body-encoding.js";
import type { AppEnv } from "./app-env.js";
import { authenticate } from "./auth.js";
import { compressResponses } from "./compression.js";
import { responseCache } from "./response-cache.js";
import { PlanCatalog } from "@taizhang/store";
import type { ApiConfig } from "./env.js";
import { createLogger, type Logger } from "./logger.js";
import { limitByAddress, limitByToken, RateLimiter } from "./rate-limit.js";
import { notFound, onError, validationHook } from "./on-error.js";
import { ApiError } from "./problem.js";
import { docsRoutes } from "./routes/docs.js";
import { evidenceRoutes } from "./routes/evidence.js";
import { exportRoutes } from "./routes/exports.js";
import { ledgerImportRoutes } from "./routes/ledger-import.js";
import { healthRoutes } from "./routes/health.js";
import { importRoutes } from "./routes/import.js";
import { sessionRoutes } from "./routes/session.js";
import { hasWebApp, serveWebApp } from "./web-app.js";
import { useCaseRoutes } from "./use-case-routes.js";

/** What the app is built from; tests pass an in-memory ledger and a fixed clock. */
export interface AppDeps {
  ledger: Ledger;
  /** The stored plans in memory with their search index; one is made when absent (startServer passes one it warms). */
  catalog?: PlanCatalog;
  config: ApiConfig;
  clock?: () => Date;
  logger?: Logger;
}

/** The API's version, shown in the OpenAPI document. */
export const API_VERSION = "0.1.0";

/** Request ids we accept from a client (or proxy); anything else is replaced by a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // swagger-ui and charting libraries set style attributes.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", "data:"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Builds the Taizhang HTTP app: the JSON API under /api, /healthz and
 * /readyz, the OpenAPI document at /openapi.json, its reference at /docs,
 * and the built web app (config.webDist) at / when it exists.
 */
export function createApp(deps: AppDeps) {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? createLogger(deps.config.logLevel);
  const { config, ledger } = deps;
  const catalog = deps.catalog ?? new PlanCatalog(ledger);

  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound(notFound);

  app.use(
    createMiddleware<AppEnv>(async (c, next) => {
      c.set("ledger", ledger);
      c.set("catalog", catalog);
      c.set("config", config);
      c.set("clock", clock);
      c.set("logger", logger);
      c.set("caller", null);
      await next();
    }),
  );
  app.use(requestId({ generator: () => crypto.randomUUID() }));
  app.use(async (c, next) => {
    // hono/request-id keeps any id of its allowed characters; ours are stricter so logs stay clean.
    if (!REQUEST_ID.test(c.var.requestId)) {
      const id = crypto.randomUUID();
      c.set("requestId", id);
      c.header("X-Request-Id", id);
    }
    const started = performance.now();
    await next();
    // One line per request; never the query string or headers, where a token could be.
    logger.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.var.requestId,
    });
  });
  app.use(allowedHosts);
  // Outside the routes and the web app, so JSON, errors and assets alike are compressed (compression.ts).
  app.use(compressResponses());
  // X-Frame-Options DENY agrees with CSP frame-ancestors 'none'; HSTS only on answers that went over https.
  app.use(secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false, xFrameOptions: "DENY", strictTransportSecurity: false }));
  app.use(async (c, next) => {
    await next();
    if (isHttps(c.req.url, config.trustProxy ? c.req.header("x-forwarded-proto") : undefined)) {
      c.header("Strict-Transport-Security", "max-age=15552000; includeSubDomains");
    }
  });
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    app.use(
      "/api/*",
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allowHeaders: ["Authorization", "Content-Type", "If-Match", "X-Request-Id"],
        exposeHeaders: ["ETag", "X-Request-Id", "Retry-After"],
        maxAge: 600,
      }),
    );
  }
  const limits = {
    normal: bodyLimit({ maxSize: config.bodyLimit, onError: () => tooLarge(config.bodyLimit) }),
    import: bodyLimit({ maxSize: config.importBodyLimit, onError: () => tooLarge(config.importBodyLimit) }),
  };
  // An evidence upload may be as large as the largest file plus its form's own bytes; past it, the refusal names the setting.
  const evidenceLimit = bodyLimit({
    maxSize: config.evidence.maxBytes + 64 * 1024,
    onError: () => {
      throw new ApiError("payload-too-large", `the file is larger than the limit of ${config.evidence.maxBytes} bytes for evidence files`, {
        limit: { name: "TAIZHANG_EVIDENCE_MAX_BYTES", value: config.evidence.maxBytes },
      });
    },
  });
  app.use("/api/*", (c, next) => {
    if (c.req.path === "/api/import" || c.req.path === "/api/imports/ledger") return limits.import(c, next);
    if (c.req.method === "POST" && EVIDENCE_UPLOAD.test(c.req.path)) return evidenceLimit(c, next);
    return limits.normal(c, next);
  });
  // Rate limits (docs/api.md): per address before authentication, per token after it.
  app.use("/api/*", jsonBodyEncoding);
  app.use("/api/*", limitByAddress(config.rateLimitAddress > 0 ? new RateLimiter(config.rateLimitAddress) : null, config.trustProxy));
  app.use("/api/*", authenticate);
  app.use("/api/*", limitByToken(config.rateLimitToken > 0 ? new RateLimiter(config.rateLimitToken) : null));
  // After authentication and rate limits, which apply to every request; the answers of read routes are kept
  // while the store's data is unchanged (response-cache.ts).
  app.use("/api/*", responseCache({ maxBytes: config.responseCacheBytes }));

  // The routes of the application layer's use cases, from the contract (use-case-routes.ts); the rest answer
  // with bytes, cookies or uploads of their own.
  const routes = app.route("/", useCaseRoutes()).route("/", importRoutes).route("/", ledgerImportRoutes).route("/", exportRoutes).route("/", evidenceRoutes).route("/", sessionRoutes).route("/", healthRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "an access token (taizhang token create); admin, office or viewer",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Taizhang 台账 API",
      version: API_VERSION,
      description:
        "Plans, tasks, checklists, progress and history of 法治政府建设 plans. Errors are application/problem+json. See docs/api.md.",
    },
  });
  app.route("/docs", docsRoutes);
  if (hasWebApp(config.webDist)) app.use("*", serveWebApp(config.webDist, { sourceMaps: config.webSourceMaps }));
  return routes;
}

/** POST /api/progress/{planId}/{number}/{item}/{unitId}/evidence */
const EVIDENCE_UPLOAD = /^\/api\/progress\/[^/]+\/[^/]+\/[^/]+\/[^/]+\/evidence$/;

function tooLarge(limit: number): never {
  throw new ApiError("payload-too-large", `the request body is larger than the limit of ${limit} bytes`);
}

/** The app's type, for typed clients (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
