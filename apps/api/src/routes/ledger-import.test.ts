import ExcelJS from "exceljs";
import { LEDGER_COLUMNS } from "@taizhang/core";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { expectProblem } from "../test-support/responses.js";
import { asCaller, createTestApp, progressPath, UNIT_A, UNIT_B, type TestApp } from "../test-support/test-app.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const Result = z.object({
  file: z.object({ name: z.string().nullable(), format: z.enum(["xlsx", "csv"]), sheet: z.string().nullable(), ignoredHeaders: z.array(z.string()) }),
  summary: z.object({ rows: z.number(), changes: z.number(), unchanged: z.number(), rejected: z.number() }),
  rows: z.array(z.object({ line: z.number(), outcome: z.string(), itemId: z.string().nullable(), unitId: z.string().nullable(), label: z.string().nullable(), changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })), reason: z.string().nullable(), message: z.string().nullable() })),
  applied: z.boolean(),
  written: z.number(),
});
const column = (zh: string) => LEDGER_COLUMNS.findIndex((c) => c.zh === zh) + 1;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** The ledger as the office downloads it. */
async function download(query: string, token: string): Promise<ExcelJS.Workbook> {
  const res = await t.app.request(`/api/exports/ledger?${query}&format=xlsx`, { headers: asCaller(token) });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.arrayBuffer()) as never);
  return book;
}

/** The sheet row of an (item, unit), found by the hidden id columns. */
function rowOf(book: ExcelJS.Workbook, itemId: string, unitId: string): ExcelJS.Row {
  const sheet = book.getWorksheet("台账");
  let found: ExcelJS.Row | undefined;
  sheet?.eachRow((row) => {
    if (row.getCell(column("事项编号")).value === itemId && row.getCell(column("单位编号")).value === unitId) found = row;
  });
  if (!found) throw new Error(`no row ${itemId} ${unitId}`);
  return found;
}

/** Another row of the unit than `not`. */
function otherRowOf(book: ExcelJS.Workbook, unitId: string, not: ExcelJS.Row): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  book.getWorksheet("台账")?.eachRow((row) => {
    if (!found && row.number > 1 && row.number !== not.number && row.getCell(column("单位编号")).value === unitId) found = row;
  });
  if (!found) throw new Error(`no second row of ${unitId}`);
  return found;
}

const upload = async (book: ExcelJS.Workbook, token: string | null, query = "") =>
  t.app.request(`/api/imports/ledger${query}`, { method: "POST", headers: asCaller(token, { "Content-Type": XLSX }), body: new Uint8Array(await book.xlsx.writeBuffer()) });

