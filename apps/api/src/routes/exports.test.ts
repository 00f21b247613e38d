import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, type TestApp } from "../test-support/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request(progressPath(UNIT_A), {
    method: "PATCH",
    headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }),
    body: JSON.stringify({ status: "in_progress", percent: 50, responsiblePerson: { name: "张伟", post: null, contact: null } }),
  });
  expect(res.status).toBe(200);
});
afterAll(() => t.close());

const unit = encodeURIComponent(UNIT_A);
const Rows = z.object({ asOf: z.string(), rows: z.array(z.object({ itemId: z.string(), unit: z.string(), status: z.string(), responsiblePerson: z.object({ name: z.string() }).nullable(), overdue: z.boolean() })) });

describe("GET /api/exports/ledger", () => {
  test("a unit's checklist as JSON: its rows only, with the 责任人 and overdue as of the date", async () => {
    const res = await t.app.request(`/api/exports/ledger?unitId=${unit}&format=json&asOf=2021-01-05`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''/);
    const body = Rows.parse(await res.json());
    expect(body.rows.every((r) => r.unit === "市政府法制办")).toBe(true);
    const first = body.rows.find((r) => r.itemId === "chengdu-2015/1#task");
    expect(first).toMatchObject({ status: "in_progress", responsiblePerson: { name: "张伟" }, overdue: true });
  });

  test("a plan's ledger as CSV with a BOM, in Chinese or English", async () => {
    const res = await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=csv&asOf=2021-01-05");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("序号,规划,");
    expect(text).toContain(",张伟,");
    const en = await (await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=csv&lang=en")).text();
    expect(en).toContain("No.,Plan,");
    expect(en).toContain("In progress");
  });

  test("xlsx by default: a workbook (zip) with the right type and a Chinese file name", async () => {
    const res = await t.app.request(`/api/exports/ledger?planId=chengdu-2015&unitId=${unit}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain("台账-chengdu-2015-");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(...bytes.subarray(0, 2))).toBe("PK");
  });

  test("an iCalendar feed of a unit's due dates: all-day events with stable UIDs", async () => {
    const res = await t.app.request(`/api/exports/ledger?unitId=${unit}&format=ics`);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await res.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("UID:chengdu-2015/1#task|成都市:市政府法制办@taizhang");
    expect(text).toContain("DTSTART;VALUE=DATE:20201231");
  });

  test("says what is missing or unknown", async () => {
    await expectProblem(await t.app.request("/api/exports/ledger?format=csv"), "invalid-request");
    await expectProblem(await t.app.request("/api/exports/ledger?planId=nowhere-2020"), "not-found");
    await expectProblem(await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=pdf"), "validation-failed");
  });
});

describe("GET /api/exports/ledger with the change history", () => {
  test("history=include adds a 变更记录 sheet (China time, before → after) to the xlsx, and a history array to the JSON", async () => {
    const res = await t.app.request(`/api/exports/ledger?unitId=${unit}&history=include`);
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await res.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(["台账", "汇总", "变更记录"]);
    const sheet = book.getWorksheet("变更记录");
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(["序号", "时间", "操作人", "来源", "规划", "任务序号", "事项", "单位", "版本", "变更内容", "备注", "事项编号", "单位编号"]);
    const row = (sheet?.getRow(2).values as unknown[]).slice(1);
    expect(row.slice(2, 9)).toEqual(["市政府法制办 office", "api", "成都市法治政府建设规划(2015-2020年)", 1, "整项任务", "市政府法制办", 1]);
    expect(row[9]).toBe("状态: 未开始 → 进行中\n完成百分比: 0 → 50\n责任人: — → 张伟");
    // 2020-06-15T02:00Z (the test clock) is 10:00 in China.
    expect((row[1] as Date).toISOString()).toBe("2020-06-15T10:00:00.000Z");
    const json = z.object({ rows: z.array(z.unknown()), history: z.array(z.object({ changed: z.string(), source: z.string() })) }).parse(await (await t.app.request(`/api/exports/ledger?unitId=${unit}&format=json&history=include`)).json());
    expect(json.history).toHaveLength(1);
    expect(json.rows.length).toBeGreaterThan(1);
  });

  test("history=only gives the history as its own CSV file; a calendar or a two-table CSV is refused", async () => {
    const res = await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=csv&history=only");
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain("变更记录-chengdu-2015-");
    const text = await res.text();
    expect(text.startsWith("序号,时间,操作人,来源,")).toBe(true); // text() drops the BOM
    expect(text.split("\r\n")).toHaveLength(3);
    await expectProblem(await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=csv&history=include"), "invalid-request");
    // In English the sheet cannot be called "History" (a name Excel reserves); an unknown unit gives an empty history, not an error.
    const en = await t.app.request("/api/exports/ledger?unitId=%21%3A%21&lang=en&history=only");
    expect(en.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await en.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Ledger", "Summary", "Change history"]);
    await expectProblem(await t.app.request("/api/exports/ledger?planId=chengdu-2015&format=ics&history=only"), "invalid-request");
  });
});
