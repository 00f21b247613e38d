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
