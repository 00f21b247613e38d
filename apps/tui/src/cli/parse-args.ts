import { CliError } from "./cli-error.js";
import { EXIT } from "./exit-codes.js";

/**
 * Runs a node:util parseArgs call (strict), turning its errors — an unknown
 * option, a missing value — into one-line usage errors.
 */
export function withUsageErrors<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      throw new CliError(EXIT.usage, `${error.message.split("\n")[0] ?? "bad arguments"} (usage: ${usage})`);
    }
    throw error;
  }
}
