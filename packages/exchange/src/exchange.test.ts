import ExcelJS from "exceljs";
import { builtInPlans, deriveChecklist, EMPTY_PROGRESS, ledgerRows, LEDGER_COLUMNS, type LedgerSource, type Progress } from "@taizhang/core";
import { describe, expect, it } from "vitest";
import { historyCsv, ledgerCsv, ledgerCsvChunks, ledgerIcs, ledgerXlsx } from "./index.js";

const found = builtInPlans.find((p) => p.id === "chengdu-2015");
if (!found) throw new Error("no 成都 plan");
const chengdu = found;
const asOf = new Date("2021-01-05T04:00:00Z");

/** 成都's checklist with a little progress: task 1 in progress with a person and evidence, task 3 done. */
function sources(): LedgerSource[] {
  return deriveChecklist(chengdu).flatMap((item) =>
    item.assignments.map((a) => {
      let progress: Progress = { ...EMPTY_PROGRESS, itemId: item.id, unitId: a.unitId, version: 0, updatedBy: null, updatedAt: null };
      if (item.id === "chengdu-2015/1#task" && a.unitId === "成都市:市政府法制办") {
        progress = { ...progress, status: "in_progress", percent: 60, note: "已梳理目录,\n待公布", evidence: [{ description: "目录", url: "https://example.gov.cn/a" }], responsiblePerson: { name: "张伟", post: "法规科科长", contact: null }, version: 2, updatedBy: "法制办", updatedAt: "2020-12-01T02:00:00.000Z" };
      }
      if (item.taskId === "chengdu-2015/3") progress = { ...progress, status: "done", percent: 100, version: 1 };
      return { item, unitId: a.unitId, role: a.role, progress };
    }),
  );
}

