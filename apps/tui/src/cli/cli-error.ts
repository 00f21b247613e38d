import type { ExitCode } from "./exit-codes.js";

/** An error meant for the user: printed as one line on stderr, exiting with its code. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}
