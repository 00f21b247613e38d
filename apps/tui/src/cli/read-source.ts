import { readFile } from "node:fs/promises";
import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";
import { inputFileError } from "./files.js";

/** Reads a file named on the command line, turning file-system errors into one-line messages. */
export async function readSourceFile(path: string, shown: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw inputFileError(error, shown) ?? error;
  }
}

const BINARY_PROBE = 8192;

/**
 * Decodes a plan text: UTF-8 (with or without a BOM), UTF-16 with a BOM, or
 * GB18030 — the encodings Chinese government texts come in. Empty and binary
 * files are invalid input.
 */
export function decodeSource(bytes: Uint8Array, shown: string): string {
  if (bytes.length === 0) throw new CliError(EXIT.invalidInput, `${shown} is empty`);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic === "%PDF") throw new CliError(EXIT.invalidInput, `${shown} is a PDF: extract its text first (for example with pdftotext) and import that`);
  if (magic === "PK\u0003\u0004") {
    throw new CliError(EXIT.invalidInput, `${shown} is a zip or Word (.docx) file: save it as plain text first and import that`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const nul = bytes.subarray(0, BINARY_PROBE).indexOf(0);
  if (nul >= 0) throw new CliError(EXIT.invalidInput, `${shown} is a binary file, not text (NUL byte at offset ${nul})`);
  for (const encoding of ["utf-8", "gb18030"]) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch (error) {
      if (!(error instanceof TypeError) && !(error instanceof RangeError)) throw error;
    }
  }
  throw new CliError(EXIT.invalidInput, `${shown} is neither UTF-8 nor GB18030 text`);
}
