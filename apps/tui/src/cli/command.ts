/** Where a command writes; tests capture these instead of the process streams. */
export interface CliIo {
  /** Text, or the bytes of a file written to standard output (`-o -`). */
  stdout: (chunk: string | Uint8Array) => void;
  stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** The language of messages: `--lang`, else TAIZHANG_LANG, else Chinese (main() sets it). */
  lang?: "zh" | "en";
}

/**
 * One subcommand of `taizhang`: `apps/tui/src/cli/commands/<name>.ts`, listed
 * in commands/index.ts. A command module loads only light modules when it is
 * imported (its help, its options): the store, core, the exchange formats and
 * the UI are imported inside `run`, once the arguments are checked, so that
 * `taizhang <name> --help` and usage errors answer at once (docs/cli.md).
 */
export interface Command {
  name: string;
  /** One line for `taizhang --help`. */
  summary: string;
  /** The full text of `taizhang <name> --help`. */
  help: string;
  /** Runs the command on the arguments after its name; resolves to the exit code. */
  run: (args: readonly string[], io: CliIo) => Promise<number>;
}

/** A command as `taizhang`'s table lists it: what `taizhang --help` shows, and how to load the rest when it runs. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}
