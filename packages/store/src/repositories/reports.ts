import { rollUp, type PlanId, type ProgressStatus, type RollupRow } from "@taizhang/core";
import { chunks } from "../chunks.js";
import type { ReportRow } from "../ledger.js";
import type { Db, StoreContext } from "./store-context.js";

export type ReportBy = "plan" | "section" | "unit" | "task";

/** Live (item, unit) rows that share a group key, status, due date and percent. */
interface RowGroup {
  key: string;
  status: ProgressStatus;
  due: string;
  percent: number;
  n: number;
}

/** Reports: roll-ups of progress, computed from the database's counts. */
export class ReportsRepository {
  constructor(private readonly store: StoreContext) {}

  report(by: ReportBy, asOf: Date, filter: { planId?: PlanId } = {}): Promise<ReportRow[]> {
    return this.store.read((db) => progressReport(db, by, asOf, filter.planId));
  }
}

/**
 * Roll-ups of live progress rows grouped by plan, section, unit or task.
 * The database counts identical rows (same group, status, due date and
 * percent) so that only a few thousand groups cross the wire, not every row;
 * core's `rollUp` then sees each row once, exactly as if it had been fetched.
 */
async function progressReport(db: Db, by: ReportBy, asOf: Date, planId: PlanId | undefined): Promise<ReportRow[]> {
  const groups = await groupedRows(db, by, planId);
  const byKey = new Map<string, RowGroup[]>();
  for (const g of groups) byKey.set(g.key, [...(byKey.get(g.key) ?? []), g]);
  const meta = await groupLabels(db, by, [...byKey.keys()], planId);
  return [...byKey.entries()]
    .map(([key, rows]) => ({ key, rows, meta: meta.get(key) ?? { label: key, order: [key] } }))
    .sort((a, b) => compareKeys(a.meta.order, b.meta.order))
    .map(({ key, rows, meta: m }) => ({ key, label: m.label, rollup: rollUp(expand(rows), asOf) }));
}

function* expand(groups: RowGroup[]): Iterable<RollupRow> {
  for (const g of groups) {
    const row: RollupRow = { status: g.status, percent: g.percent, due: g.due };
    for (let i = 0; i < g.n; i += 1) yield row;
  }
}

async function groupedRows(db: Db, by: ReportBy, planId: PlanId | undefined): Promise<RowGroup[]> {
  let base = db
    .selectFrom("progress as p")
    .innerJoin("checklist_items as ci", "ci.id", "p.item_id")
    .where("p.orphaned", "=", 0)
    .where("ci.orphaned", "=", 0);
  if (planId !== undefined) base = base.where("ci.plan_id", "=", planId);
  const measures = ["p.status", "ci.due", "p.percent"] as const;
  const group = (r: { status: string; due: string; percent: number; n: number | string | bigint }, key: string): RowGroup => ({
    key,
    status: r.status as ProgressStatus,
    due: r.due,
    percent: r.percent,
    n: Number(r.n),
  });
  if (by === "section") {
    const rows = await base
      .innerJoin("tasks as t", "t.id", "ci.task_id")
      .select(["t.plan_id", "t.part_number", "t.section_number", ...measures])
      .select((eb) => eb.fn.countAll().as("n"))
      .groupBy(["t.plan_id", "t.part_number", "t.section_number", ...measures])
      .execute();
    return rows.map((r) => group(r, sectionKey(r.plan_id, r.part_number, r.section_number)));
  }
  const column = by === "plan" ? "ci.plan_id" : by === "task" ? "ci.task_id" : "p.unit_id";
  const rows = await base
    .select([`${column} as k`, ...measures])
    .select((eb) => eb.fn.countAll().as("n"))
    .groupBy([column, ...measures])
    .execute();
  return rows.map((r) => group(r, r.k));
}

/** Sections are keyed `<plan>#section-<n>`; tasks directly under a part, `<plan>#part-<n>`. */
function sectionKey(planId: string, partNumber: number, sectionNumber: number | null): string {
  return sectionNumber === null ? `${planId}#part-${partNumber}` : `${planId}#section-${sectionNumber}`;
}

async function groupLabels(db: Db, by: ReportBy, keys: string[], planId: PlanId | undefined) {
  const meta = new Map<string, { label: string; order: Array<string | number> }>();
  if (by === "section") {
    let parts = db.selectFrom("parts").select(["plan_id", "number", "title"]);
    let sections = db.selectFrom("sections").select(["plan_id", "number", "part_number", "title"]);
    if (planId !== undefined) {
      parts = parts.where("plan_id", "=", planId);
      sections = sections.where("plan_id", "=", planId);
    }
    for (const p of await parts.execute()) meta.set(sectionKey(p.plan_id, p.number, null), { label: p.title, order: [p.plan_id, p.number, 0] });
    for (const s of await sections.execute()) {
      meta.set(sectionKey(s.plan_id, s.part_number, s.number), { label: s.title, order: [s.plan_id, s.part_number, s.number] });
    }
    return meta;
  }
  for (const batch of chunks(keys, 500)) {
    if (by === "plan") {
      for (const p of await db.selectFrom("plans").select(["id", "title"]).where("id", "in", batch).execute()) {
        meta.set(p.id, { label: p.title, order: [p.id] });
      }
    } else if (by === "unit") {
      for (const u of await db.selectFrom("units").select(["id", "name"]).where("id", "in", batch).execute()) {
        meta.set(u.id, { label: u.name, order: [u.id] });
      }
    } else {
      for (const t of await db.selectFrom("tasks").select(["id", "plan_id", "number", "title"]).where("id", "in", batch).execute()) {
        meta.set(t.id, { label: `${t.number}. ${t.title}`, order: [t.plan_id, t.number] });
      }
    }
  }
  return meta;
}

function compareKeys(a: Array<string | number>, b: Array<string | number>): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
