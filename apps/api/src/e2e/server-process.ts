import { spawn, type ChildProcess } from "node:child_process";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const API_DIR = fileURLToPath(new URL("../..", import.meta.url));
const REPO_DIR = fileURLToPath(new URL("../../../..", import.meta.url));
export const SERVER_JS = fileURLToPath(new URL("../../dist/server.js", import.meta.url));

/**
 * Builds the server and what it depends on through turbo (a cache hit when
 * `pnpm test` has just built everything). Test files build under one lock,
 * so two of them never write the same dist/ at once.
 */
export async function buildServer(): Promise<void> {
  const build = ["pnpm", "turbo", "run", "build", "--filter=@taizhang/api...", "--output-logs=errors-only"];
  await promisify(execFile)("flock", ["/tmp/taizhang-api-e2e-build.lock", ...build], {
    cwd: REPO_DIR,
    maxBuffer: 64 * 1024 * 1024,
  });
}

export interface ServerProcess {
  url: string;
  /** Everything the process wrote to stdout so far. */
  output(): string;
  /** The one-time admin token, when this start printed one. */
  adminToken: string | null;
  /** SIGTERM, then resolves to the exit code. */
  stop(): Promise<number | null>;
  child: ChildProcess;
}

/** Starts `node dist/server.js` on a free port with `env` and waits for its banner. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [SERVER_JS], {
    cwd: API_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    const onData = () => {
      const match = /Taizhang is running at (http:\/\/\S+\/) \(API: \/api, docs: \/docs\)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it started:\n${stdout}\n${stderr}`));
    });
  });
  const token = /^\s{4}(tz_\S+)$/m.exec(stdout)?.[1] ?? null;
  return {
    url,
    output: () => stdout,
    adminToken: token,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
