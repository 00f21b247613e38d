import { parentPort } from "node:worker_threads";
import { runParseJob, serializeError, type ParseJob, type ParseOutcome } from "./parse-jobs.js";

// A parse worker (parse-pool.ts): one job at a time, its outcome posted back; the pool owns the lifecycle.
const port = parentPort;
if (!port) throw new Error("parse-worker.ts runs as a worker thread (see parse-pool.ts)");
port.on("message", (job: ParseJob) => {
  void runParseJob(job).then(
    (value) => port.postMessage({ ok: true, value } satisfies ParseOutcome),
    (error: unknown) => port.postMessage({ ok: false, error: serializeError(error) } satisfies ParseOutcome),
  );
});
port.postMessage("ready");
