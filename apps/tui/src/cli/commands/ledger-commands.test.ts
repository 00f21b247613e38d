import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chengduPlan, hohhotPlan } from "../../test-support/fixture-plans.js";
import { captureIo, tempStore } from "../../test-support/temp-store.js";
import { displayWidth } from "../../ui/text/index.js";
import { main } from "../main.js";
import { checklistCommand } from "./checklist.js";
import { exportCommand } from "./export.js";
import { validateCommand } from "./validate.js";
import { overdueCommand } from "./overdue.js";
import { plansCommand } from "./plans.js";
import { setCommand } from "./set.js";
import { taskCommand } from "./task.js";
import { tasksCommand } from "./tasks.js";
import { SQLITE_FILE_NAME } from "@taizhang/store";
import type { Command } from "../command.js";
import { importProgressCommand } from "./import-progress.js";

let store: { dir: string; remove: () => void };
beforeAll(async () => {
  store = await tempStore([chengduPlan, hohhotPlan]);
});
afterAll(() => store.remove());

/** Runs `command` as the real program does (through main(), which reports what a command throws). */
async function run(command: Command, ...args: string[]) {
  const io = captureIo(store.dir);
  const code = await main([command.name, ...[...args, "--data", store.dir]], io, [command]);
  return { code, out: io.out(), bytes: io.outBytes(), err: io.err() };
}

