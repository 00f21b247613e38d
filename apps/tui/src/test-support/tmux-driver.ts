import { execFileSync, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Drives programs in a private tmux server (its own socket, so it never
 * touches the user's sessions): start a window of a given size, type keys,
 * read the screen.
 */
export class TmuxDriver {
  readonly socket = `taizhang-e2e-${process.pid}-${Date.now().toString(36)}`;

  /**
   * The environment of the private tmux server and so of the programs in it.
   * CI variables are dropped: Ink (via is-in-ci) draws only the last frame when
   * it believes it runs in CI, and a person at a terminal is what we test.
   */
  private readonly env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== "CI" && key !== "CONTINUOUS_INTEGRATION"),
  );

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-u", ...args], { encoding: "utf8", env: this.env });
  }

  /** Starts `command` in a new detached session `name` of `columns`×`rows` cells. */
  start(name: string, columns: number, rows: number, command: string): void {
    this.tmux("new-session", "-d", "-s", name, "-x", String(columns), "-y", String(rows), command);
  }

  /** The visible screen of a session, one string per row, trailing spaces trimmed. */
  screen(name: string): string[] {
    return this.tmux("capture-pane", "-p", "-t", name).replace(/\n$/, "").split("\n");
  }

  isRunning(name: string): boolean {
    return spawnSync("tmux", ["-L", this.socket, "has-session", "-t", name]).status === 0;
  }

  /** Sends tmux key names (Enter, Escape, j, …), one at a time, as a person types. */
  async keys(name: string, ...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.tmux("send-keys", "-t", name, key);
      await sleep(60);
    }
  }

  /** Sends several tmux key names in one go, as a script or a fast typist would: they reach the program in one read. */
  keysAtOnce(name: string, ...keys: string[]): void {
    this.tmux("send-keys", "-t", name, ...keys);
  }

  /** Types text literally (Chinese included), as an input method would deliver it. */
  async type(name: string, text: string): Promise<void> {
    this.tmux("send-keys", "-t", name, "-l", text);
    await sleep(60);
  }

  resize(name: string, columns: number, rows: number): void {
    this.tmux("resize-window", "-t", name, "-x", String(columns), "-y", String(rows));
  }

  /** Polls the screen until `check` passes (it throws until then), or fails with the last screen. */
  async until(name: string, check: (screen: string[]) => boolean, what: string, timeoutMs = 15_000): Promise<string[]> {
    const end = Date.now() + timeoutMs;
    let last: string[] = [];
    while (Date.now() < end) {
      if (!this.isRunning(name)) throw new Error(`${what}: the session ended; last screen:\n${last.join("\n")}`);
      last = this.screen(name);
      if (check(last)) return last;
      await sleep(100);
    }
    throw new Error(`${what}: not seen within ${timeoutMs} ms; screen:\n${last.join("\n")}`);
  }

  async untilEnded(name: string, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (!this.isRunning(name)) return;
      await sleep(100);
    }
    throw new Error(`${name} did not end within ${timeoutMs} ms`);
  }

  /** Stops the private server and everything in it. */
  killServer(): void {
    // "no server running" just means every session has already ended.
    spawnSync("tmux", ["-L", this.socket, "kill-server"], { stdio: "ignore" });
  }
}
