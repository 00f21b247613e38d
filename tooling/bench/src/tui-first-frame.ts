import { execFileSync, spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Time from starting a command in a fresh tmux session (a real pseudo
 * terminal, 120×40) until its screen shows what `ready` looks for. The
 * tmux server is private (its own socket) and killed afterwards.
 */
export async function firstFrameMs(command: string, ready: (screen: string) => boolean, timeoutMs = 20_000): Promise<number> {
  const socket = `taizhang-bench-${process.pid}-${Date.now().toString(36)}`;
  // Ink draws only the last frame when it thinks it runs in CI.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "CI" && k !== "CONTINUOUS_INTEGRATION"));
  const tmux = (...args: string[]) => execFileSync("tmux", ["-L", socket, "-u", ...args], { encoding: "utf8", env });
  try {
    const started = performance.now();
    tmux("new-session", "-d", "-s", "bench", "-x", "120", "-y", "40", command);
    while (performance.now() - started < timeoutMs) {
      if (ready(tmux("capture-pane", "-p", "-t", "bench"))) return performance.now() - started;
      await sleep(5);
    }
    throw new Error(`no first frame from ${command} within ${timeoutMs} ms:\n${tmux("capture-pane", "-p", "-t", "bench")}`);
  } finally {
    spawnSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" });
  }
}
