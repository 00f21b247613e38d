import { createDeflateRaw, crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { readZipDirectory } from "../zip-directory.js";

/*
 * Zips for tests: well-formed ones, and the hostile ones a reader must refuse
 * cheaply (huge declared sizes, sizes that lie, high ratios, many entries).
 * Big bombs are made by streaming zeros through a deflater, so a test never
 * holds (or commits) what the bomb unpacks to.
 */

export interface ZipInput {
  name: string;
  /** The entry's compressed bytes (raw deflate), or its plain bytes to be deflated. */
  deflated?: Uint8Array;
  data?: Uint8Array;
  /** What the directory says the entry unpacks to (default: the truth). */
  declaredSize?: number;
  /** Its true uncompressed size and CRC, when `deflated` is given. */
  size?: number;
  crc?: number;
}

/** The chunks deflated as one entry, a chunk at a time: (compressed bytes, true size, crc32). */
export async function deflateChunks(chunks: Iterable<Uint8Array>): Promise<{ deflated: Uint8Array; size: number; crc: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflater.once("end", resolve);
    deflater.once("error", reject);
  });
  let crc = 0;
  let size = 0;
  for (const part of chunks) {
    crc = crc32(part, crc);
    size += part.length;
    if (!deflater.write(part)) await new Promise((resolve) => deflater.once("drain", resolve));
  }
  deflater.end();
  await done;
  return { deflated: Buffer.concat(out), size, crc };
}

/** `size` zero bytes, deflated a MiB at a time. */
export function deflatedZeros(size: number): Promise<{ deflated: Uint8Array; size: number; crc: number }> {
  const block = new Uint8Array(Math.min(size, 1024 * 1024));
  function* zeros() {
    for (let left = size; left > 0; left -= block.length) yield block.subarray(0, Math.min(block.length, left));
  }
  return deflateChunks(zeros());
}

/** A zip of the entries, deflated, in the order given. */
export function writeZip(entries: readonly ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const plain = entry.data;
    const deflated = entry.deflated ?? deflateRawSync(plain ?? new Uint8Array());
    const size = entry.size ?? plain?.length ?? 0;
    const declared = entry.declaredSize ?? size;
    const crc = entry.crc ?? crc32(plain ?? new Uint8Array());
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(Math.min(declared, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(deflated));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(Math.min(declared, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The entries of a (small, trusted) zip, unpacked: to rebuild an exported workbook with hostile parts. */
export function unzipAll(bytes: Uint8Array): ZipInput[] {
  const limits = { maxEntries: 10_000, maxEntryBytes: 2 ** 31, maxUnzippedBytes: 2 ** 32, maxRatio: 1e9 };
  return [...readZipDirectory(bytes, limits).values()].map((e) => {
    const raw = bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    return { name: e.name, data: e.method === 0 ? raw : inflateRawSync(raw) };
  });
}