describe("POST /api/imports/ledger", () => {
  test("export → edit cells → preview → apply: the store holds exactly the edits, and history shows them as an import", async () => {
    const book = await download(`unitId=${encodeURIComponent(UNIT_A)}`, t.tokens.officeA);
    const first = rowOf(book, "chengdu-2015/1#task", UNIT_A);
    first.getCell(column("状态")).value = "进行中";
    first.getCell(column("完成百分比")).value = 45;
    first.getCell(column("进展说明")).value = "已完成目录梳理\n待公布";
    first.getCell(column("责任人")).value = "张伟(法规科科长,0471-1234567)";
    const second = otherRowOf(book, UNIT_A, first);
    second.getCell(column("状态")).value = "已完成";
    second.getCell(column("佐证材料")).value = "公布文件 https://www.chengdu.gov.cn/notice/1";

    const preview = Result.parse(await (await upload(book, t.tokens.officeA, "?fileName=%E5%8F%B0%E8%B4%A6.xlsx")).json());
    expect(preview).toMatchObject({ file: { name: "台账.xlsx", format: "xlsx", sheet: "台账" }, applied: false, written: 0 });
    expect(preview.summary).toMatchObject({ changes: 2, rejected: 0 });
    expect(preview.rows[0]?.changes).toEqual([
      { field: "status", before: "not_started", after: "in_progress" },
      { field: "percent", before: 0, after: 45 },
      { field: "note", before: "", after: "已完成目录梳理\n待公布" },
      { field: "responsiblePerson", before: null, after: { name: "张伟", post: "法规科科长", contact: "0471-1234567" } },
    ]);
    expect((await t.ledger.history({ unitId: UNIT_A as never })).items).toHaveLength(0);

    const applied = Result.parse(await (await upload(book, t.tokens.officeA, "?apply=true&fileName=%E5%8F%B0%E8%B4%A6.xlsx")).json());
    expect(applied).toMatchObject({ applied: true, written: 2 });
    const progress = await (await t.app.request(progressPath(UNIT_A))).json();
    expect(progress).toMatchObject({ status: "in_progress", percent: 45, note: "已完成目录梳理\n待公布", responsiblePerson: { name: "张伟" }, version: 1 });
    const [, task, part] = /^chengdu-2015\/(\d+)#(\w+)$/.exec(String(second.getCell(column("事项编号")).value)) ?? [];
    const done = await (await t.app.request(progressPath(UNIT_A, { planId: "chengdu-2015", number: Number(task), item: part ?? "" }))).json();
    expect(done).toMatchObject({ status: "done", evidence: [{ description: "公布文件", url: "https://www.chengdu.gov.cn/notice/1" }] });
    const history = z.object({ items: z.array(z.object({ source: z.string(), actor: z.string(), note: z.string().nullable() })) }).parse(await (await t.app.request(`/api/history/units/${encodeURIComponent(UNIT_A)}`)).json());
    expect(history.items).toHaveLength(2);
    expect(history.items.every((h) => h.source === "import" && h.actor === "市政府法制办 office" && /^导入 台账\.xlsx 第\d+行$/.test(h.note ?? ""))).toBe(true);

    // Uploading the same file again finds nothing to do.
    expect(Result.parse(await (await upload(book, t.tokens.officeA, "?apply=true")).json())).toMatchObject({ applied: true, written: 0, summary: { changes: 0 } });
  });

  test("a row someone changed after the export is refused as stale; apply writes nothing unless told to skip it", async () => {
    const book = await download("planId=chengdu-2015", t.tokens.admin);
    rowOf(book, "chengdu-2015/1#task", UNIT_A).getCell(column("完成百分比")).value = 30;
    rowOf(book, "chengdu-2015/1#task", UNIT_B).getCell(column("完成百分比")).value = 60;
    const patch = await t.app.request(progressPath(UNIT_A), { method: "PATCH", headers: asCaller(t.tokens.officeA, { "If-Match": '"0"' }), body: JSON.stringify({ percent: 10 }) });
    expect(patch.status).toBe(200);

    const res = await upload(book, t.tokens.admin, "?apply=true");
    const problem = await expectProblem(res, "import-rejected");
    const body = z.object({ import: Result }).parse(problem);
    const byUnit = new Map(body.import.rows.map((r) => [r.unitId, r]));
    expect(body.import.rows).toHaveLength(2);
    expect(byUnit.get(UNIT_A)).toMatchObject({ outcome: "rejected", reason: "stale" });
    expect(byUnit.get(UNIT_B)).toMatchObject({ outcome: "change", reason: null });
    expect(byUnit.get(UNIT_A)?.message).toMatch(/^changed by 市政府法制办 office at .* after this file was exported \(version 0 → 1\)/);
    expect(await (await t.app.request(progressPath(UNIT_B))).json()).toMatchObject({ version: 0 });

    const skipped = Result.parse(await (await upload(book, t.tokens.admin, "?apply=true&skipRejected=true")).json());
    expect(skipped).toMatchObject({ applied: true, written: 1 });
    expect(await (await t.app.request(progressPath(UNIT_A))).json()).toMatchObject({ percent: 10 });
    expect(await (await t.app.request(progressPath(UNIT_B))).json()).toMatchObject({ percent: 60, version: 1 });
  });

  test("an office may upload the plan-wide ledger but not change another unit's rows", async () => {
    const book = await download("planId=chengdu-2015", t.tokens.officeA);
    rowOf(book, "chengdu-2015/1#task", UNIT_B).getCell(column("状态")).value = "已完成";
    const preview = Result.parse(await (await upload(book, t.tokens.officeA)).json());
    expect(preview.rows).toEqual([expect.objectContaining({ unitId: UNIT_B, reason: "forbidden", message: "市政府法制办 office may only change the progress of its own unit, not 市委编办" })]);
    await expectProblem(await upload(book, t.tokens.viewer), "forbidden");
    await expectProblem(await upload(book, null), "unauthorized");
  });

  test("CSV (as exported, or re-saved by Excel) and multipart form uploads work the same way", async () => {
    const csv = await (await t.app.request(`/api/exports/ledger?unitId=${encodeURIComponent(UNIT_A)}&format=csv`)).text();
    const lines = csv.split("\r\n");
    const at = lines.findIndex((l) => l.includes("chengdu-2015/1#task,成都市:市政府法制办"));
    lines[at] = lines[at]?.replace(",未开始,0,", ",进行中,20,") ?? "";
    const edited = lines.join("\r\n");
    const raw = Result.parse(await (await t.app.request("/api/imports/ledger", { method: "POST", headers: asCaller(t.tokens.officeA, { "Content-Type": "text/csv" }), body: edited })).json());
    expect(raw).toMatchObject({ file: { format: "csv" }, summary: { changes: 1, rejected: 0 } });
    const form = new FormData();
    form.set("file", new File([edited], "我的台账.csv", { type: "text/csv" }));
    const viaForm = Result.parse(await (await t.app.request("/api/imports/ledger?apply=true", { method: "POST", headers: { Authorization: `Bearer ${t.tokens.officeA}` }, body: form })).json());
    expect(viaForm).toMatchObject({ file: { name: "我的台账.csv" }, applied: true, written: 1 });
    expect(await (await t.app.request(progressPath(UNIT_A))).json()).toMatchObject({ status: "in_progress", percent: 20 });
  });

  test("files that cannot be read are refused whole with what is wrong, and nothing is written", async () => {
    const post = (body: string | Uint8Array, type: string) => t.app.request("/api/imports/ledger?apply=true", { method: "POST", headers: asCaller(t.tokens.admin, { "Content-Type": type }), body });
    const pdf = await expectProblem(await post(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2]), "application/octet-stream"), "invalid-ledger-file");
    expect(pdf).toMatchObject({ code: "not_spreadsheet", detail: "not a spreadsheet: upload the ledger as .xlsx or CSV" });
    await expectProblem(await post(JSON.stringify({ rows: [] }), "application/json"), "unsupported-media-type");
    const missing = await expectProblem(await post("事项编号,单位编号,状态\r\nchengdu-2015/1#task,成都市:市政府法制办,已完成\r\n", "text/csv"), "invalid-ledger-file");
    expect(missing).toMatchObject({ code: "missing_columns", detail: expect.stringContaining("lacks the column 版本") });
    const book = await download("planId=chengdu-2015", t.tokens.admin);
    rowOf(book, "chengdu-2015/1#task", UNIT_A).getCell(column("完成百分比")).value = { formula: "40+2", result: 42 } as ExcelJS.CellFormulaValue;
    const formula = await expectProblem(await upload(book, t.tokens.admin, "?apply=true"), "invalid-ledger-file");
    expect(formula).toMatchObject({ code: "formula", detail: expect.stringMatching(/^cells where values belong hold formulas or errors: 台账!M\d+ \(完成百分比\) holds a formula \(=40\+2\)/) });
    expect((await t.ledger.history({})).items).toHaveLength(0);
  });

  test("an upload over the import size limit is refused with 413", async () => {
    await t.close();
    t = await createTestApp({ importBodyLimit: 2048 });
    const res = await t.app.request("/api/imports/ledger", { method: "POST", headers: asCaller(t.tokens.admin, { "Content-Type": "text/csv" }), body: "x".repeat(5000) });
    await expectProblem(res, "payload-too-large");
  });
});
