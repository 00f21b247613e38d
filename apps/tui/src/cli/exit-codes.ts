/** Exit codes of the `taizhang` command, the same for every subcommand. */
export const EXIT = {
  ok: 0,
  /** Wrong arguments or options. */
  usage: 1,
  /** A file or record named on the command line does not exist. */
  notFound: 2,
  /** The input was read but is not acceptable (empty, binary, not a plan). */
  invalidInput: 4,
  /** A bug: something failed that should not have. */
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
