// `pnpm bench`: measures Taizhang against same-run baselines and writes
// docs/benchmarks.md. Bounded in time and count; loopback only.
// `pnpm bench -- --quick` runs a small corpus to try it out.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { buildPlans, builtInPlans, createSearchIndex, normalizeForSearch, PlanManifestSchema, type Plan, type SourceText } from "@taizhang/core";
import { generateCorpus, NATIONAL_CORPUS } from "./corpus.js";

const quick = process.argv.includes("--quick");
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const lines: string[] = [];
const say = (line = ""): void => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number): string => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

/** Runs `fn` `runs` times after `warm` warm-ups; times in ms, sorted. */
function time(fn: () => unknown, runs: number, warm = 3): number[] {
  for (let i = 0; i < warm; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

// ---------------------------------------------------------------- machine
say("# Benchmarks");
say();
say(`Written by \`pnpm bench${quick ? " -- --quick" : ""}\` (tooling/bench) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Every figure is measured in the same run as its baseline.`);
say();
const cpu = cpus();
say(`Machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, load average at start ${loadavg().map((l) => l.toFixed(2)).join(" / ")}. A shared two-core machine: figures vary by ±20 % between runs.`);
say();

// ---------------------------------------------------------------- corpus
const corpusSize = quick ? { ...NATIONAL_CORPUS, plans: 300 } : NATIONAL_CORPUS;
let t0 = performance.now();
const corpus: Plan[] = [...generateCorpus(corpusSize)];
const corpusMs = performance.now() - t0;
const corpusTasks = corpus.reduce((n, p) => n + p.tasks.length, 0);
say("## Synthetic national corpus");
say();
say(`${corpus.length.toLocaleString("en")} plans (${corpus.filter((p) => p.jurisdiction.level === "region").length} regions, ${corpus.filter((p) => p.jurisdiction.level === "city").length} cities, ${corpus.filter((p) => p.jurisdiction.level === "county").length} counties), ${corpusTasks.toLocaleString("en")} tasks, generated (seed ${corpusSize.seed}) and validated against core's schema in ${(corpusMs / 1000).toFixed(1)} s.`);
say();

// ---------------------------------------------------------------- importer
say("## Importer");
say();
{
  const manifest = PlanManifestSchema.parse(JSON.parse(readFileSync(join(root, "packages/core/plans/manifest.json"), "utf8")));
  const sources = join(root, "packages/core/plans/sources");
  const texts = new Map(
    readdirSync(sources).map((name) => {
      const bytes = readFileSync(join(sources, name));
      return [name, { name, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), sha256: createHash("sha256").update(bytes).digest("hex") } satisfies SourceText];
    }),
  );
  const read = (name: string): SourceText => {
    const s = texts.get(name);
    if (!s) throw new Error(`no source ${name}`);
    return s;
  };
  let tasks = 0;
  const runs = time(() => (tasks = buildPlans(manifest, read).reduce((n, p) => n + p.tasks.length, 0)), quick ? 5 : 20);
  const bytes = [...texts.values()].reduce((n, s) => n + Buffer.byteLength(s.text), 0);
  say(`| what | p50 | p95 | target |`);
  say(`| --- | --- | --- | --- |`);
  say(`| the four seed texts (${texts.size} files, ${(bytes / 1024).toFixed(0)} KB, ${tasks} tasks) → validated plans | ${ms(percentile(runs, 50))} ms | ${ms(percentile(runs, 95))} ms | < 100 ms total: ${percentile(runs, 50) < 100 ? "met" : "**missed**"} |`);
  say(`| throughput | ${Math.round((tasks / percentile(runs, 50)) * 1000).toLocaleString("en")} tasks/s | | |`);
  say();
}

// ---------------------------------------------------------------- search
say("## Search");
say();
say("Core's index (`createSearchIndex`) against a lower bound built in the same run: a minimal in-memory index of the same documents (title and text) with a `Map` from character bigram to a sorted list of document numbers, answering by intersecting the lists and checking each candidate with `includes` — no ranking, snippets, pinyin, aliases or other fields. Queries that only the real index can answer (pinyin, aliases) are compared with the bound for the Chinese term they stand for. Warm queries, 20 hits per page.");
say();

interface Bound {
  search(term: string): number;
}
function lowerBound(plans: readonly Plan[]): Bound {
  const docs: string[] = plans.flatMap((p) => p.tasks.map((t) => normalizeForSearch(`${t.title}\n${t.text}`)));
  const postings = new Map<number, number[]>();
  docs.forEach((text, d) => {
    for (let i = 0; i + 1 < text.length; i++) {
      const key = text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1);
      const list = postings.get(key);
      if (!list) postings.set(key, [d]);
      else if (list[list.length - 1] !== d) list.push(d);
    }
  });
  return {
    search(term) {
      const q = normalizeForSearch(term);
      const lists: number[][] = [];
      for (let i = 0; i + 1 < q.length; i++) lists.push(postings.get(q.charCodeAt(i) * 65536 + q.charCodeAt(i + 1)) ?? []);
      lists.sort((a, b) => a.length - b.length);
      const [first = [], ...rest] = lists;
      const sets = rest.map((l) => new Set(l));
      let count = 0;
      for (const d of first) if (sets.every((s) => s.has(d)) && docs[d]?.includes(q)) count++;
      return count;
    },
  };
}

