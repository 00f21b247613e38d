import { ledgerRows, type LedgerFileRow, type LedgerRow, type UnitId } from "@taizhang/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixturePlan, UNIT_DEVREFORM, UNIT_FINANCE, UNIT_LEGAL } from "./__fixtures__/fixture-plan.js";
import type { KyselyLedger } from "./kysely-ledger.js";
import { LedgerError } from "./ledger.js";
import { applyProgressImport, previewProgressImport } from "./progress-import.js";
import { testBackends } from "./test-support/backends.js";
import { ADMIN, item, officeOf, PLAN, unit, VIEWER } from "./test-support/ids.js";

const backends = await testBackends();
const LEGAL = unit(UNIT_LEGAL);
const DEVREFORM = unit(UNIT_DEVREFORM);
const FINANCE = unit(UNIT_FINANCE);

/** A ledger row as the exported file's cells (status as its Chinese label, as the xlsx drop-down writes it). */
function fileRow(row: LedgerRow, line: number, edits: Partial<LedgerFileRow["cells"]> = {}): LedgerFileRow {
  const labels = { not_started: "未开始", in_progress: "进行中", done: "已完成", blocked: "受阻", not_applicable: "不适用" } as const;
  return {
    line,
    cells: {
      itemId: row.itemId,
      unitId: row.unitId,
      version: String(row.version),
      planTitle: row.planTitle,
      taskNumber: String(row.taskNumber),
      item: row.item,
      unit: row.unit,
      status: labels[row.status],
      percent: String(row.percent),
      note: row.note,
      evidence: row.evidence,
      measuredValue: row.measuredValue,
      responsiblePerson: row.responsiblePerson ? row.responsiblePerson.name : "",
      ...edits,
    },
  };
}

