import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParseWorkerConfig } from "../env.js";
import { deserializeError, type ParseJob, type ParseOutcome, type ParseValue } from "./parse-jobs.js";

/** Why the pool did not run a job to its end. */
export type ParsePoolProblem = "busy" | "timeout" | "memory" | "crashed";

export class ParsePoolError extends Error {
  override readonly name = "ParsePoolError";
  constructor(
    readonly problem: ParsePoolProblem,
    message: string,
  ) {
    super(message);
  }
}

/** How a worker thread is started: the built file, or (under vitest, from sources) a bootstrap that loads TypeScript. */
interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/**
 * The worker's file. From the built server (dist/…/parse-pool.js) it is the
 * built parse-worker.js beside this file. From sources (this file is .ts:
 * vitest runs the sources of every package through the "@taizhang/source"
 * condition) Node cannot run parse-worker.ts by itself, so the worker starts
 * from a small module that registers tsx's loader first, with the same
 * condition, and so runs the same sources the tests do.
 */
function defaultEntry(): WorkerEntry {
  if (!import.meta.url.endsWith(".ts")) return { url: new URL("./parse-worker.js", import.meta.url), execArgv: [] };
  // tsx's ESM API ("tsx/esm/api" under the import condition, which require.resolve cannot ask for).
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const worker = new URL("./parse-worker.ts", import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(worker)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), execArgv: ["--conditions=@taizhang/source"] };
}

interface Task {
  job: ParseJob;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  task: Task | null;
  /** Set once the worker is gone; the slot is then dropped. */
  dead: boolean;
}

const MiB = 1024 * 1024;

/**
 * A small pool of worker threads that parse what users send (edited ledgers,
 * plan texts), so the server's event loop keeps answering meanwhile. Jobs
 * beyond the workers wait in a bounded queue; beyond that they are refused
 * (`busy`). Each worker runs with its own heap limit (resourceLimits) and each
 * job with a time limit: a job past either ends its worker (a new one is
 * started for the next job) and is refused (`memory`, `timeout`). Workers are
 * started on first use and do not keep the process alive while idle.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private readonly entry: WorkerEntry;
  private closed = false;

  constructor(
    private readonly config: ParseWorkerConfig,
    entry?: WorkerEntry,
  ) {
    this.entry = entry ?? defaultEntry();
  }

  /** Runs a job on a worker; rejects with the job's own error (LedgerFileError, ImportError) or a {@link ParsePoolError}. */
  run<J extends ParseJob>(job: J): Promise<ParseValue<J>> {
    return new Promise<ParseValue<J>>((resolve, reject) => {
      if (this.closed) {
        reject(new ParsePoolError("crashed", "the parse workers are shut down"));
        return;
      }
      const idle = this.slots.some((s) => s.task === null && !s.dead) || this.slots.length < this.config.workers;
      if (!idle && this.waiting.length >= this.config.queue) {
        reject(new ParsePoolError("busy", `${this.config.workers} uploads or imports are being read and ${this.waiting.length} are waiting; try again in a moment`));
        return;
      }
      this.waiting.push({ job, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; jobs still running or waiting are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new ParsePoolError("crashed", "the parse workers are shut down"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      let slot = this.slots.find((s) => s.task === null && !s.dead);
      if (!slot && this.slots.length < this.config.workers) slot = this.spawn();
      if (!slot) return;
      const task = this.waiting.shift();
      if (!task) return;
      this.execute(slot, task);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry.url, {
      execArgv: this.entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(16, Math.floor(this.config.memoryBytes / MiB)), maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = {
      worker,
      dead: false,
      task: null,
      ready: new Promise<void>((resolve, reject) => {
        const onMessage = (message: unknown) => {
          if (message !== "ready") return;
          worker.off("message", onMessage);
          resolve();
        };
        worker.on("message", onMessage);
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the parse worker exited with ${code} before it was ready`)));
      }),
    };
    // A worker that fails to start is reported to the job that waited for it (execute); this keeps it from being unhandled.
    slot.ready.catch(() => undefined);
    worker.once("exit", () => {
      slot.dead = true;
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      this.dispatch();
    });
    this.slots.push(slot);
    return slot;
  }

  private execute(slot: Slot, task: Task): void {
    slot.task = task;
    const { worker } = slot;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: { value: unknown } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      worker.unref();
      slot.task = null;
      if ("error" in outcome) task.reject(outcome.error);
      else task.resolve(outcome.value);
      if (!slot.dead) this.dispatch();
    };
    const stop = (error: Error) => {
      slot.dead = true;
      finish({ error });
      void worker.terminate();
    };
    const onMessage = (message: ParseOutcome | "ready") => {
      if (message === "ready") return;
      finish(message.ok ? { value: message.value } : { error: deserializeError(message.error) });
    };
    const onError = (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        stop(new ParsePoolError("memory", `reading it needs more than the ${Math.floor(this.config.memoryBytes / MiB)} MiB a parse worker may use`));
      } else {
        stop(new ParsePoolError("crashed", `the parse worker failed: ${error.message}`));
      }
    };
    const onExit = (code: number) => stop(new ParsePoolError("crashed", `the parse worker exited with ${code}`));
    worker.ref();
    worker.on("error", onError);
    worker.on("exit", onExit);
    slot.ready.then(
      () => {
        if (settled) return;
        worker.on("message", onMessage);
        timer = setTimeout(() => stop(new ParsePoolError("timeout", `reading it took longer than ${this.config.timeoutMs.toLocaleString("en")} ms`)), this.config.timeoutMs);
        const { job } = task;
        // An upload's bytes are moved to the worker, not copied, when they own their whole buffer.
        const transfer = job.kind === "ledger-file" && job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength && job.bytes.buffer instanceof ArrayBuffer ? [job.bytes.buffer] : [];
        worker.postMessage(job, transfer);
      },
      (error: unknown) => stop(new ParsePoolError("crashed", `the parse worker did not start: ${error instanceof Error ? error.message : String(error)}`)),
    );
  }
}

const pools = new Map<string, ParsePool>();

/**
 * The pool for a configuration's worker settings, made on first use and
 * shared by every app with the same settings (tests make many apps; a server
 * has one).
 */
export function parsePoolFor(config: ParseWorkerConfig): ParsePool {
  const key = `${config.workers}/${config.queue}/${config.memoryBytes}/${config.timeoutMs}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new ParsePool(config);
    pools.set(key, pool);
  }
  return pool;
}
