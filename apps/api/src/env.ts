import { fileURLToPath } from "node:url";
import type { EvidenceLimits } from "@taizhang/app";
import { DEFAULT_PLAN_LIMITS, EVIDENCE_MEDIA_TYPES, type EvidenceMediaType, type PlanLimits } from "@taizhang/core";
import { z } from "zod";

/** Sizes such as `1048576`, `512kb`, `1mb`, `5MiB` (k/m/g are powers of 1024). */
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?$/i;
const SIZE_FACTORS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

const sizeOrZero = (minimum: number) =>
  z.string().transform((text, ctx) => {
    const match = SIZE_PATTERN.exec(text.trim());
    const amount = match?.[1];
    if (!match || amount === undefined) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a size such as 1048576, 512kb or 5mb` });
      return z.NEVER;
    }
    const factor = SIZE_FACTORS[(match[2] ?? "b").toLowerCase().charAt(0)] ?? 1;
    const bytes = Math.floor(Number(amount) * factor);
    if (bytes < minimum) {
      ctx.addIssue({ code: "custom", message: "a size must be at least one byte" });
      return z.NEVER;
    }
    return bytes;
  });
const sizeSchema = sizeOrZero(1);
/** A whole number of at least 1 (a count, a ratio, milliseconds). */
const countSchema = z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(z.number().int().min(1, "must be at least 1"));

const booleanSchema = z
  .string()
  .transform((text, ctx) => {
    const value = text.trim().toLowerCase();
    if (["1", "true", "yes", "on"].includes(value)) return true;
    if (["0", "false", "no", "off"].includes(value)) return false;
    ctx.addIssue({ code: "custom", message: `"${text}" is not true or false` });
    return z.NEVER;
  });

const originsSchema = z.string().transform((text, ctx) => {
  const origins: string[] = [];
  for (const raw of text.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${raw}" is not an origin such as https://ledger.example.gov.cn` });
      return z.NEVER;
    }
    if (!["http:", "https:"].includes(url.protocol) || url.origin !== raw.replace(/\/$/, "")) {
      ctx.addIssue({ code: "custom", message: `"${raw}" is not a bare http(s) origin (scheme, host and port only)` });
      return z.NEVER;
    }
    origins.push(url.origin);
  }
  return origins;
});