describe.each(backends)("progress import from an edited ledger on $name", (backend) => {
  let ledger: KyselyLedger;
  let clock: Date;
  beforeAll(() => backend.setUp());
  afterEach(async () => ledger.close());
  afterAll(() => backend.tearDown());

  async function exported(): Promise<LedgerFileRow[]> {
    const rows = ledgerRows([await ledger.getPlan(PLAN)], await ledger.checklist({ planId: PLAN }), clock);
    return rows.map((r, i) => fileRow(r, i + 2));
  }
  const find = (rows: LedgerFileRow[], itemId: string, unitId: UnitId) => {
    const row = rows.find((r) => r.cells.itemId === itemId && r.cells.unitId === unitId);
    if (!row) throw new Error(`no row ${itemId} ${unitId}`);
    return row;
  };

  async function openLoaded(): Promise<void> {
    clock = new Date("2017-01-05T01:00:00Z");
    ledger = await backend.open({ clock: () => clock });
    await ledger.loadPlan(fixturePlan());
  }

  it("previews the edited rows, applies them in one go, and history records the import", async () => {
    await openLoaded();
    const rows = await exported();
    const m1 = find(rows, item(1, "m1"), LEGAL);
    m1.cells = { ...m1.cells, status: "已完成", percent: "100", note: "已公布收费目录清单", evidence: "目录 https://example.gov.cn/list", responsiblePerson: "张伟(科长,0471-1234567)" };
    const m2 = find(rows, item(1, "m2"), DEVREFORM);
    m2.cells = { ...m2.cells, status: "进行中", percent: "40%", measuredValue: "93%" };

    const preview = await previewProgressImport(ledger, ADMIN, rows);
    expect(preview.summary).toEqual({ rows: rows.length, changes: 2, unchanged: rows.length - 2, rejected: 0 });
    expect(preview.rows.map((r) => [r.line, r.outcome, r.changes.map((c) => c.field)])).toEqual([
      [m1.line, "change", ["status", "percent", "note", "evidence", "responsiblePerson"]],
      [m2.line, "change", ["status", "percent", "measuredValue"]],
    ]);
    expect(preview.rows[0]?.label).toBe("1. 深化行政审批制度改革 · 全部公布收费目录清单 · 市政府法制办");
    // A preview writes nothing.
    expect((await ledger.getProgress(item(1, "m1"), LEGAL)).version).toBe(0);

    const result = await applyProgressImport(ledger, ADMIN, rows, { fileName: "台账.xlsx" });
    expect(result).toMatchObject({ applied: true, written: 2 });
    expect(await ledger.getProgress(item(1, "m1"), LEGAL)).toMatchObject({
      status: "done",
      percent: 100,
      note: "已公布收费目录清单",
      evidence: [{ description: "目录", url: "https://example.gov.cn/list" }],
      responsiblePerson: { name: "张伟", post: "科长", contact: "0471-1234567" },
      version: 1,
    });
    expect(await ledger.getProgress(item(1, "m2"), DEVREFORM)).toMatchObject({ status: "in_progress", percent: 40, measuredValue: { value: 93, unit: "%", asOf: null } });
    // Nothing else moved.
    const untouched = (await ledger.checklist({ planId: PLAN })).filter((r) => r.progress.version > 0);
    expect(untouched.map((r) => `${r.item.id} ${r.unitId}`).sort()).toEqual([`${item(1, "m1")} ${LEGAL}`, `${item(1, "m2")} ${DEVREFORM}`].sort());
    const history = (await ledger.history({ planId: PLAN, limit: 10 })).items;
    expect(history).toHaveLength(2);
    expect(history.every((h) => h.source === "import" && h.actor === ADMIN.name)).toBe(true);
    expect(history.map((h) => h.note).sort()).toEqual([`导入 台账.xlsx 第${m1.line}行`, `导入 台账.xlsx 第${m2.line}行`].sort());

    // The same file again changes nothing: its edits are already in the store.
    const again = await previewProgressImport(ledger, ADMIN, rows);
    expect(again.summary).toMatchObject({ changes: 0, rejected: 0 });
  });

  it("refuses rows it cannot apply, with the reason, and applies nothing unless told to skip them", async () => {
    await openLoaded();
    const rows = await exported();
    find(rows, item(1, "m1"), LEGAL).cells.status = "差不多了";
    find(rows, item(1, "m1"), DEVREFORM).cells.percent = "140";
    find(rows, item(1, "m2"), LEGAL).cells.note = "已完成清理";
    const unknown = { line: 90, cells: { ...find(rows, item(1, "m2"), LEGAL).cells, itemId: "testville-2016/9#task" } };
    const duplicate = { line: 91, cells: { ...find(rows, item(1, "m2"), LEGAL).cells } };
    const all = [...rows, unknown, duplicate];

    const preview = await previewProgressImport(ledger, ADMIN, all);
    expect(preview.summary).toMatchObject({ changes: 1, rejected: 4 });
    const reasons = Object.fromEntries(preview.rows.filter((r) => r.outcome === "rejected").map((r) => [r.line, `${r.reason}: ${r.message}`]));
    expect(reasons[find(rows, item(1, "m1"), LEGAL).line]).toMatch(/^invalid_cell: "差不多了" is not a status; choose one of 未开始、进行中/);
    expect(reasons[find(rows, item(1, "m1"), DEVREFORM).line]).toMatch(/^invalid_cell: 140 is more than 100 percent/);
    expect(reasons[90]).toMatch(/^unknown_row: no item testville-2016\/9#task/);
    expect(reasons[91]).toMatch(/^duplicate: the same item and unit as row \d+/);

    const refused = await applyProgressImport(ledger, ADMIN, all);
    expect(refused).toMatchObject({ applied: false, written: 0 });
    expect((await ledger.history({ planId: PLAN })).items).toHaveLength(0);

    const skipped = await applyProgressImport(ledger, ADMIN, all, { skipRejected: true });
    expect(skipped).toMatchObject({ applied: true, written: 1 });
    expect((await ledger.getProgress(item(1, "m2"), LEGAL)).note).toBe("已完成清理");
  });

  it("lets an office write only its own unit's rows and refuses a viewer outright", async () => {
    await openLoaded();
    const rows = await exported();
    find(rows, item(1, "m1"), LEGAL).cells.percent = "10";
    find(rows, item(1, "m1"), FINANCE).cells.percent = "20";
    const preview = await previewProgressImport(ledger, officeOf(LEGAL), rows);
    expect(preview.rows.map((r) => [r.unitId, r.outcome, r.reason])).toEqual([
      [LEGAL, "change", null],
      [FINANCE, "rejected", "forbidden"],
    ]);
    await expect(previewProgressImport(ledger, VIEWER, rows)).rejects.toBeInstanceOf(LedgerError);
  });

  it("finds a stale row (changed by someone after the export) but lets untouched rows pass", async () => {
    await openLoaded();
    const rows = await exported();
    // After the export, someone changes two rows in the store.
    await ledger.updateProgress(officeOf(LEGAL), { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 0, patch: { percent: 30, note: "别人改的" } });
    await ledger.updateProgress(officeOf(FINANCE), { itemId: item(1, "m1"), unitId: FINANCE, expectedVersion: 0, patch: { percent: 50 } });
    // The office edited one of them in the file (stale), and left the other alone (not an edit: not refused, not reverted).
    find(rows, item(1, "m1"), LEGAL).cells.percent = "60";
    const preview = await previewProgressImport(ledger, ADMIN, rows);
    expect(preview.summary).toMatchObject({ changes: 0, rejected: 1 });
    expect(preview.rows[0]).toMatchObject({ itemId: item(1, "m1"), unitId: LEGAL, reason: "stale" });
    expect(preview.rows[0]?.message).toMatch(/^changed by .* after this file was exported \(version 0 → 1\)/);
    expect((await ledger.getProgress(item(1, "m1"), FINANCE)).percent).toBe(50);

    // An edit that matches what the store now holds is no conflict.
    find(rows, item(1, "m1"), LEGAL).cells.percent = "30";
    expect((await previewProgressImport(ledger, ADMIN, rows)).summary).toMatchObject({ changes: 0, rejected: 0 });

    // A file exported after the change (version 1) applies on top of it.
    const fresh = await exported();
    // (30 % alone moved the row from 未开始 to 进行中: core's rule for status and percent.)
    expect(find(fresh, item(1, "m1"), LEGAL).cells.status).toBe("进行中");
    find(fresh, item(1, "m1"), LEGAL).cells.status = "受阻";
    const applied = await applyProgressImport(ledger, ADMIN, fresh);
    expect(applied).toMatchObject({ applied: true, written: 1 });
    expect(await ledger.getProgress(item(1, "m1"), LEGAL)).toMatchObject({ status: "blocked", percent: 30, note: "别人改的", version: 2 });
  });

  it("refuses a row whose 状态 and 完成百分比 do not go together (未开始 80 %, 已完成 10 %)", async () => {
    await openLoaded();
    for (const m of ["m1", "m2"] as const) {
      await ledger.updateProgress(officeOf(LEGAL), { itemId: item(1, m), unitId: LEGAL, expectedVersion: 0, patch: { status: "in_progress", percent: 60 } });
    }
    const rows = await exported();
    find(rows, item(1, "m1"), LEGAL).cells = { ...find(rows, item(1, "m1"), LEGAL).cells, status: "未开始", percent: "80" };
    find(rows, item(1, "m2"), LEGAL).cells = { ...find(rows, item(1, "m2"), LEGAL).cells, status: "已完成", percent: "10" };
    const preview = await previewProgressImport(ledger, ADMIN, rows);
    expect(preview.summary).toMatchObject({ changes: 0, rejected: 2 });
    expect(preview.rows.map((r) => [r.reason, r.message?.startsWith("状态 and 完成百分比 do not go together")])).toEqual([
      ["invalid_cell", true],
      ["invalid_cell", true],
    ]);
  });

  it("uses the history to tell edits from others' changes on a row exported at an older version", async () => {
    await openLoaded();
    await ledger.updateProgress(ADMIN, { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 0, patch: { note: "v1" } });
    const rows = await exported(); // exported at version 1
    await ledger.updateProgress(ADMIN, { itemId: item(1, "m1"), unitId: LEGAL, expectedVersion: 1, patch: { note: "v2" } });
    // Left alone in the file: unchanged although the store moved on to version 2.
    expect((await previewProgressImport(ledger, ADMIN, rows)).summary).toMatchObject({ changes: 0, rejected: 0 });
    find(rows, item(1, "m1"), LEGAL).cells.note = "我的修改";
    expect((await previewProgressImport(ledger, ADMIN, rows)).rows[0]).toMatchObject({ reason: "stale" });
    // A version the store never had: not this ledger's file.
    find(rows, item(1, "m1"), LEGAL).cells.version = "7";
    expect((await previewProgressImport(ledger, ADMIN, rows)).rows[0]?.message).toMatch(/newer than the stored version 2/);
  });

  it("matches rows without ids by plan title, task number, item and unit name", async () => {
    await openLoaded();
    const rows = (await exported()).map((r) => ({ ...r, cells: { ...r.cells, itemId: "", unitId: "" } }));
    const whole = rows.find((r) => r.cells.taskNumber === "2" && r.cells.item === "整项任务");
    if (!whole) throw new Error("no whole-task row for task 2");
    whole.cells.status = "done";
    const result = await applyProgressImport(ledger, ADMIN, rows);
    expect(result).toMatchObject({ applied: true, written: 1 });
    expect(result.rows[0]?.itemId).toBe(item(2, "task"));
    const stray = { line: 99, cells: { ...whole.cells, planTitle: "不存在的规划" } };
    expect((await previewProgressImport(ledger, ADMIN, [stray])).rows[0]?.message).toBe('no plan titled "不存在的规划"');
  });
});
