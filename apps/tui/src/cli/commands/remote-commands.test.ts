import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTestApi, type TestApi } from "@taizhang/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chengduPlan } from "../../test-support/fixture-plans.js";
import { captureIo } from "../../test-support/temp-store.js";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportCommand } from "./export.js";
import { importProgressCommand } from "./import-progress.js";
import { setCommand } from "./set.js";
import { taskCommand } from "./task.js";
import { plansCommand } from "./plans.js";
import { counterpartsCommand } from "./counterparts.js";
import { searchCommand } from "./search.js";
import { themesCommand } from "./themes.js";
import { checklistCommand } from "./checklist.js";
import { main } from "../main.js";
import type { Command } from "../command.js";

// The real API app (test-kit) on a real port (a minimal node:http adapter), so the CLI goes through fetch as it does in use.
let testApi: TestApi;
let server: Server;
let api = "";
const tokens = { admin: "", office: "" };

beforeAll(async () => {
  testApi = await createTestApi({ plans: [chengduPlan], offices: { 财政局: "成都市:市财政局" }, clock: () => new Date() });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      void testApi.fetch(`http://127.0.0.1${req.url ?? "/"}`, { method: req.method ?? "GET", headers, ...(body ? { body } : {}) }).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tokens.admin = testApi.tokens.admin;
  tokens.office = testApi.tokens["财政局"] ?? "";
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await testApi.close();
});

/** Runs `command` as the real program does (through main(), which reports what a command throws). */
async function run(command: Command, ...args: string[]) {
  const io = captureIo("/");
  const code = await main([command.name, ...args], io, [command]);
  return { code, out: io.out(), err: io.err() };
}