/** Where the built web app lives by default: apps/web/dist, beside this package. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** The names TAIZHANG_EVIDENCE_TYPES takes, and the type each stands for. */
export const EVIDENCE_TYPE_NAMES = {
  pdf: "application/pdf",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  ofd: "application/ofd",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const satisfies Record<string, EvidenceMediaType>;
type EvidenceTypeName = keyof typeof EVIDENCE_TYPE_NAMES;

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const EnvSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, "must be a port number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(65_535))
    .default(8787),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  TAIZHANG_DATA: z.string().trim().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(?:ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  TAIZHANG_READ_REQUIRES_TOKEN: booleanSchema.default(false),
  TAIZHANG_CORS_ORIGINS: originsSchema.default([]),
  TAIZHANG_BODY_LIMIT: sizeSchema.default(1024 * 1024),
  TAIZHANG_IMPORT_BODY_LIMIT: sizeSchema.default(5 * 1024 * 1024),
  // Evidence files (docs/api.md, Evidence files): the largest file, and the types taken (read from the bytes).
  TAIZHANG_EVIDENCE_MAX_BYTES: sizeSchema.default(20 * 1024 * 1024),
  TAIZHANG_EVIDENCE_TYPES: z
    .string()
    .transform((text) => text.split(",").map((t) => t.trim().toLowerCase()).filter((t) => t !== ""))
    .pipe(z.array(z.enum(Object.keys(EVIDENCE_TYPE_NAMES) as [EvidenceTypeName, ...EvidenceTypeName[]], { error: `must be some of ${Object.keys(EVIDENCE_TYPE_NAMES).join(", ")}` })).min(1, "must name at least one type"))
    .optional(),
  TAIZHANG_RESPONSE_CACHE: sizeOrZero(0).default(64 * 1024 * 1024),
  TAIZHANG_RATE_LIMIT_ADDRESS: z.string().regex(/^\d+$/, "must be a whole number (requests a minute; 0 turns it off)").transform(Number).default(1200),
  TAIZHANG_RATE_LIMIT_TOKEN: z.string().regex(/^\d+$/, "must be a whole number (requests a minute; 0 turns it off)").transform(Number).default(600),
  TAIZHANG_TRUST_PROXY: booleanSchema.default(false),
  TAIZHANG_WEB_SOURCEMAPS: booleanSchema.default(false),
  TAIZHANG_HOSTS: z
    .string()
    .transform((text) => text.split(",").map((h) => h.trim().toLowerCase()).filter((h) => h !== ""))
    .pipe(z.array(z.string().regex(/^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/, "must be host names or addresses, each with an optional :port")))
    .optional(),
  TAIZHANG_SESSION_HOURS: z
    .string()
    .regex(/^\d+(?:\.\d+)?$/, "must be a number of hours")
    .transform(Number)
    .pipe(z.number().min(0.01, "must be more than 0").max(24 * 366, "must be at most a year"))
    .default(12),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  TAIZHANG_WEB_DIST: z.string().trim().min(1).default(DEFAULT_WEB_DIST),
  // Uploads and plan texts (docs/api.md, Limits): read off the event loop, within these limits.
  TAIZHANG_UPLOAD_MAX_ROWS: countSchema.default(20_000),
  TAIZHANG_IMPORT_MAX_TASKS: countSchema.default(DEFAULT_PLAN_LIMITS.maxTasks),
  TAIZHANG_IMPORT_MAX_UNITS_PER_TASK: countSchema.default(DEFAULT_PLAN_LIMITS.maxUnitsPerTask),
  TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK: countSchema.default(DEFAULT_PLAN_LIMITS.maxMilestonesPerTask),
  TAIZHANG_IMPORT_MAX_ROWS: countSchema.default(DEFAULT_PLAN_LIMITS.maxChecklistRows),
  TAIZHANG_UPLOAD_MAX_CELLS: countSchema.default(200),
  TAIZHANG_XLSX_MAX_ENTRIES: countSchema.default(500),
  TAIZHANG_XLSX_MAX_ENTRY_SIZE: sizeSchema.default(64 * 1024 * 1024),
  TAIZHANG_XLSX_MAX_UNZIPPED: sizeSchema.default(128 * 1024 * 1024),
  TAIZHANG_XLSX_MAX_RATIO: countSchema.default(100),
  TAIZHANG_PARSE_WORKERS: countSchema.pipe(z.number().max(64, "must be at most 64")).default(2),
  TAIZHANG_PARSE_QUEUE: z.string().regex(/^\d+$/, "must be a whole number").transform(Number).default(16),
  TAIZHANG_PARSE_MEMORY: sizeSchema.pipe(z.number().min(32 * 1024 * 1024, "must be at least 32mb")).default(192 * 1024 * 1024),
  TAIZHANG_PARSE_TIMEOUT: countSchema.default(60_000),
});

/** The server's configuration, read once from the environment. */
export interface ApiConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  readRequiresToken: boolean;
  corsOrigins: string[];
  /** Largest request body in bytes, except plan imports. */
  bodyLimit: number;
  /** Largest plan import body in bytes. */
  importBodyLimit: number;
  /** Evidence uploads: the largest file and the types taken. */
  evidence: EvidenceLimits;
  /** Bytes of finished read answers kept in memory (response-cache.ts); 0 turns the cache off. */
  responseCacheBytes: number;
  /** Requests a minute from one client address (every request, before authentication); 0: no limit. */
  rateLimitAddress: number;
  /** Requests a minute with one token; 0: no limit. */
  rateLimitToken: number;
  /** Take the client's address from X-Forwarded-For's first hop (only behind a proxy that sets it). */
  trustProxy: boolean;
  /**
   * The Host names (optionally with :port) the server answers; any other gets 421 (DNS rebinding).
   * Default: the bind address, localhost, 127.0.0.1 and [::1], on any port.
   */
  hosts: string[];
  /** Serve the web app's source maps (`*.map`); off by default. */
  webSourceMaps: boolean;
  /** How long a web session (the sign-in cookie) lasts, in hours. */
  sessionHours: number;
  logLevel: LogLevel;
  webDist: string;
  /** What reading an uploaded ledger may cost (the file's size is importBodyLimit). */
  uploadLimits: UploadLimits;
  /** How large a plan an import may store (TAIZHANG_IMPORT_MAX_*). */
  planLimits: PlanLimits;
  /** The worker threads that parse uploads and plan texts (apps/api/src/workers). */
  parseWorkers: ParseWorkerConfig;
}

