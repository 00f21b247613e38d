import { count, LedgerFileError, overLimit, type ReadLimits } from "./read-error.js";

/** One file inside a zip, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** As declared; the inflater refuses an entry that unpacks to more. */
  uncompressedSize: number;
  /** Where the entry's compressed bytes start in the file. */
  dataStart: number;
}

export type ZipLimits = Pick<ReadLimits, "maxEntries" | "maxEntryBytes" | "maxUnzippedBytes" | "maxRatio">;

/** Entries smaller than this are not held to the compression ratio: they cannot unpack to much. */
export const RATIO_FLOOR = 64 * 1024;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const damaged = (reason: string) => new LedgerFileError("unreadable", "not a readable .xlsx workbook: its zip structure is damaged", [], { reason });

/**
 * Reads a zip's central directory, and nothing else: the entries of an .xlsx
 * with their sizes, checked against the limits (number of entries, each
 * entry's and all entries' uncompressed size, compression ratio) before a
 * single byte is inflated. Entries whose bytes overlap (a way to make a small
 * zip unpack to a lot) or lie outside the file are refused too.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  const inside = (at: number, length: number) => at >= 0 && length >= 0 && at + length <= bytes.length;

  // The end-of-central-directory record: the last 22 bytes, or further back by a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw damaged("no end of central directory record");
  let entries = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryAt = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw damaged("a multi-disk zip");
  if (entries === 0xffff || directorySize === MAX32 || directoryAt === MAX32) {
    const locator = eocd - 20;
    if (!inside(locator, 20) || u32(locator) !== ZIP64_LOCATOR) throw damaged("zip64 sizes without a zip64 locator");
    const record = u64(locator + 8);
    if (!inside(record, 56) || u32(record) !== ZIP64_EOCD) throw damaged("no zip64 end of central directory record");
    entries = u64(record + 32);
    directorySize = u64(record + 40);
    directoryAt = u64(record + 48);
  }
  if (entries > limits.maxEntries) {
    throw overLimit("maxEntries", limits.maxEntries, `the workbook holds ${count(entries)} files; at most ${count(limits.maxEntries)} are accepted`);
  }
  if (!inside(directoryAt, directorySize) || directoryAt + directorySize > eocd) throw damaged("the central directory lies outside the file");

  const found = new Map<string, ZipEntry>();
  const spans: Array<{ start: number; end: number }> = [];
  let total = 0;
  let at = directoryAt;
  for (let i = 0; i < entries; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL) throw damaged(`central directory entry ${i} is missing`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localAt = u32(at + 42);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) throw damaged(`central directory entry ${i} is cut off`);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = new TextDecoder(flags & 0x800 ? "utf-8" : "latin1").decode(rawName);
    // Zip64: the real sizes and offset, for those fields set to 0xFFFFFFFF, in this order.
    const extraEnd = at + 46 + nameLength + extraLength;
    for (let e = at + 46 + nameLength; e + 4 <= extraEnd; ) {
      const id = u16(e);
      const size = u16(e + 2);
      if (e + 4 + size > extraEnd) throw damaged(`entry ${name}: an extra field is cut off`);
      if (id === 0x0001) {
        let p = e + 4;
        const next = () => {
          if (p + 8 > e + 4 + size) throw damaged(`entry ${name}: a zip64 field is cut off`);
          const v = u64(p);
          p += 8;
          return v;
        };
        if (uncompressedSize === MAX32) uncompressedSize = next();
        if (compressedSize === MAX32) compressedSize = next();
        if (localAt === MAX32) localAt = next();
      }
      e += 4 + size;
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (uncompressedSize > limits.maxEntryBytes) {
      throw overLimit("maxEntryBytes", limits.maxEntryBytes, `the workbook's part ${name} unpacks to ${count(uncompressedSize)} bytes; at most ${count(limits.maxEntryBytes)} are accepted`);
    }
    total += uncompressedSize;
    if (total > limits.maxUnzippedBytes) {
      throw overLimit("maxUnzippedBytes", limits.maxUnzippedBytes, `the workbook unpacks to more than ${count(limits.maxUnzippedBytes)} bytes`);
    }
    if (uncompressedSize > RATIO_FLOOR && uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)) {
      const ratio = Math.round(uncompressedSize / Math.max(1, compressedSize));
      throw overLimit("maxRatio", limits.maxRatio, `the workbook's part ${name} is compressed ${count(ratio)}:1; at most ${count(limits.maxRatio)}:1 is accepted`);
    }
    if (flags & 0x1) throw new LedgerFileError("unreadable", "not a readable .xlsx workbook: it is encrypted; save it without a password and upload again");
    if (name.endsWith("/") && uncompressedSize === 0) continue;
    const key = name.toLowerCase();
    if (found.has(key)) throw damaged(`the entry ${name} is there twice`);

    if (!inside(localAt, 30) || u32(localAt) !== LOCAL) throw damaged(`entry ${name}: no local header`);
    const dataStart = localAt + 30 + u16(localAt + 26) + u16(localAt + 28);
    if (!inside(dataStart, compressedSize) || dataStart + compressedSize > directoryAt) throw damaged(`entry ${name}: its data lies outside the file`);
    spans.push({ start: localAt, end: dataStart + compressedSize });
    found.set(key, { name, method, compressedSize, uncompressedSize, dataStart });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const previous = spans[i - 1];
    const span = spans[i];
    if (previous && span && span.start < previous.end) throw damaged("two entries share bytes");
  }
  return found;
}
