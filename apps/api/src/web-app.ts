import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";

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
  // Files as they are, by Hono's static server (its MIME table, its path checks, streamed from disk).
  const files = serveStatic<AppEnv>({ root });
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
    // A path that leaves the folder is nobody's page: a 404, not index.html.
    if (relative.includes("\0") || !normalize(join(root, relative)).startsWith(root)) return next();
    // Source maps show the web app's source: served only when TAIZHANG_WEB_SOURCEMAPS=1.
    if (options.sourceMaps !== true && extname(relative).toLowerCase() === ".map") return next();
    if (relative !== "") {
      // Hashed assets never change under their name: cached for a year; everything else revalidated.
      c.header("Cache-Control", relative.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      let found = true;
      const answer = await files(c, () => {
        found = false;
        return Promise.resolve();
      });
      if (found && answer instanceof Response) return answer;
      c.header("Cache-Control", undefined);
    }
    // SPA fallback: a page route (no file extension) gets index.html; a missing asset stays a 404.
    const accept = c.req.header("accept") ?? "*/*";
    if (extname(relative) === "" && (accept.includes("text/html") || accept.includes("*/*"))) {
      return c.body(new Uint8Array(await readFile(join(root, "index.html"))), 200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-cache",
      });
    }
    return next();
  });
}
