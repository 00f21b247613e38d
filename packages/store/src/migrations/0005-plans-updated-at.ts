import type { Kysely, Migration } from "kysely";

/**
 * Indexes `plans.updated_at`. Every write of a plan's content (a load that
 * changes it, units assigned by an admin) stamps the plan with a time later
 * than any plan's, so `count(*)` and `max(updated_at)` over plans name the
 * content of all plans at once; the task list checks them on every request
 * (see task-key-cache.ts), and without this index `max` reads every plan row
 * with its JSON.
 */
export const plansUpdatedAtMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex("plans_updated_at").on("plans").columns(["updated_at"]).execute();
  },
};