const QUERIES: Array<{ q: string; bound: string; note: string }> = [
  { q: "行政复议", bound: "行政复议", note: "a common term" },
  { q: "行政復議", bound: "行政复议", note: "traditional script" },
  { q: "xzfy", bound: "行政复议", note: "pinyin initials" },
  { q: "xingzhengfuyi", bound: "行政复议", note: "full pinyin" },
  { q: "执法全过程记录", bound: "执法全过程记录", note: "a rare phrase" },
  { q: "重大行政决策 合法性审查", bound: "合法性审查", note: "two terms (AND)" },
  { q: '"政务公开" -考核', bound: "政务公开", note: "phrase minus a term" },
  { q: "依法", bound: "依法", note: "a term in nearly every task" },
];

function searchTable(label: string, plans: readonly Plan[]): void {
  let t = performance.now();
  const index = createSearchIndex(plans);
  const buildMs = performance.now() - t;
  t = performance.now();
  const bound = lowerBound(plans);
  const boundBuildMs = performance.now() - t;
  const stats = index.stats();
  const tasks = plans.reduce((n, p) => n + p.tasks.length, 0);
  say(`### ${label}: ${tasks.toLocaleString("en")} tasks`);
  say();
  const statsText = Object.entries(stats)
    .map(([k, v]) => `${k} ${typeof v === "number" ? v.toLocaleString("en") : JSON.stringify(v)}`)
    .join(", ");
  say(`Index built in ${ms(buildMs)} ms (the lower bound's: ${ms(boundBuildMs)} ms); \`stats()\`: ${statsText}.`);
  say();
  say("| query | hits | p50 | p95 | lower bound p95 | ratio (p95) | target p95 ≤ 2× and < 10 ms |");
  say("| --- | --- | --- | --- | --- | --- | --- |");
  const runs = quick ? 15 : 40;
  for (const { q, bound: term, note } of QUERIES) {
    let total = 0;
    const real = time(() => (total = index.search(q, { limit: 20 }).total), runs);
    const base = time(() => bound.search(term), runs);
    const p95 = percentile(real, 95);
    const b95 = percentile(base, 95);
    const met = p95 <= 2 * b95 && p95 < 10;
    say(`| \`${q}\` (${note}) | ${total.toLocaleString("en")} | ${ms(percentile(real, 50))} ms | ${ms(p95)} ms | ${ms(b95)} ms | ${ratio(p95, b95)} | ${met ? "met" : "**missed**"} |`);
  }
  say();
}
searchTable("The four plans", builtInPlans);
searchTable(quick ? "Quick corpus" : "National corpus", corpus);

// ---------------------------------------------------------------- API
async function startBenchServer(dataDir: string, corpusPlans: number): Promise<{ child: ChildProcess; url: string; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), "bench-server.js")], {
    env: { ...process.env, BENCH_DATA: dataDir, BENCH_CORPUS_PLANS: String(corpusPlans) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, readyMs: performance.now() - started };
}
const stop = (child: ChildProcess) => new Promise<void>((resolve) => {
  child.once("exit", () => resolve());
  child.kill("SIGTERM");
});
const rssOf = (pid: number | undefined): number => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
  } catch {
    return NaN;
  }
};
async function cannon(url: string, seconds: number): Promise<{ rps: number; p50: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections: 50, duration: seconds });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

