// A child process for `pnpm bench`: the real app on an embedded store, plus a
// baseline route in the same process (a small fixed JSON answer), so both
// are measured against the same server, from another process.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp, parseConfig } from "@taizhang/api";
import { loadBuiltInPlans, openLedger } from "@taizhang/store";
import { generateCorpus, NATIONAL_CORPUS } from "./corpus.js";

const dataDir = process.env.BENCH_DATA;
if (!dataDir) throw new Error("BENCH_DATA must name the store's directory");
const corpusPlans = Number(process.env.BENCH_CORPUS_PLANS ?? "0");

const ledger = await openLedger({ dataDir });
await loadBuiltInPlans(ledger);
if ((await ledger.listPlans()).length < 4 + corpusPlans) {
  let n = 0;
  for (const plan of generateCorpus({ ...NATIONAL_CORPUS, plans: corpusPlans })) {
    await ledger.loadPlan(plan);
    if (++n % 100 === 0) process.stderr.write(`loaded ${n}/${corpusPlans} corpus plans\n`);
  }
}
const app = createApp({ ledger, config: parseConfig({ TAIZHANG_WEB_DIST: "/nonexistent", LOG_LEVEL: "silent", TAIZHANG_RATE_LIMIT_ADDRESS: "0", TAIZHANG_RATE_LIMIT_TOKEN: "0" }) });
const fixed = { ok: true, service: "taizhang", items: [{ id: "chengdu-2015/1", title: "深化行政审批制度改革" }] };
app.get("/bench/fixed", (c) => c.json(fixed));
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`ready ${port}\n`);
});
process.on("SIGTERM", () => server.close(() => void ledger.close().then(() => process.exit(0))));
