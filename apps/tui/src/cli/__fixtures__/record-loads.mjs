// `node --import ./record-loads.mjs …` appends the URL of every module the
// program loads to the file named by RECORD_LOADS (one per line). Imported on
// the main thread it registers itself as a module hook; in the hooks thread
// it is the hook.
import { appendFileSync } from "node:fs";
import { env } from "node:process";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  appendFileSync(env.RECORD_LOADS, `${url}\n`);
  return nextLoad(url, context);
}
