import { DocumentError } from "./document-error.js";

const BINARY_PROBE = 8192;

/** Labels pages declare for what is in practice GBK or GB18030 (a superset): all read as GB18030. */
const GB_LABELS = /^(?:gb2312|gb_2312(?:-80)?|gbk|x-gbk|gb18030|cp936|windows-936|csgb2312|euc-cn|chinese|iso-ir-58)$/iu;

function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) return null;
    throw error;
  }
}

/** The encoding a label names, as TextDecoder knows it; null for an unknown label. */
export function encodingOf(label: string): string | null {
  const trimmed = label.trim().toLowerCase();
  if (GB_LABELS.test(trimmed)) return "gb18030";
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    return null;
  }
}

/**
 * Decodes text bytes: a BOM (UTF-8, UTF-16) decides; else `declared` (a
 * page's charset) when it decodes; else UTF-8, else GB18030 — the encodings
 * Chinese government texts come in. Empty and binary input is refused.
 */
export function decodeText(bytes: Uint8Array, declared: string | null = null): string {
  if (bytes.length === 0) throw new DocumentError("empty-file", "the file is empty");
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const nul = bytes.subarray(0, BINARY_PROBE).indexOf(0);
  if (nul >= 0) throw new DocumentError("binary-file", `the file is binary, not text (a NUL byte at offset ${nul})`);
  const encodings = [...(declared === null ? [] : [encodingOf(declared)]), "utf-8", "gb18030"].filter((e): e is string => e !== null);
  for (const encoding of encodings) {
    const text = tryDecode(bytes, encoding);
    if (text !== null) return text;
  }
  throw new DocumentError("undecodable-text", "the file is neither UTF-8 nor GB18030 (GBK, GB2312) text");
}
