import type { HistoryEntry } from "@taizhang/core";
import { sql } from "kysely";
import { decodeCursor, encodeCursor } from "../cursor.js";
import { LedgerError, type HistoryFilter, type Page } from "../ledger.js";
import { toHistoryEntry } from "../row-mapping.js";
import { clampLimit, DEFAULT_HISTORY_PAGE, whenDefined, type StoreContext } from "./store-context.js";

/** The history of progress changes (written by ProgressRepository with each change; never edited). */
export class HistoryRepository {
  constructor(private readonly store: StoreContext) {}

  /** Newest first, a keyset page on id, with the number of entries the filter selects. */
  page(filter: HistoryFilter): Promise<Page<HistoryEntry>> {
    const limit = clampLimit(filter.limit, DEFAULT_HISTORY_PAGE);
    return this.store.read(async (db) => {
      const q = db
        .selectFrom("history")
        .$call(whenDefined(filter.planId, (qb, planId) => qb.where("plan_id", "=", planId)))
        .$call(whenDefined(filter.itemId, (qb, itemId) => qb.where("item_id", "=", itemId)))
        .$call(
          whenDefined(filter.taskId, (qb, taskId) => {
            // A task's item ids are `<taskId>#<item>`: its plan's history (the history_plan index), then a prefix
            // match — LIKE, not a range, which would follow the database's collation on PostgreSQL.
            const pattern = `${taskId.replace(/[\\%_]/g, (ch) => `\\${ch}`)}#%`;
            return qb.where("plan_id", "=", taskId.slice(0, taskId.lastIndexOf("/"))).where(sql<boolean>`item_id like ${pattern} escape '\\'`);
          }),
        )
        .$call(whenDefined(filter.unitId, (qb, unitId) => qb.where("unit_id", "=", unitId)))
        .$call(whenDefined(filter.since, (qb, since) => qb.where("at", ">=", instant(since, "since"))))
        .$call(whenDefined(filter.until, (qb, until) => qb.where("at", "<=", instant(until, "until"))));
      const lastId = filter.cursor ? decodeCursor(filter.cursor, "history", ["number"])[0] : undefined;
      const rows = await q
        .selectAll()
        .$call(whenDefined(lastId, (qb, id) => qb.where("id", "<", Number(id))))
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const counted = await q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
      return {
        items: pageRows.map(toHistoryEntry),
        nextCursor: rows.length > limit && last ? encodeCursor("history", [last.id]) : null,
        total: Number(counted.n),
      };
    });
  }
}

/**
 * History times are stored as `toISOString()` text; a bound in any other
 * ISO form (a bare date, an offset) is brought to the same form so that text
 * comparison is time comparison. A bound that is not a date is refused. A bare
 * date means its midnight UTC.
 */
function instant(value: string, name: string): string {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new LedgerError("invalid", `${name} is not a date or time: ${value}`);
  return new Date(t).toISOString();
}
