import { readFile } from "node:fs/promises";
import { inputFileError } from "./files.js";

/** Reads a file named on the command line, turning file-system errors into one-line messages. */
export async function readSourceFile(path: string, shown: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw inputFileError(error, shown) ?? error;
  }
}
