import { sql, type Kysely } from "kysely";
import type { Database } from "./database.js";

type Db = Kysely<Database>;

/**
 * The time to stamp on a plan whose content a write is changing (inside that
 * write's transaction): `at`, or just after the latest stamp of any plan when
 * that is not earlier. So every such write moves `max(updated_at)` forward,
 * even with a clock that stands still (tests) or lags another process's.
 * On PostgreSQL the caller holds the plan-load advisory lock, so two writes
 * cannot both read the same latest stamp.
 */
export async function nextPlanStamp(trx: Db, at: string): Promise<string> {
  const row = await trx.selectFrom("plans").select((eb) => eb.fn.max("updated_at").as("latest")).executeTakeFirst();
  const latest = row?.latest == null ? Number.NaN : Date.parse(row.latest);
  return Number.isNaN(latest) || latest < Date.parse(at) ? at : new Date(latest + 1).toISOString();
}

/**
 * One string that changes whenever any plan's content changes, from the
 * database (so writes by other processes count): how many plans there are and
 * the latest stamp (see {@link nextPlanStamp}). Two index reads.
 */
export async function plansRevision(db: Db): Promise<string> {
  const { rows } = await sql<{ n: number | string; latest: string | null }>`select (select count(*) from plans) as n, (select max(updated_at) from plans) as latest`.execute(db);
  const row = rows[0];
  return `${String(row?.n ?? 0)}@${row?.latest ?? ""}`;
}