/** One line on stderr, nothing on stdout: how every error is reported (docs/cli.md). */
function expectOneLineError(r: { out: string; err: string }, message: string | RegExp): void {
  expect(r.out).toBe("");
  expect(r.err.endsWith("\n")).toBe(true);
  expect(r.err.trimEnd().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(message);
}

describe("taizhang plans", () => {
  it("prints an aligned table, and JSON with --json", async () => {
    const r = await run(plansCommand, "--as-of", "2016-11-01");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID +规划期 +任务数 +完成 +逾期 +规划$/);
    expect(lines).toHaveLength(3);
    // The title column starts in the same cell on every line.
    const starts = lines.map((l) => displayWidth(l.slice(0, l.search(/规划$|成都市|呼和浩特市/))));
    expect(new Set(starts).size).toBe(1);
    const json = await run(plansCommand, "--json", "--as-of", "2016-11-01");
    const parsed = JSON.parse(json.out) as Array<{ id: string; rollup: { overdue: number } | null }>;
    expect(parsed.find((p) => p.id === "chengdu-2015")?.rollup?.overdue).toBe(6);
  });

  it("counts each plan's tasks once, guarantee measures included: the count `taizhang tasks` lists (issue 16)", async () => {
    const r = await run(plansCommand);
    expect(chengduPlan.tasks.some((t) => t.guarantee)).toBe(true);
    for (const plan of [chengduPlan, hohhotPlan]) {
      const line = r.out.split("\n").find((l) => l.startsWith(`${plan.id} `)) ?? "";
      expect(line.split(/ {2,}/)[2]).toBe(String(plan.tasks.length));
      const listed = await run(tasksCommand, "--plan", plan.id, "--json");
      expect((JSON.parse(listed.out) as unknown[]).length).toBe(plan.tasks.length);
    }
  });

  it("answers --help with usage and exit 0, and a bad option with exit 1", async () => {
    const help = await run(plansCommand, "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("Usage: taizhang plans");
    const bad = await run(plansCommand, "--bogus");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("--bogus");
  });
});

describe("taizhang tasks", () => {
  it("filters by plan, unit alias, status, overdue and text", async () => {
    const overdue = await run(tasksCommand, "--plan", "chengdu-2015", "--overdue", "--as-of", "2016-11-01", "--json");
    expect((JSON.parse(overdue.out) as Array<{ id: string }>).map((t) => t.id)).toEqual(["chengdu-2015/1"]);
    const byUnit = await run(tasksCommand, "--unit", "市审改办", "--json");
    expect((JSON.parse(byUnit.out) as Array<{ id: string }>).map((t) => t.id)).toEqual(["chengdu-2015/1"]);
    const byText = await run(tasksCommand, "--text", "行政复议");
    expect(byText.code).toBe(0);
    expect(byText.out).toContain("chengdu-2015/3");
    expect(byText.out).toContain("健全行政复议体制");
    expect(byText.out).not.toContain("chengdu-2015/1 ");
  });

  it("exits 4 for a bad status and 2 for an unknown plan or unit", async () => {
    expect((await run(tasksCommand, "--status", "finished")).code).toBe(4);
    expect((await run(tasksCommand, "--plan", "nowhere-2020")).code).toBe(2);
    const unit = await run(tasksCommand, "--unit", "不存在的单位");
    expect(unit.code).toBe(2);
    expect(unit.err).toContain("不存在的单位");
  });
});

describe("messages for a problem, from the catalogue in Chinese and English (#16)", () => {
  it("names an unknown unit, task and plan in words, in Chinese unless --lang en", async () => {
    const unit = await run(checklistCommand, "--unit", "不存在");
    expect(unit.code).toBe(2);
    expectOneLineError(unit, "taizhang checklist: 没有名为“不存在”的单位\n");
    const english = await run(checklistCommand, "--unit", "不存在", "--lang", "en");
    expect(english.code).toBe(2);
    expectOneLineError(english, "taizhang checklist: no unit named 不存在\n");
    expectOneLineError(await run(taskCommand, "chengdu-2015/99"), "taizhang task: 没有任务 chengdu-2015/99\n");
    expectOneLineError(await run(taskCommand, "chengdu-2015/99", "--lang=en"), "taizhang task: no task chengdu-2015/99\n");
    expectOneLineError(await run(tasksCommand, "--plan", "nowhere-2020"), "taizhang tasks: 没有规划 nowhere-2020\n");
  });

  it("names the field a write was refused for, never the store's own text", async () => {
    const r = await run(setCommand, "chengdu-2015/3#m1", "--unit", "市政府法制办", "--note", "已试点\u0001");
    expect(r.code).toBe(4);
    expectOneLineError(r, "taizhang set: 进展说明含有无法保存的字符(控制字符或不成对的代理项)\n");
    const item = await run(setCommand, "chengdu-2015/3#m1", "--unit", "市财政局", "--status", "done");
    expect(item.code).toBe(2);
    expectOneLineError(item, "taizhang set: 市财政局 没有事项 chengdu-2015/3#m1 的进展行\n");
  });
});

describe("taizhang task", () => {
  it("shows one task in full, and exits 2 for an unknown one", async () => {
    const r = await run(taskCommand, "chengdu-2015/3", "--as-of", "2016-11-01");
    expect(r.code).toBe(0);
    expect(r.out).toContain("chengdu-2015/3  健全行政复议体制");
    expect(r.out).toContain("牵头单位: 市政府法制办");
    expect(r.out).toMatch(/chengdu-2015\/3#m1 +2016-12-31 +剩60天 +市政府法制办\* +未开始/);
    expect(r.out).toContain("行政复议案件审结率不低于95%");
    const missing = await run(taskCommand, "chengdu-2015/99");
    expect(missing.code).toBe(2);
    expect((await run(taskCommand, "not a task")).code).toBe(4);
    expect((await run(taskCommand)).code).toBe(1);
  });
});

describe("taizhang set", () => {
  it("names, changes and clears the 责任人 with --person, --post and --contact", async () => {
    const named = await run(setCommand, "chengdu-2015/5#task", "--unit", "市政府法制办", "--person", "张伟", "--post", "科长", "--contact", "028-61881234");
    expect(named.code, named.err).toBe(0);
    expect(named.out).toContain("张伟 · 科长 · 028-61881234");
    const json = await run(setCommand, "chengdu-2015/5#task", "--unit", "市政府法制办", "--person", "", "--json");
    expect(JSON.parse(json.out)).toMatchObject({ responsiblePerson: null });
    const lonely = await run(setCommand, "chengdu-2015/5#task", "--unit", "市政府法制办", "--post", "科长");
    expect(lonely.code).toBe(1);
    expect(lonely.err).toContain("--post and --contact go with --person");
  });

  it("writes with the current version, shows up in task --json and history, and accepts Chinese status names", async () => {
    const first = await run(setCommand, "chengdu-2015/2#m1", "--unit", "市财政局", "--status", "进行中", "--percent", "40", "--note", "已制定指导目录");
    expect(first.code).toBe(0);
    expect(first.out).toContain("进行中  40%  v1");
    const second = await run(setCommand, "chengdu-2015/2#m1", "--unit", "成都市:市财政局", "--status", "done", "--json");
    expect(second.code).toBe(0);
    expect(JSON.parse(second.out)).toMatchObject({ status: "done", version: 2, percent: 100, note: "已制定指导目录", updatedBy: "cli" });
    const task = await run(taskCommand, "chengdu-2015/2", "--json");
    const parsed = JSON.parse(task.out) as {
      progress: Array<{ itemId: string; unitId: string; status: string; version: number }>;
      history: Array<{ actor: string; source: string; after: { status: string } }>;
    };
    expect(parsed.progress.find((p) => p.itemId === "chengdu-2015/2#m1" && p.unitId === "成都市:市财政局")).toMatchObject({ status: "done", version: 2 });
    expect(parsed.history.map((h) => h.after.status)).toEqual(["done", "in_progress"]);
    expect(parsed.history[0]).toMatchObject({ actor: "cli", source: "cli" });
  });

  it("prints every field a history entry changed, not only the status (#16)", async () => {
    expect((await run(setCommand, "chengdu-2015/4#task", "--unit", "市政府各部门", "--status", "blocked")).code).toBe(0);
    expect((await run(setCommand, "chengdu-2015/4#task", "--unit", "市政府各部门", "--note", "等待编办批复")).code).toBe(0);
    expect((await run(setCommand, "chengdu-2015/4#task", "--unit", "市政府各部门", "--person", "张伟", "--post", "法规科科长")).code).toBe(0);
    const shown = await run(taskCommand, "chengdu-2015/4");
    expect(shown.code).toBe(0);
    const history = shown.out.slice(shown.out.indexOf("最近变更"));
    expect(history).toMatch(/\n {2}\d{4}-\d\d-\d\d \d\d:\d\d cli chengdu-2015\/4#task 市政府各部门: 责任人: — → 张伟\(法规科科长\)\n/);
    expect(history).toMatch(/: 进展说明: — → 等待编办批复\n/);
    expect(history).toMatch(/: 未开始 → 受阻\n/);
    expect(history).not.toContain("受阻 → 受阻");
    const english = await run(taskCommand, "chengdu-2015/4", "--lang", "en");
    expect(english.out).toMatch(/: Progress note: — → 等待编办批复\n/);
  });

  it("takes a task id as the whole-task item", async () => {
    const r = await run(setCommand, "chengdu-2015/4", "--unit", "市政府法制办", "--status", "blocked", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ itemId: "chengdu-2015/4#task", status: "blocked" });
  });

  it("exits 1 without a unit or a change, 4 for bad values, 2 for an item the unit does not hold", async () => {
    expect((await run(setCommand, "chengdu-2015/2#m1", "--status", "done")).code).toBe(1);
    expect((await run(setCommand, "chengdu-2015/2#m1", "--unit", "市财政局")).code).toBe(1);
    expect((await run(setCommand, "chengdu-2015/2#m1", "--unit", "市财政局", "--status", "half")).code).toBe(4);
    expect((await run(setCommand, "chengdu-2015/2#m1", "--unit", "市财政局", "--percent", "150")).code).toBe(4);
    expect((await run(setCommand, "x#y", "--unit", "市财政局", "--status", "done")).code).toBe(4);
    const notMine = await run(setCommand, "chengdu-2015/2#m1", "--unit", "市委编办", "--status", "done");
    expect(notMine.code).toBe(2);
    expect(notMine.err).toContain("市委编办");
  });
});

describe("taizhang checklist and overdue", () => {
  it("lists a unit's items earliest first with days overdue", async () => {
    const r = await run(checklistCommand, "--unit", "市委编办", "--as-of", "2016-11-01");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines[0]).toContain("成都市 市委编办 · 截至 2016-11-01");
    expect(lines[2]).toMatch(/^chengdu-2015\/1#m1 +2015-12-31 +逾期306天 +未开始/);
    expect(lines[3]).toMatch(/^chengdu-2015\/1#m2 +2016-06-30 +逾期124天/);
    expect((await run(checklistCommand)).code).toBe(1);
  });

  it("lists overdue then due-soon items as of a date, within a window", async () => {
    const r = await run(overdueCommand, "--as-of", "2016-12-15", "--within", "20", "--json");
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as { asOf: string; within: number; overdue: Array<{ itemId: string }>; dueSoon: Array<{ itemId: string; daysLeft: number }> };
    expect(parsed.asOf).toBe("2016-12-15");
    expect(parsed.overdue.every((i) => i.itemId.startsWith("chengdu-2015/1#"))).toBe(true);
    expect(parsed.dueSoon.map((i) => i.itemId)).toEqual(["chengdu-2015/3#m1", "chengdu-2015/3#m1"]);
    expect(parsed.dueSoon[0]?.daysLeft).toBe(16);
    const narrow = await run(overdueCommand, "--as-of", "2016-12-15", "--within", "10", "--json");
    expect((JSON.parse(narrow.out) as { dueSoon: unknown[] }).dueSoon).toHaveLength(0);
    const table = await run(overdueCommand, "--as-of", "2016-12-15");
    expect(table.out).toMatch(/逾期 \(6\) · 截至 2016-12-15/);
    expect((await run(overdueCommand, "--as-of", "2016-13-01")).code).toBe(1);
  });
});

describe("through main()", () => {
  it("dispatches the ledger subcommands and lists them in taizhang --help", async () => {
    const io = captureIo(store.dir);
    expect(await main(["--help"], io)).toBe(0);
    for (const name of ["plans", "tasks", "task", "checklist", "overdue", "set", "ui"]) expect(io.out()).toMatch(new RegExp(`\\n  ${name} +\\S`));
    const run2 = captureIo(store.dir);
    expect(await main(["task", "chengdu-2015/3", "--json", "--data", store.dir], run2)).toBe(0);
    expect((JSON.parse(run2.out()) as { task: { title: string } }).task.title).toBe("健全行政复议体制");
  });

  it("does not start the UI without a terminal", async () => {
    const io = captureIo(store.dir);
    expect(await main(["ui", "--data", store.dir], io)).toBe(1);
    expect(io.err()).toContain("needs a terminal");
  });
});

describe("taizhang export", () => {
  it("writes a plan's ledger as CSV (BOM, Chinese headers) and a unit's checklist as JSON and xlsx", async () => {
    const csv = await run(exportCommand, "--plan", "chengdu-2015", "-o", "ledger.csv", "--as-of", "2021-01-05");
    expect(csv.code, csv.err).toBe(0);
    expect(csv.err).toMatch(/rows → ledger\.csv/);
    const text = readFileSync(join(store.dir, "ledger.csv"), "utf8");
    expect(text.startsWith("\uFEFF序号,规划,")).toBe(true);
    expect(text).toContain("chengdu-2015/1#task");
    const json = await run(exportCommand, "--unit", "市财政局", "-o", "mine.json");
    expect(json.code, json.err).toBe(0);
    const rows = (JSON.parse(readFileSync(join(store.dir, "mine.json"), "utf8")) as { rows: Array<{ unit: string }> }).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.unit === "市财政局")).toBe(true);
    // The export is a document of the model: taizhang validate recognises and accepts it.
    const io = captureIo(store.dir);
    expect(await validateCommand.run(["mine.json"], io), io.err()).toBe(0);
    expect(io.out()).toBe("mine.json: a valid ledger-export\n");
    const xlsx = await run(exportCommand, "--unit", "市财政局", "-o", "mine.xlsx");
    expect(xlsx.code, xlsx.err).toBe(0);
    expect(readFileSync(join(store.dir, "mine.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("needs a plan or a unit and a file; refuses an unknown format", async () => {
    expect((await run(exportCommand, "-o", "x.csv")).code).toBe(1);
    expect((await run(exportCommand, "--plan", "chengdu-2015")).code).toBe(1);
    expect((await run(exportCommand, "--plan", "chengdu-2015", "-o", "x.pdf", "--format", "pdf")).code).toBe(1);
    expect((await run(exportCommand, "--plan", "nowhere-2020", "-o", "x.csv")).code).toBe(2);
  });
});

describe("taizhang export: -o - and the files it cannot write", () => {
  it("writes the ledger to standard output with -o -, and its message to stderr only", async () => {
    const csv = await run(exportCommand, "--plan", "chengdu-2015", "--format", "csv", "-o", "-");
    expect(csv.code, csv.err).toBe(0);
    expect(csv.out.startsWith("\uFEFF序号,规划,")).toBe(true);
    expect(csv.out).toContain("chengdu-2015/1#task");
    expect(csv.err).toMatch(/^taizhang export: \d+ rows → standard output\n$/);
    expect(existsSync(join(store.dir, "-"))).toBe(false);
    // Without --format a workbook: its bytes, not text about them.
    const xlsx = await run(exportCommand, "--unit", "市财政局", "-o", "-");
    expect(xlsx.code, xlsx.err).toBe(0);
    expect(xlsx.bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  });

  it("exits 73 with one line naming the path and why when the file cannot be written, before reading the store", async () => {
    const missing = await run(exportCommand, "--plan", "chengdu-2015", "-o", "/nonexistent/x.csv");
    expect(missing.code).toBe(73);
    expectOneLineError(missing, /^taizhang export: cannot write \/nonexistent\/x\.csv: no such folder \/nonexistent\n$/);
    const notAFolder = await run(exportCommand, "--plan", "chengdu-2015", "-o", join(store.dir, "ledger.csv", "x.csv"));
    expect(notAFolder.code).toBe(73);
    expectOneLineError(notAFolder, /cannot write .*ledger\.csv\/x\.csv: .*ledger\.csv is not a folder/);
    mkdirSync(join(store.dir, "a-folder"), { recursive: true });
    const folder = await run(exportCommand, "--plan", "chengdu-2015", "--format", "csv", "-o", "a-folder");
    expect(folder.code).toBe(1);
    expectOneLineError(folder, /^taizhang export: a-folder is a directory, not a file\n$/);
  });

  it("does not overwrite a SQLite store with a ledger", async () => {
    const db = join(store.dir, SQLITE_FILE_NAME);
    const before = readFileSync(db);
    const r = await run(exportCommand, "--plan", "chengdu-2015", "--format", "csv", "-o", db);
    expect(r.code).toBe(73);
    expectOneLineError(r, /is a SQLite database \(a Taizhang store\?\): not overwriting it/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("leaves no partial file behind", async () => {
    expect((await run(exportCommand, "--plan", "chengdu-2015", "-o", "whole.csv")).code).toBe(0);
    expect(existsSync(join(store.dir, "whole.csv"))).toBe(true);
    const partials = readdirSync(store.dir).filter((f) => f.endsWith(".partial"));
    expect(partials).toEqual([]);
  });
});

describe("a data folder that does not exist", () => {
  it.each([
    [plansCommand, []],
    [checklistCommand, ["--unit", "市财政局"]],
    [setCommand, ["chengdu-2015/2#m1", "--unit", "市财政局", "--status", "done"]],
  ] as Array<[Command, string[]]>)("%#: is refused (exit 6) and not created", async (command, args) => {
    const missing = join(store.dir, "no-such-store");
    const io = captureIo(store.dir);
    const code = await main([command.name, ...args, "--data", missing], io, [command]);
    expect(code).toBe(6);
    expectOneLineError({ out: io.out(), err: io.err() }, `taizhang ${command.name}: ${missing} 中没有存储:该文件夹不存在;请用 --data 指定服务器的数据文件夹\n`);
    expect(existsSync(missing)).toBe(false);
  });

  it("given as a file is refused too", async () => {
    writeFileSync(join(store.dir, "not-a-folder"), "x");
    const io = captureIo(store.dir);
    expect(await main(["plans", "--data", "not-a-folder"], io, [plansCommand])).toBe(6);
    expect(io.err()).toMatch(/not-a-folder 中没有存储:这是一个文件,不是文件夹/);
    const english = captureIo(store.dir);
    expect(await main(["plans", "--data", "not-a-folder", "--lang", "en"], english, [plansCommand])).toBe(6);
    expect(english.err()).toMatch(/no store in .*not-a-folder: it is a file, not a folder/);
  });
});

describe("input files", () => {
  it("say what is wrong and where, the same way for every command", async () => {
    mkdirSync(join(store.dir, "a-folder"), { recursive: true });
    const runIn = async (command: Command, file: string) => {
      const io = captureIo(store.dir);
      return { code: await main([command.name, file], io, [command]), out: io.out(), err: io.err() };
    };
    for (const command of [validateCommand, importProgressCommand]) {
      const missing = await runIn(command, "missing.json");
      expect(missing.code).toBe(2);
      expectOneLineError(missing, `taizhang ${command.name}: missing.json: no such file\n`);
      const folder = await runIn(command, "a-folder");
      expect(folder.code).toBe(1);
      expectOneLineError(folder, `taizhang ${command.name}: a-folder is a directory, not a file\n`);
    }
  });
});
