import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "./ui/text/index.js";
import { TmuxDriver } from "./test-support/tmux-driver.js";

// The real program: the built bin, in a real terminal (tmux), on a fresh data directory.
const REPO = join(import.meta.dirname, "..", "..", "..");
const BIN = join(REPO, "apps", "tui", "bin", "taizhang.js");
const AS_OF = "2016-11-01";

let dataDir = "";
const tmux = new TmuxDriver();
const ui = (extra = ""): string => `${process.execPath} ${BIN} ui --data ${dataDir} --as-of ${AS_OF} ${extra}`;
const selected = (screen: string[]): string => screen.find((l) => l.startsWith(">")) ?? "";

beforeAll(() => {
  execFileSync("pnpm", ["turbo", "run", "build", "--filter=@taizhang/tui", "--output-logs=errors-only"], { cwd: REPO, stdio: "pipe" });
  dataDir = mkdtempSync(join(tmpdir(), "taizhang-e2e-"));
  // The first run of the CLI creates the store and loads the four built-in plans.
  const plans = spawnSync(process.execPath, [BIN, "plans", "--data", dataDir], { encoding: "utf8" });
  expect(plans.status).toBe(0);
  expect(plans.stdout).toContain("chengdu-2015");
}, 240_000);

afterAll(() => {
  tmux.killServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function openChengdu(session: string): Promise<void> {
  await tmux.until(session, (s) => s.some((l) => l.includes("成都市法治政府建设规划")), "the plans screen");
  // Move down one row at a time, each time waiting for the cursor to be drawn where it went.
  for (let i = 0; i < 6 && !selected(tmux.screen(session)).includes("成都市"); i++) {
    const before = selected(tmux.screen(session));
    await tmux.keys(session, "j");
    await tmux.until(session, (s) => selected(s) !== before, "the cursor moving down");
  }
  expect(selected(tmux.screen(session))).toContain("成都市法治政府建设规划");
  await tmux.keys(session, "Enter");
  await tmux.until(session, (s) => s.some((l) => l.includes("全部任务")), "Chengdu's plan tree");
}

describe("taizhang in a pipe", () => {
  it("stops quietly when the reader closes the pipe early", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" overdue --as-of 2021-01-05 --data "${dataDir}" | head -1`], { encoding: "utf8" });
    expect(r.stdout).toMatch(/^逾期 \(\d+\) · 截至 2021-01-05\n$/);
    expect(r.stderr).toBe("");
  });
});

describe("taizhang in a real terminal", () => {
  it("opens a plan, searches 行政复议, opens a task, sets its status, quits; taizhang task --json shows the change", async () => {
    tmux.start("main", 100, 30, ui());
    await openChengdu("main");

    await tmux.keys("main", "/");
    await tmux.until("main", (s) => s.some((l) => l.includes("搜索:")), "the search prompt");
    await tmux.type("main", "行政复议");
    await tmux.until("main", (s) => s.some((l) => l.includes("搜索: 行政复议")), "the typed term");
    await tmux.keys("main", "Enter");
    const results = await tmux.until("main", (s) => s[0]?.includes("成都市法治政府建设规划") === true && s[0].includes("搜索“行政复议”") && selected(s) !== "", "search results");
    expect(selected(results)).toMatch(/行政复议/);

    await tmux.keys("main", "Enter");
    const detail = await tmux.until("main", (s) => /^>chengdu-2015\/\d+ {2}/.test(s[2] ?? ""), "the task detail");
    const taskId = /chengdu-2015\/\d+/.exec(detail[2] ?? "")?.[0] ?? "";
    expect(detail.join("\n")).toContain("行政复议");

    await tmux.keys("main", "s");
    const picker = await tmux.until("main", (s) => s.some((l) => l.includes("设置状态 · ")), "the status picker");
    const heading = picker.find((l) => l.includes("设置状态 · ")) ?? "";
    const [, itemId = "", unit = ""] = /设置状态 · (\S+) · (\S+)/.exec(heading) ?? [];
    expect(itemId.startsWith(`${taskId}#`)).toBe(true);
    expect(picker.join("\n")).toContain("3  已完成  Done");
    await tmux.keys("main", "3");
    await tmux.until("main", (s) => s.some((l) => l.includes(`已保存:${itemId} ${unit} → 已完成`)), "the saved message");

    await tmux.keys("main", "q");
    await tmux.untilEnded("main");

    const shown = spawnSync(process.execPath, [BIN, "task", taskId, "--json", "--data", dataDir], { encoding: "utf8" });
    expect(shown.status).toBe(0);
    const parsed = JSON.parse(shown.stdout) as {
      progress: Array<{ itemId: string; unitId: string; status: string; version: number; updatedBy: string | null }>;
      history: Array<{ itemId: string; source: string; after: { status: string } }>;
    };
    const row = parsed.progress.find((p) => p.itemId === itemId && p.unitId.endsWith(`:${unit}`));
    expect(row).toMatchObject({ status: "done", version: 1, updatedBy: "tui" });
    expect(parsed.history[0]).toMatchObject({ itemId, source: "tui", after: { status: "done" } });
  }, 90_000);

  it("keeps CJK columns aligned in a 60-column window, and follows a resize", async () => {
    tmux.start("narrow", 60, 20, ui());
    await openChengdu("narrow");
    await tmux.keys("narrow", "Enter");
    const screen = await tmux.until("narrow", (s) => s.filter((l) => /^[ >] +\d+ /.test(l)).length >= 10, "the task list");

    for (const line of screen) expect(displayWidth(line)).toBeLessThanOrEqual(60);
    const rows = screen.filter((l) => /^[ >] +\d+ /.test(l));
    // 完成 is right-aligned: it ends in the same cell on every row; the lead column starts in the same cell.
    const percentEnds = rows.map((l) => displayWidth(l.slice(0, l.search(/\d+(?:\.\d)?%|—(?= )/))) + displayWidth(/\d+(?:\.\d)?%|—(?= )/.exec(l)?.[0] ?? ""));
    expect(new Set(percentEnds).size).toBe(1);
    const leadStarts = rows.filter((l) => l.includes("市政府法制办")).map((l) => displayWidth(l.slice(0, l.indexOf("市政府法制办"))));
    expect(leadStarts.length).toBeGreaterThan(1);
    expect(new Set(leadStarts).size).toBe(1);
    // Titles too long for the column are cut with an ellipsis, not wrapped.
    expect(rows.some((l) => l.includes("…"))).toBe(true);

    tmux.resize("narrow", 90, 20);
    const wide = await tmux.until("narrow", (s) => s.some((l) => displayWidth(l) > 60), "the layout after resizing to 90 columns");
    for (const line of wide) expect(displayWidth(line)).toBeLessThanOrEqual(90);
    await tmux.keys("narrow", "q");
    await tmux.untilEnded("narrow");
  }, 90_000);

  it("applies keys typed while a screen loads, in order, once it is there (#16)", async () => {
    tmux.start("ahead", 100, 30, ui());
    await tmux.until("ahead", (s) => s.some((l) => l.includes("成都市法治政府建设规划")), "the plans screen");
    for (let i = 0; i < 6 && !selected(tmux.screen("ahead")).includes("成都市"); i++) {
      const before = selected(tmux.screen("ahead"));
      await tmux.keys("ahead", "j");
      await tmux.until("ahead", (s) => selected(s) !== before, "the cursor moving down");
    }
    // Enter opens the plan; j j Enter arrive with it, before the plan has loaded: 全部任务 → 二、主要任务 → (一), opened.
    tmux.keysAtOnce("ahead", "Enter", "j", "j", "Enter");
    const screen = await tmux.until("ahead", (s) => s[0]?.includes("(一)依法全面履行政") === true && selected(s) !== "", "the section opened by keys typed ahead");
    expect(screen[0]).toContain("成都市法治政府建设规划");
    await tmux.keys("ahead", "q");
    await tmux.untilEnded("ahead");
  }, 90_000);

  it("n starts from the note there is, an empty Enter keeps it, and what was typed survives a conflict (#16)", async () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, "--data", dataDir], { encoding: "utf8" });
    const listed = JSON.parse(cli("checklist", "--unit", "市政府法制办", "--as-of", AS_OF, "--json").stdout) as { items: Array<{ itemId: string }> };
    const sorted = cli("checklist", "--unit", "市政府法制办", "--as-of", AS_OF).stdout.split("\n")[2] ?? "";
    const itemId = /^\S+/.exec(sorted)?.[0] ?? "";
    expect(listed.items.map((i) => i.itemId)).toContain(itemId);
    expect(cli("set", itemId, "--unit", "市政府法制办", "--note", "已开展试点").status).toBe(0);

    tmux.start("note", 120, 30, ui("--unit 市政府法制办"));
    await tmux.until("note", (s) => s.some((l) => l.includes("成都市法治政府建设规划")), "the plans screen");
    await tmux.keys("note", "2");
    await tmux.until("note", (s) => s[0]?.includes("我的清单 · 成都市 市政府法制办") === true && selected(s).includes("已开展试点"), "my checklist, its first line with the note");
    await tmux.keys("note", "n");
    const prompt = `进展说明 · ${itemId} · 市政府法制办: `;
    await tmux.until("note", (s) => s.some((l) => l.includes(`${prompt}已开展试点▏`)), "the note prompt starting from the note");
    // Erased to nothing, Enter cancels: the note stays.
    await tmux.keys("note", ...Array.from({ length: 5 }, () => "BSpace"));
    await tmux.until("note", (s) => s.some((l) => l.includes(`${prompt}▏`)), "the emptied prompt");
    await tmux.keys("note", "Enter");
    await tmux.until("note", (s) => s.some((l) => l.includes("进展说明为空,未保存")), "the empty note not saved");
    expect(JSON.parse(cli("task", itemId.replace(/#.*/, ""), "--json").stdout).progress.find((p: { itemId: string; unitId: string }) => p.itemId === itemId && p.unitId.endsWith(":市政府法制办")).note).toBe("已开展试点");

    // An edit typed while someone else writes the same line: refused, kept, and n brings it back.
    await tmux.keys("note", "n");
    await tmux.until("note", (s) => s.some((l) => l.includes(`${prompt}已开展试点▏`)), "the note prompt again");
    await tmux.type("note", "，已验收");
    await tmux.until("note", (s) => s.some((l) => l.includes(`${prompt}已开展试点，已验收▏`)), "the edited note");
    expect(cli("set", itemId, "--unit", "市政府法制办", "--note", "他人的说明").status).toBe(0);
    await tmux.keys("note", "Enter");
    await tmux.until("note", (s) => s.some((l) => l.includes("你输入的内容已保留,按 n 继续编辑")) && selected(s).includes("他人的说明"), "the conflict, the draft kept");
    await tmux.keys("note", "n");
    await tmux.until("note", (s) => s.some((l) => l.includes(`${prompt}已开展试点，已验收▏`)), "the kept draft");
    await tmux.keys("note", "Enter");
    await tmux.until("note", (s) => s.some((l) => l.includes("已保存")) && selected(s).includes("已开展试点，已验收"), "the note saved");
    await tmux.keys("note", "q");
    await tmux.untilEnded("note");

    const shown = JSON.parse(cli("task", itemId.replace(/#.*/, ""), "--json").stdout) as {
      progress: Array<{ itemId: string; unitId: string; note: string }>;
      history: Array<{ itemId: string; source: string; before: { note: string }; after: { note: string } }>;
    };
    expect(shown.progress.find((p) => p.itemId === itemId && p.unitId.endsWith(":市政府法制办"))?.note).toBe("已开展试点，已验收");
    expect(shown.history[0]).toMatchObject({ itemId, source: "tui", before: { note: "他人的说明" }, after: { note: "已开展试点，已验收" } });
    expect(shown.history.filter((h) => h.source === "tui")).toHaveLength(1);
  }, 90_000);

  it("lays out the overdue list across 200 columns: 逾期N天 and unit names whole (#16)", async () => {
    tmux.start("wide", 200, 40, `${process.execPath} ${BIN} ui --data ${dataDir} --as-of 2026-06-01`);
    await tmux.until("wide", (s) => s.some((l) => l.includes("成都市法治政府建设规划")), "the plans screen");
    await tmux.keys("wide", "3");
    const screen = await tmux.until("wide", (s) => s.filter((l) => /^[ >]\d{4}-\d\d-\d\d 逾期/.test(l)).length > 20, "the overdue list");
    for (const line of screen) expect(displayWidth(line)).toBeLessThanOrEqual(200);
    const rows = screen.filter((l) => /^[ >]\d{4}-\d\d-\d\d 逾期/.test(l));
    for (const row of rows) {
      // 逾期 with its four digits and 天, then the unit's whole name (no "…" anywhere in the row).
      expect(row).toMatch(/^[ >]\d{4}-\d\d-\d\d 逾期\d{4}天 +\S/);
      expect(row).not.toContain("…");
    }
    // The item column ends where its longest text does: the status column is not pushed to the far right.
    const statusAt = rows.map((r) => displayWidth(r.slice(0, r.search(/未开始|进行中|已完成|受阻|不适用/))));
    expect(Math.max(...statusAt)).toBeLessThan(160);
    await tmux.keys("wide", "q");
    await tmux.untilEnded("wide");
  }, 90_000);
});
