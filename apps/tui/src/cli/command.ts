/** Where a command writes; tests capture these instead of the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  cwd: string;
}

/** One subcommand of `taizhang`: `apps/tui/src/cli/commands/<name>.ts`, listed in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for `taizhang --help`. */
  summary: string;
  /** The full text of `taizhang <name> --help`. */
  help: string;
  /** Runs the command on the arguments after its name; resolves to the exit code. */
  run: (args: readonly string[], io: CliIo) => Promise<number>;
}
