import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./app-env.js";
import { ApiError } from "./problem.js";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether a request came over https: its own URL, or (behind a trusted proxy) X-Forwarded-Proto. */
export function isHttps(url: string, forwardedProto: string | undefined): boolean {
  return new URL(url).protocol === "https:" || forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * JSON bodies are UTF-8 (RFC 8259): a `charset` other than utf-8 is refused
 * (415), and bytes that are not valid UTF-8 are refused (400) instead of
 * being replaced by U+FFFD on the way into the JSON parser. The bytes are
 * read once here; the validator parses the same cached body.
 */
export const jsonBodyEncoding = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type");
  if (!BODY_METHODS.has(c.req.method) || type === undefined || !/^application\/(?:[\w.+-]+\+)?json\b/i.test(type.trim())) return next();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type)?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new ApiError("unsupported-media-type", `a JSON body must be UTF-8; charset=${charset} is not accepted`);
  }
  const bytes = await c.req.arrayBuffer();
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("invalid-request", "the body is not valid UTF-8");
  }
  await next();
});
