// A child process for `pnpm bench`: the real app on an embedded store, plus a
// baseline route in the same process (a small fixed JSON answer), so both
// are measured against the same server, from another process.
// With BENCH_WEB_DIST it also serves the built web app, holds a plan whose
// office has a 1,000-item checklist, and serves the same rows as plain HTML.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp, parseConfig } from "@taizhang/api";
import { loadBuiltInPlans, openLedger } from "@taizhang/store";
import { bigChecklistPlan } from "./big-checklist-plan.js";
import { generateCorpus, NATIONAL_CORPUS } from "./corpus.js";

const dataDir = process.env.BENCH_DATA;
if (!dataDir) throw new Error("BENCH_DATA must name the store's directory");
const corpusPlans = Number(process.env.BENCH_CORPUS_PLANS ?? "0");
const webDist = process.env.BENCH_WEB_DIST;
const databaseUrl = process.env.BENCH_DATABASE_URL;

const ledger = await openLedger(databaseUrl ? { databaseUrl, schema: process.env.BENCH_SCHEMA ?? "public" } : { dataDir });
await loadBuiltInPlans(ledger);
if ((await ledger.listPlans()).length < 4 + corpusPlans) {
  let n = 0;
  for (const plan of generateCorpus({ ...NATIONAL_CORPUS, plans: corpusPlans })) {
    await ledger.loadPlan(plan);
    if (++n % 100 === 0) process.stderr.write(`loaded ${n}/${corpusPlans} corpus plans\n`);
  }
}
const app = createApp({ ledger, config: parseConfig({ TAIZHANG_WEB_DIST: webDist ?? "/nonexistent", LOG_LEVEL: "silent", TAIZHANG_RATE_LIMIT_ADDRESS: "0", TAIZHANG_RATE_LIMIT_TOKEN: "0" }) });
const fixed = { ok: true, service: "taizhang", items: [{ id: "chengdu-2015/1", title: "深化行政审批制度改革" }] };
app.get("/bench/fixed", (c) => c.json(fixed));
let extra = "";
if (webDist) {
  const { plan, unitId } = bigChecklistPlan(1000);
  await ledger.loadPlan(plan);
  const rows = await ledger.checklist({ unitId });
  const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  // The floor: the same rows as a page with no script at all (".html" so the web app's fallback leaves it alone).
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>baseline</title><h1>${escape(unitId)}</h1><ul>${rows
    .map((r) => `<li><label><input type="checkbox" aria-label="标记为已完成：${escape(r.taskTitle)}"${r.progress.status === "done" ? " checked" : ""}> ${escape(r.taskTitle)} · ${escape(r.item.label.slice(0, 60))} · ${r.item.due}</label></li>`)
    .join("")}</ul></html>`;
  app.get("/bench/checklist.html", (c) => c.html(html));
  const { token } = await ledger.createToken({ name: "bench admin", role: "admin", unitId: null });
  extra = ` ${token} ${encodeURIComponent(unitId)} ${rows.length}`;
}
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`ready ${port}${extra}\n`);
});
process.on("SIGTERM", () => server.close(() => void ledger.close().then(() => process.exit(0))));
