#!/usr/bin/env node
// Captures the main screens of the built `taizhang` UI from a real terminal
// (tmux capture-pane) on a fresh data directory, for docs/tui.md. Prints
// Markdown. Usage: node apps/tui/scripts/capture-screens.mjs [columns] [rows]
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const BIN = join(import.meta.dirname, "..", "bin", "taizhang.js");
const columns = Number(process.argv[2] ?? 100);
const rows = Number(process.argv[3] ?? 24);
const AS_OF = "2020-12-20";
const socket = `taizhang-capture-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), "taizhang-capture-"));
const tmux = (...args) => execFileSync("tmux", ["-L", socket, "-u", ...args], { encoding: "utf8" });
const cli = (...args) => {
  const r = spawnSync(process.execPath, [BIN, ...args, "--data", dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`taizhang ${args.join(" ")}: ${r.stderr}`);
};
const screen = () => tmux("capture-pane", "-p", "-t", "ui").replace(/\s+$/, "");
async function until(check, what) {
  for (let i = 0; i < 150; i++) {
    const s = screen();
    if (check(s)) return s;
    await sleep(100);
  }
  throw new Error(`not seen: ${what}\n${screen()}`);
}
async function keys(...ks) {
  for (const k of ks) {
    tmux("send-keys", "-t", "ui", k);
    await sleep(150);
  }
}
const out = [];
const shot = (title, text) => out.push(`### ${title}\n\n\`\`\`text\n${text}\n\`\`\`\n`);

try {
  cli("set", "chengdu-2015/38", "--unit", "市政府法制办", "--status", "in_progress", "--percent", "60", "--note", "已在5个区(市)县开展相对集中审理试点");
  tmux("new-session", "-d", "-s", "ui", "-x", String(columns), "-y", String(rows), `${process.execPath} ${BIN} ui --data ${dir} --as-of ${AS_OF} --unit 市政府法制办`);
  shot("Plans (规划)", await until((s) => s.includes("成都市法治政府建设规划") && s.includes(">"), "plans"));
  await keys("j", "Enter");
  shot("A plan: parts and sections", await until((s) => s.includes("全部任务"), "plan tree"));
  await keys("/");
  tmux("send-keys", "-t", "ui", "-l", "行政复议");
  await sleep(200);
  await keys("Enter");
  shot("Search results (/ 行政复议)", await until((s) => s.includes("搜索“行政复议”") && s.includes("加强行政复议工作"), "search"));
  await keys("Enter");
  shot("A task in full", await until((s) => /^>chengdu-2015\/\d+ {2}/m.test(s), "task detail"));
  await keys("G");
  shot("The end of a task: its history, every field that changed (G)", await until((s) => s.includes("最近变更") && s.includes("进展说明: —"), "history"));
  await keys("g", "s");
  shot("Setting a status (s)", await until((s) => s.includes("设置状态 · "), "status picker"));
  await keys("Escape", "n");
  shot("The progress note (n) starts from the note there is", await until((s) => s.includes("进展说明 · ") && s.includes("审理试点▏"), "note prompt"));
  await keys("Escape", "%", "BSpace", "BSpace");
  tmux("send-keys", "-t", "ui", "-l", "150");
  await sleep(200);
  await keys("Enter");
  shot("Percent complete (%): out of range is refused, the text kept", await until((s) => s.includes("完成百分比须在 0 到 100 之间"), "percent refused"));
  await keys("Escape", "u");
  await until((s) => s.includes("选择单位"), "unit picker");
  tmux("send-keys", "-t", "ui", "-l", "法制");
  await sleep(300);
  shot("Choosing a unit (u, or 2 without --unit), narrowed by typing", await until((s) => s.includes("选择单位") && s.includes("搜索: 法制"), "unit picker narrowed"));
  await keys("Escape", "2");
  shot("My checklist (2, --unit 市政府法制办)", await until((s) => s.includes("我的清单 · 成都市 市政府法制办"), "checklist"));
  await keys("3");
  shot(`Overdue and due soon (3, --as-of ${AS_OF})`, await until((s) => s.includes("逾期与临近到期"), "deadlines"));
  await keys("?");
  shot("Help (?): every key, from the keymap (it scrolls: ↓ PgDn)", await until((s) => s.includes("显示或关闭帮助"), "help"));
  await keys("Escape", "1", "/");
  tmux("send-keys", "-t", "ui", "-l", "行政许可证");
  await sleep(200);
  await keys("Enter");
  shot("A search that finds nothing says what to try", await until((s) => s.includes("没有找到与"), "empty search"));
  await keys("1");
  await until((s) => s.includes("台账 › 规划"), "back to plans");
  tmux("resize-window", "-t", "ui", "-x", "60", "-y", String(rows));
  await keys("j", "Enter");
  await until((s) => s.includes("全部任务"), "plan tree at 60");
  await keys("Enter");
  shot("Tasks in a 60-column terminal", await until((s) => s.includes("深化行政审批制度改革"), "tasks at 60"));
  await keys("q");
  for (let i = 0; i < 50 && spawnSync("tmux", ["-L", socket, "has-session", "-t", "ui"]).status === 0; i++) await sleep(100);
  // The overdue list long after the plans ended, across a wide terminal: columns as wide as what they hold.
  tmux("new-session", "-d", "-s", "ui", "-x", "160", "-y", "16", `${process.execPath} ${BIN} ui --data ${dir} --as-of 2026-06-01`);
  await until((s) => s.includes("成都市法治政府建设规划"), "plans at 160");
  await keys("3");
  shot("Overdue at 160 columns (--as-of 2026-06-01)", await until((s) => /逾期\d{4}天/.test(s), "overdue at 160"));
  await keys("q");
  process.stdout.write(out.join("\n"));
} finally {
  spawnSync("tmux", ["-L", socket, "kill-server"], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
}
