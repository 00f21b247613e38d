import { constants, setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { runParseJob, serializeError, type ParseJob, type ParseOutcome } from "./parse-jobs.js";

// A parse worker (parse-pool.ts): one job at a time, its outcome posted back; the pool owns the lifecycle.
const port = parentPort;
if (!port) throw new Error("parse-worker.ts runs as a worker thread (see parse-pool.ts)");
// On Linux a nice value belongs to a thread (setpriority(2)), so this lowers this worker only: the server's
// own thread keeps its CPU while an upload is parsed on a busy machine. Elsewhere it would lower the whole process.
if (process.platform === "linux") setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
port.on("message", (job: ParseJob) => {
  void runParseJob(job).then(
    (value) => port.postMessage({ ok: true, value } satisfies ParseOutcome),
    (error: unknown) => port.postMessage({ ok: false, error: serializeError(error) } satisfies ParseOutcome),
  );
});
port.postMessage("ready");
