import { readFile } from "node:fs/promises";
import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

/** Reads a file named on the command line, turning file-system errors into one-line messages. */
export async function readSourceFile(path: string, shown: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    if (code === "ENOENT" || code === "ENOTDIR") throw new CliError(EXIT.notFound, `${shown}: no such file`);
    if (code === "EISDIR") throw new CliError(EXIT.usage, `${shown} is a directory, not a file`);
    if (code === "EACCES" || code === "EPERM") throw new CliError(EXIT.notFound, `${shown}: permission denied`);
    throw error;
  }
}