say("## API");
say();
const apiPlans = quick ? 100 : 1000;
const dataDir = mkdtempSync(join(tmpdir(), "taizhang-bench-"));
try {
  t0 = performance.now();
  let server = await startBenchServer(dataDir, apiPlans);
  const loadMs = performance.now() - t0;
  await stop(server.child);
  server = await startBenchServer(dataDir, apiPlans);
  const restartMs = server.readyMs;
  say(`The server (the real app on the embedded SQLite store) in its own process, with the four plans and ${apiPlans.toLocaleString("en")} corpus plans loaded through the store's \`loadPlan\` (first start, including loading: ${(loadMs / 1000).toFixed(1)} s; a restart on that store, ready to answer: ${ms(restartMs)} ms). autocannon in this process, 50 connections, ${quick ? 3 : 10} s per route, loopback. The baseline is a route of the same server answering a small fixed JSON.`);
  say();
  const seconds = quick ? 3 : 10;
  const unit = encodeURIComponent("成都市:市政府法制办");
  // The first search builds the server's search index over every stored plan (the real server starts that at boot).
  t0 = performance.now();
  await (await fetch(`${server.url}/api/search?q=${encodeURIComponent("法治")}`)).text();
  say(`Building the server's search index over the ${(apiPlans + 4).toLocaleString("en")} stored plans (first search): ${(performance.now() - t0).toFixed(0)} ms; the runs below are warm.`);
  say();
  const base = await cannon(`${server.url}/bench/fixed`, seconds);
  const routes = [
    { what: "task list: one plan, overdue filter, 50 per page", path: "/api/tasks?planId=chengdu-2015&overdue=true&asOf=2021-01-05&limit=50" },
    { what: "task list across all plans, theme filter, 50 per page", path: "/api/tasks?theme=oversight&limit=50" },
    { what: "a unit's checklist (我的任务)", path: `/api/units/${unit}/checklist` },
    { what: "search 行政复议 (first page)", path: `/api/search?q=${encodeURIComponent("行政复议")}` },
  ];
  say("| route | req/s | p50 | p99 | of baseline | target ≥ 50 % |");
  say("| --- | --- | --- | --- | --- | --- |");
  say(`| baseline: fixed JSON | ${Math.round(base.rps).toLocaleString("en")} | ${base.p50} ms | ${base.p99} ms | 100 % | |`);
  for (const r of routes) {
    const res = await cannon(`${server.url}${r.path}`, seconds);
    const share = res.rps / base.rps;
    say(`| ${r.what} | ${Math.round(res.rps).toLocaleString("en")} | ${res.p50} ms | ${res.p99} ms | ${Math.round(share * 100)} % | ${share >= 0.5 ? "met" : "**missed**"}${res.errors + res.non2xx > 0 ? ` (${res.errors} errors, ${res.non2xx} non-2xx)` : ""} |`);
  }
  say();
  say(`Server memory (RSS) after the runs: ${(rssOf(server.child.pid) / 2 ** 20).toFixed(0)} MB.`);
  say();
  await stop(server.child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- web
say("## Web");
say();
{
  const assets = join(root, "apps/web/dist/assets");
  const js = readdirSync(assets).filter((f) => f.endsWith(".js"));
  const raw = js.reduce((n, f) => n + statSync(join(assets, f)).size, 0);
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f))).length, 0);
  say(`JavaScript shipped: ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzipped (target ≤ 150 KB: ${gz / 1024 <= 150 ? "met" : "**missed**"}).`);
  say();
}

say("## What profiling found");
say();
say("- **Importer** (was 157 ms for the four seeds): a CPU profile put two thirds of the time in the deadline pattern of `importer/milestones.ts`. Every part of that pattern is optional, so it was tried in full at every character of the text. A lookahead now lets it start only where a 年, 月 or 季 follows within 16 characters (every deadline names one); the regenerated plans are byte-identical. Now about 55 ms when the machine is quiet.");
say("- **API routes**: a profile of `GET /api/tasks?theme=…` (5 ms per request in process on the 100-plan store) has three quarters of the CPU in SQLite statement execution (libsql `iterate`/`run`: the filtered page and its total count), and answers carry 20–30 KB of task JSON against the baseline's 100 bytes. The ≥ 50 % target is far off (2–3 %); closing the gap needs response caching keyed by the store's plan revisions (as the search catalog does) and lighter list projections — not done yet.");
say("- **Search**: on the four plans every query is far under 10 ms, but the lower bound is microseconds, so the ratio is dominated by fixed costs (parsing, ranking, snippets, pinyin) and GC pauses at p95. On the national corpus the common terms cost most in verifying and counting every hit; only the requested page is ranked and given snippets.");
say();
say("## Not measured yet");
say();
say(`Issue 8 also asks for: progress-update latency with concurrent writers against a raw single-row UPDATE (SQLite and PostgreSQL); the whole national corpus (3,000 plans, ~600,000 checklist rows with progress, ~1,000,000 history rows) loaded into SQLite and PostgreSQL for the API figures (here the API runs on a ${apiPlans.toLocaleString("en")}-plan slice); the importer's tasks per second on corpus texts; the TUI's first frame; and the time until a 1,000-item checklist is interactive in Chromium. They are not in this run.`);

writeFileSync(join(root, "docs/benchmarks.md"), `${lines.join("\n")}\n`);
process.stdout.write(`\nwrote docs/benchmarks.md\n`);
