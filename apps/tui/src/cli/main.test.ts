import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PlanSchema } from "@taizhang/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "./command.js";
import { commands } from "./commands/index.js";
import { main } from "./main.js";

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;

const REPO = join(import.meta.dirname, "..", "..", "..", "..");
const SOURCES = join(REPO, "packages", "core", "plans", "sources");
const CHENGDU = join(SOURCES, "004_6fb7fc662887b81d.txt");
const HOHHOT_TRADITIONAL = join(SOURCES, "001_4e84aac5f35be19d.txt");

async function run(argv: string[], cwd = REPO) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}

let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "taizhang-cli-"));
  writeFileSync(join(scratch, "empty.txt"), "");
  writeFileSync(join(scratch, "binary.bin"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a]));
  writeFileSync(join(scratch, "prose.txt"), "这是一段普通的中文文字,没有任何任务。\n");
  writeFileSync(join(scratch, "latin1.txt"), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0xff, 0xfe, 0x80]));
  writeFileSync(join(scratch, "plan.pdf"), "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n");
  writeFileSync(join(scratch, "plan.docx"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
  // An OLE header and nothing else: a damaged legacy .doc (LibreOffice, where installed, cannot convert it).
  writeFileSync(join(scratch, "plan.doc"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("taizhang", () => {
  it("lists its commands with --help", async () => {
    const { code, stdout } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: taizhang <command>/);
    expect(stdout).toMatch(/import\s+read a plan text/);
  });

  it("prints usage on stderr and exits 1 without a command or with an unknown one", async () => {
    expect(await run([])).toMatchObject({ code: 1, stdout: "" });
    const unknown = await run(["frobnicate"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('taizhang: unknown command "frobnicate" (see taizhang --help)\n');
  });

  it("dispatches to any command in its table and turns a crash into one line", async () => {
    const boom: Command = {
      name: "boom",
      summary: "fails",
      help: "",
      run: () => Promise.reject(new Error("kaput\n    at somewhere (file.js:1:1)")),
    };
    let stderr = "";
    const code = await main(["boom"], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: REPO }, [boom]);
    expect(code).toBe(70);
    expect(stderr).toBe("taizhang boom: internal error: kaput\n");
  });
});

describe("taizhang --version", () => {
  it.each([["--version"], ["-V"]])("%s prints the package's version and exits 0", async (flag) => {
    const { code, stdout, stderr } = await run([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(`taizhang ${VERSION}\n`);
    expect(stderr).toBe("");
  });
});

describe("the command table", () => {
  it("holds lazy loaders, each giving the command of its name and summary", async () => {
    for (const entry of commands) {
      expect(Object.keys(entry).sort()).toEqual(["load", "name", "summary"]);
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
    }
  });

  it("answers help for a command with what its --help prints", async () => {
    for (const name of ["plans", "export", "backup"]) expect((await run(["help", name])).stdout).toBe((await run([name, "--help"])).stdout);
  });
});

describe("taizhang import", () => {
  it("shows its help", async () => {
    const { code, stdout } = await run(["import", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: taizhang import FILE \[FILE…\] \[--json\] \[--id ID\] \[--jurisdiction NAME/);
    expect((await run(["help", "import"])).stdout).toBe(stdout);
  });

  it("summarises a plan", async () => {
    const { code, stdout, stderr } = await run(["import", CHENGDU]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^成都市法治政府建设规划\(2015-2020年\)\n/);
    expect(stdout).toContain("id               chengdu-2015");
    expect(stdout).toContain("文号             成府发〔2015〕20号");
    expect(stdout).toContain("jurisdiction     成都市 (city 市级, in 四川省)");
    expect(stdout).toMatch(/parts 3 · sections 9 · tasks 48 \(of which guarantee measures 4\) · milestones \d+ · targets \d+ · units 15/);
    expect(stdout).toMatch(/warnings \(5\):\n {2}\[boilerplate-removed\] line 3: /);
  });

  it("prints the plan as JSON with --json, under the id given with --id", async () => {
    const { code, stdout } = await run(["import", HOHHOT_TRADITIONAL, "--json", "--id", "hohhot-scrape"]);
    expect(code).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(stdout));
    expect(plan.id).toBe("hohhot-scrape");
    expect(plan.tasks).toHaveLength(34);
    expect(plan.provenance.sourceFiles[0]).toMatchObject({ name: "001_4e84aac5f35be19d.txt", script: "traditional" });
    expect(plan.provenance.sourceFiles[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads a GB18030-encoded file", async () => {
    const { code, stdout } = await run(["import", join(import.meta.dirname, "__fixtures__", "gb18030-plan.txt"), "--json"]);
    expect(code).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(stdout));
    expect(plan.title).toBe("某市人民政府关于加快建设法治政府的实施意见");
    expect(plan.tasks.map((t) => t.title)).toEqual(["深化行政审批制度改革", "加强市场监管", "加强组织领导"]);
  });

  it("merges copies of one plan named together", async () => {
    const simplified = join(SOURCES, "000_303cee155329faa7.txt");
    const { code, stdout } = await run(["import", HOHHOT_TRADITIONAL, simplified, "--json"]);
    expect(code).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(stdout));
    expect(plan).toMatchObject({ id: "hohhot-2015", issuer: "呼和浩特市人民政府", documentNumber: "呼政发〔2015〕32号" });
    expect(plan.provenance.sourceFiles.map((f) => f.name)).toEqual(["001_4e84aac5f35be19d.txt", "000_303cee155329faa7.txt"]);
  });

  it("refuses to merge texts that are not copies of one plan", async () => {
    const { code, stderr } = await run(["import", CHENGDU, HOHHOT_TRADITIONAL]);
    expect(code).toBe(4);
    expect(stderr).toMatch(/^taizhang import: .*48 tasks but .*34: they are not copies of one plan\n$/);
  });

  it("reads a web page saved from a government site, whatever its name, and records the container", async () => {
    const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title></head><body>
      <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul>
      <div id="zoom"><p>某市法治政府建设实施方案(2021—2025年)</p><p>一、主要任务</p>
      <p>1.深化行政审批制度改革。2022年年底前公布清单。(市审改办牵头,市政府各部门配合)</p><p>2.加强市场监管。全面推行随机抽查。</p></div>
      <div class="footer">版权所有 网站地图</div></body></html>`;
    writeFileSync(join(scratch, "saved-page.txt"), page);
    const { code, stdout } = await run(["import", "saved-page.txt", "--json"], scratch);
    expect(code).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(stdout));
    expect(plan.tasks.map((t) => t.title)).toEqual(["深化行政审批制度改革", "加强市场监管"]);
    expect(plan.provenance.sourceFiles[0]?.format).toBe("html");
    expect(plan.units.map((u) => u.name)).toEqual(["市审改办", "市政府各部门"]);
  });

  it.each([
    [["import"], 1, /missing FILE/],
    [["import", "--bogus", "a.txt"], 1, /Unknown option '--bogus'/],
    [["import", CHENGDU, "--id", "Not A Slug"], 1, /not a plan id/],
    [["import", "no-such-file.txt"], 2, /no-such-file\.txt: no such file/],
    [["import", "."], 1, /is a directory/],
  ])("%j exits %i", async (argv, exitCode, message) => {
    const { code, stderr, stdout } = await run(argv);
    expect(code).toBe(exitCode);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it.each([
    ["empty.txt", /empty\.txt: the file is empty/],
    ["binary.bin", /binary\.bin: the file is binary/],
    ["prose.txt", /no tasks found/],
    ["latin1.txt", /neither UTF-8 nor GB18030|no Chinese text/],
    ["plan.pdf", /plan\.pdf: the PDF cannot be read/],
    ["plan.docx", /plan\.docx: this is a zip archive but neither a Word/],
    ["plan.doc", /plan\.doc: .*(?:LibreOffice|\.docx)/],
  ])("rejects %s as invalid input (exit 4)", async (name, message) => {
    const { code, stderr } = await run(["import", name], scratch);
    expect(code).toBe(4);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the built taizhang bin", () => {
  const bin = join(REPO, "apps", "tui", "bin", "taizhang.js");
  beforeAll(() => {
    // The bin runs dist/: build the TUI and every workspace package it depends on.
    execFileSync("pnpm", ["turbo", "run", "build", "--filter=@taizhang/tui", "--output-logs=errors-only"], { cwd: REPO, stdio: "pipe" });
  }, 180_000);

  it("imports a plan in a real process", () => {
    const ok = spawnSync(process.execPath, [bin, "import", CHENGDU], { cwd: REPO, encoding: "utf8" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("tasks 48 (of which guarantee measures 4)");
  });

  it("prints its version in a real process", () => {
    const shown = spawnSync(process.execPath, [bin, "--version"], { cwd: REPO, encoding: "utf8" });
    expect(shown.status).toBe(0);
    expect(shown.stdout).toBe(`taizhang ${VERSION}\n`);
  });

  // Start-up time is measured by `pnpm bench` (docs/benchmarks.md); this checks what makes it short:
  // help and usage errors load neither core nor the store, the exchange formats, the API client, zod or Ink.
  it.each([["--help"], ["--version"], ...commands.filter((c) => c.name !== "ui").map((c) => [c.name, "--help"]), ["plans", "--bogus"]])(
    "%s %s loads no heavy module",
    (...argv: string[]) => {
      const record = join(scratch, `loads-${argv.join("_")}.txt`);
      const hook = join(import.meta.dirname, "__fixtures__", "record-loads.mjs");
      const r = spawnSync(process.execPath, ["--import", hook, bin, ...argv], { cwd: scratch, encoding: "utf8", env: { ...process.env, RECORD_LOADS: record } });
      expect(r.status, r.stderr).toBe(argv[1] === "--bogus" ? 1 : 0);
      const loaded = readFileSync(record, "utf8").trim().split("\n");
      expect(loaded.some((url) => url.endsWith("/dist/cli/main.js"))).toBe(true);
      const heavy = loaded.filter((url) => /\/packages\/(core|store|exchange|client)\/|\/apps\/(api|tui\/dist\/ui\/(?!text\/))|\/node_modules\/\.pnpm\/(zod|ink|react|hono|kysely|libsql|pg|exceljs|opencc-js)@/.test(url));
      expect(heavy).toEqual([]);
    },
  );

  it("exits 2 with one line and no stack trace for a missing file", () => {
    const missing = spawnSync(process.execPath, [bin, "import", "missing.txt"], { cwd: REPO, encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toBe("taizhang import: missing.txt: no such file\n");
  });
});