export interface UploadLimits {
  /** Rows below the header, blank ones included. */
  maxRows: number;
  /** Cells in one row. */
  maxCells: number;
  /** Entries in an .xlsx's zip. */
  maxEntries: number;
  /** Uncompressed bytes of one .xlsx entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all .xlsx entries. */
  maxUnzippedBytes: number;
  /** Compression ratio of an .xlsx entry over 64 KiB. */
  maxRatio: number;
}

export interface ParseWorkerConfig {
  /** Worker threads. */
  workers: number;
  /** Jobs that may wait for a worker; more are refused with 503. */
  queue: number;
  /** Heap of each worker (its resourceLimits), in bytes. */
  memoryBytes: number;
  /** Longest a job may take before its worker is stopped, in ms. */
  timeoutMs: number;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Parses the configuration from environment variables (documented in
 * docs/api.md). Empty values count as unset. Throws a {@link ConfigError}
 * naming every bad variable.
 */
export function parseConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter((entry): entry is readonly [string, string] => entry[1] !== undefined && entry[1].trim() !== ""),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      return `  ${name}=${JSON.stringify(present[name] ?? "")}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.TAIZHANG_DATA,
    databaseUrl: e.DATABASE_URL ?? null,
    readRequiresToken: e.TAIZHANG_READ_REQUIRES_TOKEN,
    corsOrigins: e.TAIZHANG_CORS_ORIGINS,
    bodyLimit: e.TAIZHANG_BODY_LIMIT,
    importBodyLimit: e.TAIZHANG_IMPORT_BODY_LIMIT,
    evidence: {
      maxBytes: e.TAIZHANG_EVIDENCE_MAX_BYTES,
      types: e.TAIZHANG_EVIDENCE_TYPES ? [...new Set(e.TAIZHANG_EVIDENCE_TYPES.map((t) => EVIDENCE_TYPE_NAMES[t]))] : [...EVIDENCE_MEDIA_TYPES],
      settings: { maxBytes: "TAIZHANG_EVIDENCE_MAX_BYTES", types: "TAIZHANG_EVIDENCE_TYPES" },
    },
    responseCacheBytes: e.TAIZHANG_RESPONSE_CACHE,
    rateLimitAddress: e.TAIZHANG_RATE_LIMIT_ADDRESS,
    rateLimitToken: e.TAIZHANG_RATE_LIMIT_TOKEN,
    trustProxy: e.TAIZHANG_TRUST_PROXY,
    sessionHours: e.TAIZHANG_SESSION_HOURS,
    webSourceMaps: e.TAIZHANG_WEB_SOURCEMAPS,
    hosts: e.TAIZHANG_HOSTS ?? [...new Set([e.HOST.toLowerCase().includes(":") && !e.HOST.startsWith("[") ? `[${e.HOST.toLowerCase()}]` : e.HOST.toLowerCase(), "localhost", "127.0.0.1", "[::1]"])],
    logLevel: e.LOG_LEVEL,
    webDist: e.TAIZHANG_WEB_DIST,
    uploadLimits: {
      maxRows: e.TAIZHANG_UPLOAD_MAX_ROWS,
      maxCells: e.TAIZHANG_UPLOAD_MAX_CELLS,
      maxEntries: e.TAIZHANG_XLSX_MAX_ENTRIES,
      maxEntryBytes: e.TAIZHANG_XLSX_MAX_ENTRY_SIZE,
      maxUnzippedBytes: e.TAIZHANG_XLSX_MAX_UNZIPPED,
      maxRatio: e.TAIZHANG_XLSX_MAX_RATIO,
    },
    planLimits: {
      maxTasks: e.TAIZHANG_IMPORT_MAX_TASKS,
      maxUnitsPerTask: e.TAIZHANG_IMPORT_MAX_UNITS_PER_TASK,
      maxMilestonesPerTask: e.TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK,
      maxChecklistRows: e.TAIZHANG_IMPORT_MAX_ROWS,
    },
    parseWorkers: { workers: e.TAIZHANG_PARSE_WORKERS, queue: e.TAIZHANG_PARSE_QUEUE, memoryBytes: e.TAIZHANG_PARSE_MEMORY, timeoutMs: e.TAIZHANG_PARSE_TIMEOUT },
  };
}
