import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".map": "application/json; charset=utf-8",
};

/** Paths the API owns; the web app never answers them. */
const API_PREFIXES = ["/api/", "/docs", "/openapi.json", "/healthz", "/readyz"];

/** Whether `dir` holds a built web app (its index.html). */
export function hasWebApp(dir: string): boolean {
  return existsSync(join(dir, "index.html"));
}

/**
 * Serves the built web app from `dir`: its files as they are (hashed assets
 * cached for a year), and index.html for every other GET that asks for a
 * page, so client-side routes survive a reload.
 */
export function serveWebApp(dir: string, options: { sourceMaps?: boolean } = {}) {
  const root = normalize(dir + sep);
  return createMiddleware<AppEnv>(async (c, next) => {
    const path = c.req.path;
    if ((c.req.method !== "GET" && c.req.method !== "HEAD") || path === "/api" || API_PREFIXES.some((p) => path.startsWith(p))) {
      return next();
    }
    let relative: string;
    try {
      relative = decodeURIComponent(path).replace(/^\/+/, "");
    } catch {
      return next();
    }
    const file = normalize(join(root, relative));
    if (!file.startsWith(root) || relative.includes("\0")) return next();
    // Source maps show the web app's source: served only when TAIZHANG_WEB_SOURCEMAPS=1.
    if (options.sourceMaps !== true && extname(file).toLowerCase() === ".map") return next();
    if (relative !== "") {
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) {
        const type = TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
        const immutable = relative.startsWith("assets/");
        return c.body(new Uint8Array(await readFile(file)), 200, {
          "Content-Type": type,
          "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        });
      }
    }
    // SPA fallback: a page route (no file extension) gets index.html; a missing asset stays a 404.
    const accept = c.req.header("accept") ?? "*/*";
    if (extname(relative) === "" && (accept.includes("text/html") || accept.includes("*/*"))) {
      return c.body(new Uint8Array(await readFile(join(root, "index.html"))), 200, {
        "Content-Type": TYPES[".html"] ?? "text/html",
        "Cache-Control": "no-cache",
      });
    }
    return next();
  });
}
