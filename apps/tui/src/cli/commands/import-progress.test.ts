import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chengduPlan } from "../../test-support/fixture-plans.js";
import { captureIo, tempStore } from "../../test-support/temp-store.js";
import { checklistCommand } from "./checklist.js";
import { exportCommand } from "./export.js";
import { importProgressCommand } from "./import-progress.js";
import { main } from "../main.js";
import type { Command } from "../command.js";

let store: { dir: string; remove: () => void };
beforeAll(async () => {
  store = await tempStore([chengduPlan]);
});
afterAll(() => store.remove());

/** Runs `command` as the real program does (through main(), which reports what a command throws). */
async function run(command: Command, ...args: string[]) {
  const io = captureIo(store.dir);
  const code = await main([command.name, ...[...args, "--data", store.dir]], io, [command]);
  return { code, out: io.out(), err: io.err() };
}

/** Exports 成都's ledger as CSV and edits the first row of `itemId`: status and percent. */
async function editedCsv(name: string, itemId: string, status: string, percent: number): Promise<void> {
  expect((await run(exportCommand, "--plan", "chengdu-2015", "-o", name)).code).toBe(0);
  const lines = readFileSync(join(store.dir, name), "utf8").split("\r\n");
  const at = lines.findIndex((l) => l.includes(`,${itemId},`));
  expect(at).toBeGreaterThan(0);
  lines[at] = lines[at]?.replace(/,未开始,0,|,进行中,\d+,/, `,${status},${percent},`) ?? "";
  writeFileSync(join(store.dir, name), lines.join("\r\n"));
}

describe("taizhang import-progress", () => {
  it("previews an edited CSV without writing, then applies it with --apply", async () => {
    await editedCsv("mine.csv", "chengdu-2015/2#m1", "进行中", 35);
    const preview = await run(importProgressCommand, "mine.csv");
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toMatch(/^第\d+行 {2}变更 {2}2\. 推进政府购买服务 · 政府购买服务资金占比不低于30% · 市财政局\n {4}状态: 未开始 → 进行中\n {4}完成百分比: 0 → 35\n/);
    expect(preview.out).toMatch(/mine\.csv \(csv\): \d+ 行, 1 行变更, \d+ 行未变, 0 行拒绝\n预览: 未写入任何内容; 加 --apply 写入\n$/);
    const items = async () => (JSON.parse((await run(checklistCommand, "--unit", "市财政局", "--json")).out) as { items: Array<{ itemId: string; status: string; percent: number; version: number }> }).items;
    expect((await items()).find((r) => r.itemId === "chengdu-2015/2#m1")?.percent).toBe(0);

    const applied = await run(importProgressCommand, "mine.csv", "--apply", "--lang", "en");
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toContain("written: 1\n");
    expect((await items()).find((r) => r.itemId === "chengdu-2015/2#m1")).toMatchObject({ status: "in_progress", percent: 35, version: 1 });

    // The same file again is stale for nothing: its edit is in the store already.
    const again = await run(importProgressCommand, "mine.csv", "--apply", "--json");
    expect(JSON.parse(again.out)).toMatchObject({ applied: true, written: 0, summary: { changes: 0, rejected: 0 } });

    // The change shows in the exported history, as its own CSV or as a sheet beside the ledger.
    const changes = await run(exportCommand, "--unit", "市财政局", "--history", "only", "-o", "changes.csv");
    expect(changes.code, changes.err).toBe(0);
    expect(changes.err).toMatch(/0 rows, 1 changes → changes\.csv/);
    const csv = readFileSync(join(store.dir, "changes.csv"), "utf8");
    expect(csv).toContain(",cli,import,成都市法治政府建设规划");
    expect(csv).toContain('"状态: 未开始 → 进行中\n完成百分比: 0 → 35"');
    expect(csv).toMatch(/导入 mine\.csv 第\d+行/);
    expect((await run(exportCommand, "--unit", "市财政局", "--history", "include", "-o", "both.xlsx")).code).toBe(0);
    expect((await run(exportCommand, "--unit", "市财政局", "--history", "include", "-o", "both.csv")).code).toBe(1);
  });

  it("refuses to apply while a row is refused (exit 5), and writes the valid rows with --skip-rejected", async () => {
    await editedCsv("bad.csv", "chengdu-2015/1#task", "差不多", 50);
    const lines = readFileSync(join(store.dir, "bad.csv"), "utf8").split("\r\n");
    const other = lines.findIndex((l, i) => i > 0 && l.includes(",未开始,0,") && !l.includes("chengdu-2015/1#task"));
    lines[other] = lines[other]?.replace(",未开始,0,", ",已完成,100,") ?? "";
    writeFileSync(join(store.dir, "bad.csv"), lines.join("\r\n"));
    const refused = await run(importProgressCommand, "bad.csv", "--apply");
    expect(refused.code).toBe(5);
    expect(refused.out).toMatch(/拒绝 {2}1\. 深化行政审批制度改革 · 整项任务 · \S+\n {4}invalid_cell: "差不多" is not a status/);
    expect(refused.out).toContain("有被拒绝的行, 未写入任何内容");
    const skipped = await run(importProgressCommand, "bad.csv", "--apply", "--skip-rejected", "--json");
    expect(skipped.code, skipped.err).toBe(0);
    expect(JSON.parse(skipped.out)).toMatchObject({ applied: true, written: 1, summary: { rejected: 1 } });
  });

  it("says what is wrong with a file it cannot read, and checks its arguments", async () => {
    writeFileSync(join(store.dir, "notes.txt"), "这不是台账\n只是一些文字\n");
    const bad = await run(importProgressCommand, "notes.txt");
    expect(bad.code).toBe(4);
    expect(bad.err).toBe("taizhang import-progress: 没有台账的表头行(事项编号、单位编号、版本、状态…):请使用台账导出的文件\n");
    expect((await run(importProgressCommand, "missing.xlsx")).code).toBe(2);
    expect((await run(importProgressCommand)).code).toBe(1);
    expect((await run(importProgressCommand, "mine.csv", "--skip-rejected")).code).toBe(1);
  });
});