describe("subcommands against a server", () => {
  it("read without a token", async () => {
    const r = await run(plansCommand, "--api", api);
    expect(r.code).toBe(0);
    expect(r.out).toContain("chengdu-2015");
  });

  it("exit 3 writing without a token or for another unit, 0 with the unit's own token", async () => {
    const none = await run(setCommand, "chengdu-2015/2#m1", "--unit", "市财政局", "--status", "done", "--api", api);
    expect(none.code).toBe(3);
    expect(none.err).toContain("--token");
    const other = await run(setCommand, "chengdu-2015/2#m1", "--unit", "市发改委", "--status", "done", "--api", api, "--token", tokens.office);
    expect(other.code).toBe(3);
    const own = await run(setCommand, "chengdu-2015/2#m1", "--unit", "市财政局", "--status", "done", "--api", api, "--token", tokens.office, "--json");
    expect(own.code).toBe(0);
    expect(JSON.parse(own.out)).toMatchObject({ status: "done", version: 1, updatedBy: "财政局 office" });
    const shown = await run(taskCommand, "chengdu-2015/2", "--json", "--api", api);
    expect((JSON.parse(shown.out) as { history: Array<{ actor: string }> }).history[0]?.actor).toBe("财政局 office");
  });

  it("export, edit and import-progress through the server: the office's row is written, another unit's is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taizhang-remote-import-"));
    try {
      const file = join(dir, "ledger.csv");
      expect((await run(exportCommand, "--plan", "chengdu-2015", "-o", file, "--api", api)).code).toBe(0);
      const lines = readFileSync(file, "utf8").split("\r\n");
      const edit = (itemId: string, unit: string, percent: number) => {
        const at = lines.findIndex((l) => l.includes(`,${itemId},成都市:${unit},`));
        expect(at).toBeGreaterThan(0);
        lines[at] = lines[at]?.replace(/,(未开始|进行中|已完成),\d+,/, `,进行中,${percent},`) ?? "";
      };
      edit("chengdu-2015/1#m1", "市委编办", 15);
      writeFileSync(file, lines.join("\r\n"));
      const refused = await run(importProgressCommand, file, "--apply", "--json", "--api", api, "--token", tokens.office);
      expect(refused.code).toBe(5);
      expect(JSON.parse(refused.out)).toMatchObject({ applied: false, summary: { rejected: 1 }, rows: [{ reason: "forbidden" }] });
      const applied = await run(importProgressCommand, file, "--apply", "--json", "--api", api, "--token", tokens.admin);
      expect(applied.code, applied.err).toBe(0);
      expect(JSON.parse(applied.out)).toMatchObject({ applied: true, written: 1, file: { name: "ledger.csv", format: "csv" } });
      const history = (await testApi.ledger.history({ itemId: "chengdu-2015/1#m1" as never })).items;
      expect(history[0]).toMatchObject({ source: "import", actor: "测试管理员", note: expect.stringMatching(/^导入 ledger\.csv 第\d+行$/) });
      const none = await run(importProgressCommand, file, "--api", api);
      expect(none.code).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exit 2 for an unknown task, 6 when the server does not answer", async () => {
    expect((await run(taskCommand, "chengdu-2015/99", "--api", api)).code).toBe(2);
    const down = await run(plansCommand, "--api", "http://127.0.0.1:9");
    expect(down.code).toBe(6);
    // In words from the catalogue, Chinese unless --lang en: never fetch's own "fetch failed (connect ECONNREFUSED …)".
    expect(down.err).toBe("taizhang plans: 服务器 http://127.0.0.1:9 无响应\n");
    const english = await run(plansCommand, "--api", "http://127.0.0.1:9", "--lang", "en");
    expect(english.code).toBe(6);
    expect(english.err).toBe("taizhang plans: the server at http://127.0.0.1:9 does not answer\n");
  });

  it("search, themes and counterparts answer from the server's endpoints", async () => {
    const found = await run(searchCommand, "--api", api, "--json", "行政復議");
    expect(found.code, found.err).toBe(0);
    const hits = (JSON.parse(found.out) as { hits: Array<{ taskId: string; task: { title: string } }> }).hits;
    expect(hits.map((h) => h.taskId)).toContain("chengdu-2015/3");
    expect(hits.find((h) => h.taskId === "chengdu-2015/3")?.task.title).toContain("行政复议");
    const themes = await run(themesCommand, "--api", api, "--json", "--as-of", "2021-01-05");
    expect(themes.code, themes.err).toBe(0);
    expect((JSON.parse(themes.out) as { plans: Array<{ id: string }> }).plans.map((p) => p.id)).toEqual(["chengdu-2015"]);
    // One plan on the server: nothing to compare with.
    const alone = await run(counterpartsCommand, "--api", api, "--json", "chengdu-2015/1");
    expect(alone.code, alone.err).toBe(0);
    expect((JSON.parse(alone.out) as { counterparts: unknown[] }).counterparts).toEqual([]);
    expect((await run(counterpartsCommand, "--api", api, "chengdu-2015/99")).code).toBe(2);
  });

  it("export writes the server's own export, byte for byte, with the server's file (CSV and history)", async () => {
    for (const [args, query] of [
      [["--plan", "chengdu-2015", "--format", "csv"], "planId=chengdu-2015&format=csv"],
      [["--unit", "市财政局", "--format", "json", "--history", "include"], "unitId=%E6%88%90%E9%83%BD%E5%B8%82%3A%E5%B8%82%E8%B4%A2%E6%94%BF%E5%B1%80&format=json&history=include"],
    ] as const) {
      const cli = await run(exportCommand, ...args, "--as-of", "2021-01-05", "-o", "-", "--api", api);
      expect(cli.code, cli.err).toBe(0);
      const served = await testApi.fetch(`http://127.0.0.1/api/exports/ledger?${query}&asOf=2021-01-05`);
      expect(served.status).toBe(200);
      expect(cli.out).toBe(Buffer.from(await served.arrayBuffer()).toString("utf8"));
      expect(cli.err).toMatch(/^taizhang export: \d+ bytes → standard output\n$/);
    }
  });

  it("an office token's own unit is the unit when none is given: checklist, set and export", async () => {
    const mine = await run(checklistCommand, "--api", api, "--token", tokens.office, "--as-of", "2016-11-01");
    expect(mine.code, mine.err).toBe(0);
    expect(mine.out).toMatch(/^成都市 市财政局 · 截至 2016-11-01/);
    const written = await run(setCommand, "chengdu-2015/2#task", "--status", "进行中", "--api", api, "--token", tokens.office, "--json");
    expect(written.code, written.err).toBe(0);
    expect(JSON.parse(written.out)).toMatchObject({ itemId: "chengdu-2015/2#task", unitId: "成都市:市财政局", status: "in_progress" });
    const exported = await run(exportCommand, "--format", "json", "-o", "-", "--api", api, "--token", tokens.office);
    expect(exported.code, exported.err).toBe(0);
    const rows = (JSON.parse(exported.out) as { rows: Array<{ unitId: string }> }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.unitId))).toEqual(new Set(["成都市:市财政局"]));
    // An admin token has no unit: still asked for, in one line that says why.
    const admin = await run(checklistCommand, "--api", api, "--token", tokens.admin);
    expect(admin.code).toBe(1);
    expect(admin.out).toBe("");
    expect(admin.err).toBe("taizhang checklist: --unit NAME is required: an admin token has no unit (an office token's own unit is the default) (see taizhang checklist --help)\n");
  });
});
