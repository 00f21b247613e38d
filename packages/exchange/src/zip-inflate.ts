import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { count, LedgerFileError, overLimit } from "./read-error.js";
import type { ZipEntry } from "./zip-directory.js";

/**
 * Compressed bytes handed to zlib at a time. Deflate unpacks at most ~1,032
 * bytes per byte, so one step makes at most ~1 MiB however the data was made,
 * and the stream's backpressure keeps it from running ahead of the reader.
 */
const STEP = 1024;

/** The bytes all entries inflated so far may total (the zip directory's sizes can lie: this counts real bytes). */
export class InflateBudget {
  private used = 0;
  constructor(readonly max: number) {}

  take(bytes: number): void {
    this.used += bytes;
    if (this.used > this.max) throw overLimit("maxUnzippedBytes", this.max, `the workbook unpacks to more than ${count(this.max)} bytes`);
  }
}

function* steps(data: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < data.length; at += STEP) yield data.subarray(at, at + STEP);
}

/**
 * The bytes of one zip entry, inflated a step at a time as the caller reads
 * them: stops with a {@link LedgerFileError} as soon as the entry unpacks to
 * more than its directory declares or the budget allows. A caller that stops
 * reading early stops the inflating too.
 */
export async function* inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): AsyncGenerator<Uint8Array> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let produced = 0;
  const account = (chunk: Uint8Array) => {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) {
      throw new LedgerFileError("unreadable", "not a readable .xlsx workbook: its zip structure is damaged", [], {
        reason: `entry ${entry.name} unpacks to more than the ${entry.uncompressedSize} bytes its directory declares`,
      });
    }
    budget.take(chunk.length);
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += 64 * 1024) {
      const chunk = data.subarray(at, at + 64 * 1024);
      account(chunk);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) {
    throw new LedgerFileError("unreadable", "not a readable .xlsx workbook: it uses a compression other than deflate", [], { reason: `entry ${entry.name}: method ${entry.method}` });
  }
  const source = Readable.from(steps(data), { objectMode: false });
  const inflater = createInflateRaw();
  source.pipe(inflater);
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      account(chunk);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof LedgerFileError) throw error;
    throw new LedgerFileError("unreadable", "not a readable .xlsx workbook: its compressed data is damaged", [], {
      reason: `entry ${entry.name}: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    source.destroy();
    inflater.destroy();
  }
}
