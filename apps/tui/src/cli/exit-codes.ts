/** Exit codes of the `taizhang` command, the same for every subcommand (docs/cli.md lists them). */
export const EXIT = {
  ok: 0,
  /** Wrong arguments or options; a folder given where a file goes. */
  usage: 1,
  /** A file or record named on the command line does not exist, or a file cannot be read. */
  notFound: 2,
  /** No token, or one whose role or unit may not do this. */
  forbidden: 3,
  /** The input was read but is not acceptable (empty, binary, not a plan). */
  invalidInput: 4,
  /** The data changed between reading and writing. */
  conflict: 5,
  /** The server does not answer, or the store cannot be opened (or does not exist). */
  unavailable: 6,
  /** A bug: something failed that should not have. */
  internal: 70,
  /** An output file cannot be created or written (sysexits' EX_CANTCREAT). */
  cantCreate: 73,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