describe("ledger exports", () => {
  const rows = ledgerRows([chengdu], sources(), asOf);

  it("makes one row per (item, unit) with the task's units, deadline state and the 责任人", () => {
    expect(rows.length).toBe(sources().length);
    const row = rows.find((r) => r.itemId === "chengdu-2015/1#task" && r.unit === "市政府法制办");
    expect(row).toMatchObject({ taskTitle: "深化行政审批制度改革", item: "整项任务", role: "responsible", due: "2020-12-31", overdue: true, status: "in_progress", percent: 60, version: 2 });
    expect(row?.leadUnits).toContain("市委编办");
    expect(row?.responsiblePerson?.name).toBe("张伟");
    expect(rows.filter((r) => r.taskId === "chengdu-2015/3").every((r) => !r.overdue)).toBe(true);
  });

  it("writes CSV with a BOM, CRLF, quoted fields, Chinese headers (or English)", () => {
    const csv = ledgerCsv(rows);
    expect(csv.startsWith("\uFEFF序号,规划,")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv).toContain('"已梳理目录,\n待公布"');
    expect(csv).toContain("张伟(法规科科长)");
    expect(csv).toContain(",进行中,60,");
    expect(csv.split("\r\n")).toHaveLength(rows.length + 2);
    expect(ledgerCsv(rows, "en").startsWith("\uFEFFNo.,Plan,")).toBe(true);
  });

  it("writes times as China time with +08:00 (as the UI shows them), in the whole file and the streamed one alike (issue 16)", async () => {
    const csv = ledgerCsv(rows);
    // Stored 2020-12-01T02:00:00.000Z: 10:00 in China.
    expect(csv).toContain(",2020-12-01T10:00:00+08:00,");
    expect(csv).not.toMatch(/\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/);
    async function* pages() {
      yield rows.slice(0, 3);
      yield rows.slice(3);
    }
    let streamed = "";
    for await (const chunk of ledgerCsvChunks(pages())) streamed += chunk;
    expect(streamed).toBe(csv);
    const row = { id: 1, at: "2026-12-04T19:28:53.000Z", actor: "张三", source: "web", planTitle: "规划", taskNumber: 1, item: "整项任务", unit: "市司法局", version: 1, changed: "完成百分比: 0 → 10", note: "", itemId: "chengdu-2015/1#task", unitId: "成都市:市政府法制办" } as const;
    const history = historyCsv([row as never]);
    expect(history.split("\r\n")[1]).toMatch(/^1,2026-12-05T03:28:53\+08:00,张三,/);
    // Whole and streamed xlsx write the ledger's updatedAt as text the same way.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await ledgerXlsx(rows, { title: "成都", asOf: "2021-01-05" })) as never);
    const sheet = book.worksheets[0];
    const texts: string[] = [];
    sheet?.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain("2020-12-01T10:00:00+08:00");
  });

  it("writes an xlsx that a second reader sees with frozen header, real dates, a status drop-down, highlighted overdue rows and a summary", async () => {
    const bytes = await ledgerXlsx(rows, { title: "成都市法治政府建设规划(2015-2020年)", asOf: "2021-01-05" });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    const sheet = book.getWorksheet("台账");
    if (!sheet) throw new Error("no 台账 sheet");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(LEDGER_COLUMNS.map((c) => c.zh));
    const col = (zh: string) => LEDGER_COLUMNS.findIndex((c) => c.zh === zh) + 1;
    const at = rows.findIndex((r) => r.itemId === "chengdu-2015/1#task" && r.unit === "市政府法制办") + 2;
    const line = sheet.getRow(at);
    expect(line.getCell(col("任务名称")).value).toBe("深化行政审批制度改革");
    expect(line.getCell(col("完成时限")).value).toBeInstanceOf(Date);
    expect((line.getCell(col("完成时限")).value as Date).toISOString().slice(0, 10)).toBe("2020-12-31");
    expect(line.getCell(col("状态")).value).toBe("进行中");
    expect(line.getCell(col("状态")).dataValidation).toMatchObject({ type: "list", formulae: ['"未开始,进行中,已完成,受阻,不适用"'] });
    expect(line.getCell(col("责任人")).value).toBe("张伟(法规科科长)");
    expect(line.getCell(col("事项编号")).value).toBe("chengdu-2015/1#task");
    expect(sheet.getColumn(col("事项编号")).hidden).toBe(true);
    expect((line.getCell(1).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe("FFFDE2E2");
    // The task name column is wide enough for its longest Chinese title.
    expect(sheet.getColumn(col("任务名称")).width).toBeGreaterThanOrEqual(20);
    const summary = book.getWorksheet("汇总");
    const counts = new Map(summary?.getSheetValues().slice(5).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(counts.get("已完成")).toBe(rows.filter((r) => r.status === "done").length);
    expect(counts.get("合计")).toBe(rows.length);
  });
});

describe("iCalendar feed", () => {
  it("has one all-day event per row on its due date, with stable UIDs, and parses with ical.js", async () => {
    const ICAL = (await import("ical.js")).default;
    const rows = ledgerRows([chengdu], sources(), asOf).slice(0, 30);
    const text = ledgerIcs(rows, { name: "成都市法治政府建设规划 · 市政府法制办", now: asOf });
    expect(text.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(rows.length);
    const first = events[0];
    const row = rows[0];
    if (!first || !row) throw new Error("no events");
    expect(first.uid).toBe(`${row.itemId}|${row.unitId}@taizhang`);
    expect(first.startDate.isDate).toBe(true);
    expect(first.startDate.toString()).toBe(row.due);
    expect(first.summary).toContain(row.unit);
    expect(first.description).toContain("牵头单位");
    // The same rows give the same UIDs (a subscription updates, not duplicates); a newer version raises SEQUENCE.
    const again = ledgerIcs(rows.map((r) => ({ ...r, version: r.version + 1 })), { name: "x", now: asOf });
    const later = new ICAL.Component(ICAL.parse(again)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(later.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(later[0]?.sequence).toBe((first.sequence ?? 0) + 1);
  });
});
