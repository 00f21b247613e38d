import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "./env.js";

describe("parseConfig", () => {
  test("defaults", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      dataDir: "./data",
      databaseUrl: null,
      readRequiresToken: false,
      corsOrigins: [],
      bodyLimit: 1024 * 1024,
      importBodyLimit: 5 * 1024 * 1024,
      evidence: { maxBytes: 20 * 1024 * 1024, types: ["application/pdf", "image/jpeg", "image/png", "image/webp", "application/ofd", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] },
      responseCacheBytes: 64 * 1024 * 1024,
      logLevel: "info",
    });
    expect(config.webDist).toMatch(/apps[/\\]web[/\\]dist$/);
  });

  test("reads every variable", () => {
    const config = parseConfig({
      PORT: "9000",
      HOST: "0.0.0.0",
      TAIZHANG_DATA: "/var/lib/taizhang",
      DATABASE_URL: "postgres://u@db:5432/taizhang",
      TAIZHANG_READ_REQUIRES_TOKEN: "true",
      TAIZHANG_CORS_ORIGINS: "https://a.example.cn, http://localhost:5173",
      TAIZHANG_BODY_LIMIT: "512kb",
      TAIZHANG_IMPORT_BODY_LIMIT: "10MiB",
      TAIZHANG_EVIDENCE_MAX_BYTES: "8mb",
      TAIZHANG_EVIDENCE_TYPES: "pdf, JPG,jpeg",
      TAIZHANG_RATE_LIMIT_ADDRESS: "300",
      TAIZHANG_RATE_LIMIT_TOKEN: "0",
      TAIZHANG_TRUST_PROXY: "yes",
      LOG_LEVEL: "warn",
      TAIZHANG_WEB_DIST: "/srv/web",
      TAIZHANG_RESPONSE_CACHE: "0",
    });
    expect(config).toEqual({
      port: 9000,
      host: "0.0.0.0",
      dataDir: "/var/lib/taizhang",
      databaseUrl: "postgres://u@db:5432/taizhang",
      readRequiresToken: true,
      corsOrigins: ["https://a.example.cn", "http://localhost:5173"],
      bodyLimit: 512 * 1024,
      importBodyLimit: 10 * 1024 * 1024,
      evidence: { maxBytes: 8 * 1024 * 1024, types: ["application/pdf", "image/jpeg"], settings: { maxBytes: "TAIZHANG_EVIDENCE_MAX_BYTES", types: "TAIZHANG_EVIDENCE_TYPES" } },
      responseCacheBytes: 0,
      rateLimitAddress: 300,
      rateLimitToken: 0,
      trustProxy: true,
      sessionHours: 12,
      webSourceMaps: false,
      hosts: ["0.0.0.0", "localhost", "127.0.0.1", "[::1]"],
      logLevel: "warn",
      webDist: "/srv/web",
      uploadLimits: { maxRows: 20_000, maxCells: 200, maxEntries: 500, maxEntryBytes: 64 * 1024 ** 2, maxUnzippedBytes: 128 * 1024 ** 2, maxRatio: 100 },
      planLimits: { maxTasks: 2000, maxUnitsPerTask: 200, maxMilestonesPerTask: 50, maxChecklistRows: 50_000 },
      parseWorkers: { workers: 2, queue: 16, memoryBytes: 192 * 1024 ** 2, timeoutMs: 60_000 },
    });
  });

  test("upload limits and parse workers", () => {
    const config = parseConfig({
      TAIZHANG_UPLOAD_MAX_ROWS: "5000",
      TAIZHANG_UPLOAD_MAX_CELLS: "40",
      TAIZHANG_XLSX_MAX_ENTRIES: "50",
      TAIZHANG_XLSX_MAX_ENTRY_SIZE: "8mb",
      TAIZHANG_XLSX_MAX_UNZIPPED: "16mb",
      TAIZHANG_XLSX_MAX_RATIO: "40",
      TAIZHANG_PARSE_WORKERS: "1",
      TAIZHANG_PARSE_QUEUE: "0",
      TAIZHANG_PARSE_MEMORY: "64mb",
      TAIZHANG_PARSE_TIMEOUT: "5000",
    });
    expect(config.uploadLimits).toEqual({ maxRows: 5000, maxCells: 40, maxEntries: 50, maxEntryBytes: 8 * 1024 ** 2, maxUnzippedBytes: 16 * 1024 ** 2, maxRatio: 40 });
    expect(config.parseWorkers).toEqual({ workers: 1, queue: 0, memoryBytes: 64 * 1024 ** 2, timeoutMs: 5000 });
  });

  test("plan import limits", () => {
    const config = parseConfig({ TAIZHANG_IMPORT_MAX_TASKS: "10", TAIZHANG_IMPORT_MAX_UNITS_PER_TASK: "5", TAIZHANG_IMPORT_MAX_MILESTONES_PER_TASK: "3", TAIZHANG_IMPORT_MAX_ROWS: "100" });
    expect(config.planLimits).toEqual({ maxTasks: 10, maxUnitsPerTask: 5, maxMilestonesPerTask: 3, maxChecklistRows: 100 });
    expect(() => parseConfig({ TAIZHANG_IMPORT_MAX_ROWS: "0" })).toThrow(/TAIZHANG_IMPORT_MAX_ROWS/);
  });

  test("empty values count as unset", () => {
    expect(parseConfig({ PORT: "", DATABASE_URL: " " })).toMatchObject({ port: 8787, databaseUrl: null });
  });

  test.each([
    ["PORT", "eighty"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["TAIZHANG_READ_REQUIRES_TOKEN", "maybe"],
    ["TAIZHANG_EVIDENCE_TYPES", "pdf,exe"],
    ["TAIZHANG_EVIDENCE_MAX_BYTES", "lots"],
    ["TAIZHANG_CORS_ORIGINS", "https://a.example.cn/path"],
    ["TAIZHANG_CORS_ORIGINS", "not a url"],
    ["TAIZHANG_BODY_LIMIT", "lots"],
    ["TAIZHANG_BODY_LIMIT", "0"],
    ["LOG_LEVEL", "verbose"],
    ["TAIZHANG_RATE_LIMIT_ADDRESS", "-1"],
    ["TAIZHANG_RATE_LIMIT_TOKEN", "lots"],
    ["TAIZHANG_UPLOAD_MAX_ROWS", "0"],
    ["TAIZHANG_UPLOAD_MAX_CELLS", "many"],
    ["TAIZHANG_XLSX_MAX_ENTRY_SIZE", "huge"],
    ["TAIZHANG_XLSX_MAX_RATIO", "1.5"],
    ["TAIZHANG_PARSE_WORKERS", "0"],
    ["TAIZHANG_PARSE_WORKERS", "100"],
    ["TAIZHANG_PARSE_MEMORY", "1mb"],
    ["TAIZHANG_PARSE_TIMEOUT", "-5"],
  ])("a bad %s=%s is an error naming the variable", (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  test("every bad variable is named at once", () => {
    const error = (() => {
      try {
        parseConfig({ PORT: "x", LOG_LEVEL: "loud" });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toMatch(/PORT=/);
    expect(String(error)).toMatch(/LOG_LEVEL=/);
  });

  test("sizes: k, m and g are powers of 1024, with or without b/ib", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.constantFrom(["", 1], ["kb", 1024], ["k", 1024], ["KiB", 1024], ["mb", 1024 ** 2], ["M", 1024 ** 2]), (n, [unit, factor]) => {
        expect(parseConfig({ TAIZHANG_BODY_LIMIT: `${n}${unit}` }).bodyLimit).toBe(n * (factor as number));
      }),
    );
  });

  test("any text is either a size or a ConfigError, never anything else", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const { bodyLimit } = parseConfig({ TAIZHANG_BODY_LIMIT: text });
          expect(Number.isInteger(bodyLimit) && bodyLimit >= 1).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
    );
  });
});
