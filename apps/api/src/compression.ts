import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { promisify } from "node:util";
import { brotliCompress, constants, createGzip, gzip } from "node:zlib";
import { createMiddleware } from "hono/factory";
import { LRUCache } from "lru-cache";
import type { AppEnv } from "./app-env.js";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text we send: JSON (problem+json too), script, style, HTML, CSV, calendars, SVG. */
const COMPRESSIBLE = /^\s*(?:text\/[^;\s]+|application\/(?:[^;\s]+\+)?(?:json|javascript|xml)|image\/svg\+xml)\s*(?:;|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const IMMUTABLE = /(?:^|,)\s*immutable\s*(?:,|$)/i;

export type Encoding = "br" | "gzip";

/** Encodings per Accept-Encoding value already parsed: clients send a handful of distinct ones. */
const chosen = new LRUCache<string, { encoding: Encoding | null }>({ max: 64 });

/** The encoding to use for an Accept-Encoding header: brotli before gzip, none when neither is accepted (q=0 refuses). */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  let known = chosen.get(header);
  if (known === undefined) {
    known = { encoding: parseAcceptEncoding(header) };
    chosen.set(header, known);
  }
  return known.encoding;
}

function parseAcceptEncoding(header: string): Encoding | null {
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  const weight = (name: string) => q.get(name) ?? q.get("*") ?? 0;
  const br = weight("br");
  const gz = weight("gzip");
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return null;
}

/**
 * Compresses a body off the main thread (zlib's thread pool). "fast" is for
 * answers made per request: brotli quality 4 compresses JSON about as well as
 * gzip -9 at a fraction of its time; "best" for bodies kept and sent many
 * times (hashed assets).
 */
export async function compressBody(bytes: Uint8Array, encoding: Encoding, effort: "fast" | "best"): Promise<Uint8Array> {
  return new Uint8Array(
    encoding === "br"
      ? await brotli(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: effort === "best" ? 11 : 4, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
        })
      : await gzipAsync(bytes, { level: effort === "best" ? 9 : 6 }),
  );
}

/** Adds Accept-Encoding to a response's Vary header (the answer depends on it once compression may apply). */
export function varyOnAcceptEncoding(headers: Headers): void {
  const vary = headers.get("Vary");
  if (!vary) headers.set("Vary", "Accept-Encoding");
  else if (vary !== "*" && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary)) headers.set("Vary", `${vary}, Accept-Encoding`);
}

export interface CompressionOptions {
  /** Bodies smaller than this many bytes are sent as they are: the headers would cost more than they save. */
  threshold?: number;
  /** How many compressed immutable assets to keep in memory (they never change, so they are compressed once). */
  cachedAssets?: number;
}

/**
 * Compresses text answers (JSON, script, style, CSV…) with brotli or gzip
 * when the client accepts one, off the main thread (zlib's thread pool).
 *
 * Left alone: HEAD, answers without a body, 206 and other non-200..299
 * statuses except errors as problem+json, bodies already encoded, binary
 * types (xlsx), `Cache-Control: no-transform`, and bodies under `threshold`.
 * Every other header stays as it was: the ETag of a progress record names its
 * version, not the bytes, and If-Match compares versions, so it is kept
 * strong; Content-Disposition of exports is kept too.
 * Immutable (hashed) assets are compressed once and kept in memory.
 */
/** Bodies written as they are read (streamed exports): compressed as a stream (gzip), never read whole. */
const STREAMED = new WeakSet<ReadableStream>();

/** Marks a body as streamed, for {@link compressResponses}; returns it. */
export function streamedBody<T extends ReadableStream>(body: T): T {
  STREAMED.add(body);
  return body;
}

/**
 * A body gzipped as it is read, through Node's zlib stream: its backpressure holds the source back while the
 * client is slower than the compressor (the web CompressionStream read a highly compressible export ahead into
 * memory: a 220,000-row CSV took the server from 200 MB to 800 MB; docs/reliability.md).
 */
function gzipStream(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array<ArrayBuffer>> {
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
  const gz = createGzip();
  // A failure of the source (the store, mid-export) ends the compressed stream with it: the client sees a cut answer.
  pipeline(source, gz, () => undefined);
  return Readable.toWeb(gz) as ReadableStream<Uint8Array<ArrayBuffer>>;
}

export function compressResponses(options: CompressionOptions = {}) {
  const threshold = options.threshold ?? 1024;
  const cachedAssets = options.cachedAssets ?? 64;
  const cache = new LRUCache<string, Uint8Array>({ max: Math.max(1, cachedAssets) });
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get("Content-Type");
    if (c.req.method === "HEAD" || !res.body || res.status < 200 || res.status === 204 || res.status === 206 || res.status === 304) return;
    if (!type || !COMPRESSIBLE.test(type) || res.headers.has("Content-Encoding")) return;
    const cacheControl = res.headers.get("Cache-Control") ?? "";
    if (NO_TRANSFORM.test(cacheControl)) return;
    const length = res.headers.get("Content-Length");
    if (length !== null && Number(length) < threshold) return;
    // The answer depends on Accept-Encoding from here on, compressed or not.
    varyOnAcceptEncoding(res.headers);
    if (STREAMED.has(res.body)) {
      // gzip as the bytes come (CompressionStream has no brotli); a client without gzip gets them as they are.
      if (!/\bgzip\b/i.test(c.req.header("Accept-Encoding") ?? "")) return;
      const headers = new Headers(res.headers);
      headers.set("Content-Encoding", "gzip");
      headers.delete("Content-Length");
      c.res = undefined;
      c.res = new Response(gzipStream(res.body), { status: res.status, statusText: res.statusText, headers });
      return;
    }
    const encoding = chooseEncoding(c.req.header("Accept-Encoding"));
    if (!encoding) return;

    const key = IMMUTABLE.test(cacheControl) ? `${encoding} ${c.req.path}` : null;
    let compressed = key ? cache.get(key) : undefined;
    if (!compressed) {
      // Our answers are built in memory (c.json, c.body), so reading them whole costs nothing extra.
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.byteLength < threshold) {
        c.res = undefined;
        c.res = new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
        return;
      }
      compressed = await compressBody(bytes, encoding, key ? "best" : "fast");
      if (key && cachedAssets > 0) cache.set(key, compressed);
    }
    const headers = new Headers(res.headers);
    headers.set("Content-Encoding", encoding);
    headers.set("Content-Length", String(compressed.byteLength));
    // Replacing c.res would merge the old headers back in (the old Content-Length among them); build the answer whole instead.
    c.res = undefined;
    c.res = new Response(compressed as Uint8Array<ArrayBuffer>, { status: res.status, statusText: res.statusText, headers });
  });
}
